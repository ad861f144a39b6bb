/**
 * Mounted secrets in the attack graph: code running in a workload's pods reads every Secret they
 * mount (mounts.ts), so each becomes a `secret-read` step to a node of its own, `secret:NS/NAME`.
 *
 * One node per Secret, not the namespace's `secrets:NS`: that node means "every secret of NS"
 * (what get/list on secrets grants), and a mount gives one Secret. Folding mounts into it would
 * also make `secrets:NS` reachable without any fix as soon as one assume-breach workload of NS
 * mounts anything, and the cut would stop protecting it from the RBAC paths it exists for. The
 * nodes are as many as the distinct Secrets referenced, the edges as the (workload, Secret) pairs.
 *
 * A mounted Secret of type kubernetes.io/service-account-token also gives its ServiceAccount (a
 * `token-theft` step, also without a fix: the pod asked for that token).
 *
 * Such a step has no fix: the application needs its secret, and moving it to a narrower one is a
 * design change no patch can make. A cut must stop the attacker before the workload.
 */
import { serviceAccountUser } from '../rbac/subjects.js';
import { where } from './locate.js';
import type { FindingLookup } from './findings.js';
import type { AttackGraph } from './graph.js';
import { mountedSecretId } from './ids.js';
import { describeMount, secretMounts } from './mounts.js';
import type { WorkloadInfo } from './workloads.js';

/** Rules that report a Secret handed to a container as an environment variable. */
const ENV_RULES = ['secret-as-env-var'];
const TOKEN_SECRET_RULES = ['long-lived-sa-token-secret'];

/** `namespace/name` of a legacy token Secret -> the ServiceAccount whose token the token controller put in it. */
export type TokenSecrets = ReadonlyMap<string, string>;

export function tokenSecretsOf(secrets: readonly { readonly namespace: string; readonly name: string; readonly serviceAccount: string }[]): TokenSecrets {
  return new Map(secrets.map((s) => [`${s.namespace}/${s.name}`, s.serviceAccount]));
}

export function addMountedSecrets(graph: AttackGraph, info: WorkloadInfo, findings: FindingLookup, tokens: TokenSecrets): void {
  const mounts = secretMounts(info.template);
  if (mounts.size === 0) return;
  const envFindings = findings.on(info.resource, ENV_RULES);
  for (const [secret, ways] of mounts) {
    const id = mountedSecretId(info.namespace, secret);
    graph.addNode({ id, kind: 'secret', label: `Secret ${info.namespace}/${secret}`, namespace: info.namespace, resource: { apiVersion: 'v1', kind: 'Secret', namespace: info.namespace, name: secret } });
    const viaEnv = ways.some((w) => w.via === 'env' || w.via === 'envFrom');
    const mount = ways.map((w) => ({ secret: w.secret, via: w.via, name: w.name, container: w.container, path: w.path }));
    const account = tokens.get(`${info.namespace}/${secret}`);
    if (account !== undefined) {
      // A long-lived token Secret in the pod is that ServiceAccount's credential: holding it is being it.
      const sa = serviceAccountUser(info.namespace, account);
      graph.addNode({ id: sa, kind: 'serviceaccount', label: sa });
      graph.addEdge({
        from: info.id,
        to: sa,
        kind: 'token-theft',
        explanation: `read the token of ServiceAccount ${account} from Secret ${secret}, which the pods of ${info.resource.kind} ${info.resource.name} mount`,
        located: () => `read the token of ServiceAccount ${account} from Secret ${secret}, which the pods of ${info.resource.kind} ${info.resource.name} mount (${ways.map((w) => `${describeMount(w)} at ${where(info.resource, w.path)}`).join('; ')})`,
        evidence: { serviceAccount: `${info.namespace}/${account}`, mount },
        findingIds: findings.on({ apiVersion: 'v1', kind: 'Secret', namespace: info.namespace, name: secret }, TOKEN_SECRET_RULES),
        probability: 1,
      }, `mount:${secret}`);
    }
    graph.addEdge({
      from: info.id,
      to: id,
      kind: 'secret-read',
      explanation: `read Secret ${info.namespace}/${secret}, which the pods of ${info.resource.kind} ${info.resource.name} hold (${ways.map(describeMount).join('; ')})`,
      located: () => `read Secret ${info.namespace}/${secret}, which the pods of ${info.resource.kind} ${info.resource.name} hold (${ways.map((w) => `${describeMount(w)} at ${where(info.resource, w.path)}`).join('; ')})`,
      evidence: { mount },
      findingIds: viaEnv ? envFindings : [],
      probability: 1,
    });
  }
}

/** Whether the edge is a workload reading a Secret its own pods hold (no attacker move beyond being there). */
export function isMountRead(edge: { readonly kind: string; readonly evidence: { readonly mount?: readonly unknown[] } }): boolean {
  return edge.kind === 'secret-read' && edge.evidence.mount !== undefined;
}
