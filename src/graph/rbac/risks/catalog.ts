/**
 * The dangerous permissions, as data: each risk names the requests that make a role dangerous and
 * why. A risk is judged over a role's effective rules (aggregation resolved) at the scope of a
 * binding, so a ClusterRole bound in one namespace is judged for that namespace only.
 */
import type { Severity } from '../../../model/severity.js';
import { isBootstrapObject } from '../defaults.js';
import { ALL } from '../match.js';
import type { ResourceRule, SourcedRule } from '../types.js';
import { granted, targetLabel, type Granted, type Target } from './grant.js';
import { groupBy } from '../../../lib/group-by.js';

export const RISK_IDS = [
  'cluster-admin',
  'secret-read',
  'workload-create',
  'pod-exec',
  'escalation-verbs',
  'token-create',
  'nodes-proxy',
  'csr-approval',
  'webhook-config-write',
  'persistent-volume-create',
  'wildcard',
] as const;
export type RiskId = (typeof RISK_IDS)[number];

/** One way a role is dangerous, with the rules that make it so (several for CSR approval). */
export interface RiskHit {
  readonly risk: RiskId;
  /** The permission in words: "list, watch on secrets". */
  readonly grants: string;
  /** What a holder can do with it. */
  readonly impact: string;
  /** Overrides the rule's severity for this hit. */
  readonly severity?: Severity;
  readonly rules: readonly SourcedRule[];
  /** JSON pointer below the first rule to point at (the "*" of a wildcard). */
  readonly at?: string;
}

/** `clusterWide`: bound by a ClusterRoleBinding (or judged as if it were). */
type Check = (rules: readonly SourcedRule[], clusterWide: boolean) => RiskHit[];

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const CERTIFICATES = 'certificates.k8s.io';
/** The signer whose certificates authenticate to the API server as any user and any group but system:masters (CertificateSubjectRestriction refuses it). */
const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
/** The verbs that, on every resource of every group, amount to administering it. */
const ADMIN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

interface Match {
  readonly target: Target;
  readonly granted: Granted;
}

function resourceRule(sourced: SourcedRule): ResourceRule | undefined {
  return sourced.rule.type === 'resource' ? sourced.rule : undefined;
}

/** "create, patch on pods, deployments.apps; get on pods/exec (only the objects named a, b)". */
function describeMatches(matches: readonly Match[]): string {
  const verbsByTarget = new Map<string, Set<string>>();
  for (const { target, granted: g } of matches) {
    const label = targetLabel(target);
    const verbs = verbsByTarget.get(label) ?? new Set<string>();
    for (const verb of g.verbs) verbs.add(verb);
    verbsByTarget.set(label, verbs);
  }
  const byVerbs = new Map([...groupBy(verbsByTarget, ([, verbs]) => [...verbs].join(', '))].map(([verbs, targets]) => [verbs, targets.map(([label]) => label)]));
  const names = matches.find((m) => m.granted.names !== undefined)?.granted.names;
  const text = [...byVerbs.entries()].map(([verbs, resources]) => `${verbs} on ${resources.join(', ')}`).join('; ');
  return names === undefined ? text : `${text} (only the objects named ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''})`;
}

interface TargetRisk {
  readonly risk: RiskId;
  readonly targets: readonly Target[];
  /**
   * Whether a grant restricted by resourceNames still counts. Mostly not: naming the objects is
   * the least-privilege form the remediations ask for. Proxying to a named node is still root on
   * that node, and impersonating a named identity is still acting as it.
   */
  readonly namedCounts: boolean | ((target: Target) => boolean);
  readonly impact: (matches: readonly Match[]) => string;
  readonly severity?: (matches: readonly Match[]) => Severity | undefined;
}

/** The `resources` entries that can match one of the targets: a cheap test before matching each target. */
function entriesFor(targets: readonly Target[]): ReadonlySet<string> {
  const entries = new Set<string>([ALL]);
  for (const t of targets) {
    if (t.subresource === undefined) entries.add(t.resource);
    else entries.add(`${t.resource}/${t.subresource}`).add(`*/${t.subresource}`);
  }
  return entries;
}

/** One hit per policy rule, so a wildcard rule gives one finding rather than one per resource. */
function targetCheck(spec: TargetRisk): Check {
  const entries = entriesFor(spec.targets);
  return (rules, clusterWide) => {
    const hits: RiskHit[] = [];
    for (const sourced of rules) {
      const rule = resourceRule(sourced);
      if (rule === undefined || !rule.resources.some((r) => entries.has(r))) continue;
      const matches: Match[] = [];
      for (const target of spec.targets) {
        const g = granted(rule, target, clusterWide);
        if (g === undefined) continue;
        const namedCounts = typeof spec.namedCounts === 'function' ? spec.namedCounts(target) : spec.namedCounts;
        if (g.names !== undefined && !namedCounts) continue;
        matches.push({ target, granted: g });
      }
      if (matches.length === 0) continue;
      const severity = spec.severity?.(matches);
      hits.push({ risk: spec.risk, grants: describeMatches(matches), impact: spec.impact(matches), ...(severity === undefined ? {} : { severity }), rules: [sourced] });
    }
    return hits;
  };
}

const clusterAdmin: Check = (rules, clusterWide) => {
  const everything = rules.find((sourced) => {
    const rule = resourceRule(sourced);
    return (
      rule !== undefined &&
      rule.resourceNames.length === 0 &&
      rule.apiGroups.includes(ALL) &&
      rule.resources.includes(ALL) &&
      (rule.verbs.includes(ALL) || ADMIN_VERBS.every((verb) => rule.verbs.includes(verb)))
    );
  });
  if (everything === undefined) return [];
  return [
    clusterWide
      ? { risk: 'cluster-admin', grants: 'every verb on every resource of every API group', impact: 'full control of the whole cluster, like cluster-admin', severity: 'critical', rules: [everything] }
      : { risk: 'cluster-admin', grants: 'every verb on every namespaced resource', impact: 'full control of the namespace: its secrets, its pods and its RBAC', severity: 'high', rules: [everything] },
  ];
};

const secretRead = targetCheck({
  risk: 'secret-read',
  targets: [{ group: '', resource: 'secrets', verbs: ['get', 'list', 'watch'] }],
  namedCounts: false,
  impact: (m) => (m.some((x) => x.granted.verbs.some((v) => v !== 'get')) ? 'list and watch return the data of every secret in scope' : 'anyone holding it can read any secret whose name they know'),
  severity: (m) => (m.some((x) => x.granted.verbs.some((v) => v !== 'get')) ? 'high' : 'medium'),
});

/** Writing a pod or a pod template lets the writer choose the ServiceAccount and the mounts. */
const WORKLOAD_RESOURCES: readonly (readonly [string, string])[] = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['', 'podtemplates'],
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];
const workloadCreate = targetCheck({
  risk: 'workload-create',
  targets: WORKLOAD_RESOURCES.map(([group, resource]) => ({ group, resource, verbs: ['create', 'update', 'patch'] })),
  namedCounts: false,
  impact: (matches) =>
    matches.some(({ target, granted }) => target.resource !== 'pods' || granted.verbs.includes('create'))
      ? 'its holders can run a pod as any ServiceAccount of the namespace, take its token, and mount every secret and config map there'
      : // A pod's ServiceAccount and volumes cannot change once it exists; its containers' images can.
        "its holders can swap the image of running pods in scope and so run any code with each pod's ServiceAccount and mounts",
});

/** Streaming subresources open with POST (create) or, over WebSockets, with GET (get). */
const podExec = targetCheck({
  risk: 'pod-exec',
  targets: ['exec', 'attach', 'portforward'].map((subresource) => ({ group: '', resource: 'pods', subresource, verbs: ['create', 'get'] })),
  namedCounts: false,
  impact: () => "its holders run commands inside pods in scope (or reach their ports) and act with each pod's ServiceAccount",
});

/**
 * `escalate` lets a user write a role with permissions they lack and `bind` lets them bind a role
 * they do not hold (the authorizer checks `bind` on clusterroles in the binding's namespace, so a
 * RoleBinding grants it too); `impersonate` lets them act as another identity.
 */
const escalationVerbs = targetCheck({
  risk: 'escalation-verbs',
  targets: [
    { group: RBAC_GROUP, resource: 'roles', verbs: ['escalate', 'bind'] },
    { group: RBAC_GROUP, resource: 'clusterroles', verbs: ['bind'] },
    { group: RBAC_GROUP, resource: 'clusterroles', verbs: ['escalate'], clusterScoped: true },
    { group: '', resource: 'users', verbs: ['impersonate'], clusterScoped: true },
    { group: '', resource: 'groups', verbs: ['impersonate'], clusterScoped: true },
    { group: '', resource: 'serviceaccounts', verbs: ['impersonate'] },
    { group: 'authentication.k8s.io', resource: 'userextras', verbs: ['impersonate'], clusterScoped: true },
    { group: 'authentication.k8s.io', resource: 'uids', verbs: ['impersonate'], clusterScoped: true },
  ],
  // Binding or escalating only named roles is the narrowing the remediation asks for; impersonating a named identity is still acting as it.
  namedCounts: (target) => target.verbs.includes('impersonate'),
  impact: (m) =>
    [
      ...(m.some((x) => !x.granted.verbs.includes('impersonate')) ? ['its holders bypass RBAC privilege-escalation prevention and can grant themselves any permission'] : []),
      ...(m.some((x) => x.granted.verbs.includes('impersonate')) ? ['its holders act as other identities, including cluster administrators'] : []),
    ].join('; '),
});

const tokenCreate = targetCheck({
  risk: 'token-create',
  targets: [{ group: '', resource: 'serviceaccounts', subresource: 'token', verbs: ['create'] }],
  namedCounts: false,
  impact: () => 'its holders issue tokens for any ServiceAccount in scope and gain all of its permissions',
});

/** nodes/proxy reaches the kubelet API: GET maps to get, which over WebSockets already opens exec sessions. */
const nodesProxy = targetCheck({
  risk: 'nodes-proxy',
  targets: [{ group: '', resource: 'nodes', subresource: 'proxy', verbs: ['get', 'create', 'update', 'patch', 'delete'], clusterScoped: true }],
  namedCounts: true,
  impact: () => 'its holders reach the kubelet API of the nodes, bypassing audit logging and admission, and can run commands in any pod there',
});

const webhookConfigWrite = targetCheck({
  risk: 'webhook-config-write',
  targets: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].map((resource) => ({
    group: 'admissionregistration.k8s.io',
    resource,
    verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
    clusterScoped: true,
  })),
  namedCounts: false,
  impact: (m) =>
    m.some((x) => x.target.resource.startsWith('mutating'))
      ? 'its holders can disable admission policy or register a webhook that rewrites every object created in the cluster'
      : 'its holders can disable the validating admission checks that enforce policy',
});

/** PersistentVolumes may be hostPath: update and patch can also repoint an unbound volume. */
const persistentVolumeCreate = targetCheck({
  risk: 'persistent-volume-create',
  targets: [{ group: '', resource: 'persistentvolumes', verbs: ['create', 'update', 'patch'], clusterScoped: true }],
  namedCounts: false,
  impact: () => 'its holders can define hostPath volumes on any node directory and mount them through a claim',
});

const CSR_CREATE: Target = { group: CERTIFICATES, resource: 'certificatesigningrequests', verbs: ['create'], clusterScoped: true };
const CSR_APPROVAL: Target = { group: CERTIFICATES, resource: 'certificatesigningrequests', subresource: 'approval', verbs: ['update', 'patch'], clusterScoped: true };
const SIGNER_APPROVE: Target = { group: CERTIFICATES, resource: 'signers', verbs: ['approve'], clusterScoped: true };

/**
 * Approving a CSR takes `update` (or `patch`) on its approval subresource and `approve` on the
 * signer, possibly from different rules; signer rules are scoped by resourceNames to signer names,
 * where `<domain>/*` names every signer of the domain. Approving for the kube-apiserver-client
 * signer issues client certificates for any user or group: critical with `create` on CSRs (a
 * certificate for oneself), high without it (one needs a CSR somebody else filed).
 */
const csrApproval: Check = (rules, clusterWide) => {
  const find = (target: Target, ok: (g: Granted) => boolean = (g) => g.names === undefined): { sourced: SourcedRule; g: Granted } | undefined => {
    for (const sourced of rules) {
      const rule = resourceRule(sourced);
      const g = rule === undefined ? undefined : granted(rule, target, clusterWide);
      if (g !== undefined && ok(g)) return { sourced, g };
    }
    return undefined;
  };
  const approval = find(CSR_APPROVAL);
  const signer = find(SIGNER_APPROVE, (g) => g.names === undefined || g.names.includes(CLIENT_SIGNER) || g.names.includes('kubernetes.io/*'));
  if (approval === undefined || signer === undefined) return [];
  const create = find(CSR_CREATE);
  const approve = `${approval.g.verbs.join(', ')} on certificatesigningrequests/approval and approve on the ${CLIENT_SIGNER} signer`;
  return [
    create === undefined
      ? {
          risk: 'csr-approval',
          grants: approve,
          impact: 'its holders approve client certificates for any user or group (but system:masters, which admission refuses) that anyone requests',
          severity: 'high',
          rules: [...new Set([signer.sourced, approval.sourced])],
        }
      : {
          risk: 'csr-approval',
          grants: `create on certificatesigningrequests, ${approve}`,
          impact: 'its holders issue themselves a client certificate for any user or group but system:masters (which admission refuses), so for any identity a binding names',
          rules: [...new Set([signer.sourced, approval.sourced, create.sourced])],
        },
  ];
};

const WILDCARD_FIELDS = ['verbs', 'resources', 'apiGroups'] as const;

/** Wildcards the user wrote: the default roles' own wildcards (cluster-admin) are the platform's. */
const wildcard: Check = (rules) => {
  const hits: RiskHit[] = [];
  for (const sourced of rules) {
    const rule = resourceRule(sourced);
    if (rule === undefined || isBootstrapObject(sourced.origin.resource)) continue;
    const wild = WILDCARD_FIELDS.filter((field) => rule[field].includes(ALL));
    if (wild.length === 0) continue;
    const everything = rule.verbs.includes(ALL) && rule.resources.includes(ALL);
    const first = wild[0] ?? 'verbs';
    hits.push({
      risk: 'wildcard',
      at: `/${first}/${rule[first].indexOf(ALL)}`,
      grants: `"*" in ${wild.join(', ')}`,
      impact: everything ? 'every verb on every resource of the matched groups, including kinds added to the API later' : 'it also grants whatever is added to the API later',
      severity: everything ? 'high' : 'medium',
      rules: [sourced],
    });
  }
  return hits;
};

export const RISK_CHECKS: Readonly<Record<RiskId, Check>> = {
  'cluster-admin': clusterAdmin,
  'secret-read': secretRead,
  'workload-create': workloadCreate,
  'pod-exec': podExec,
  'escalation-verbs': escalationVerbs,
  'token-create': tokenCreate,
  'nodes-proxy': nodesProxy,
  'csr-approval': csrApproval,
  'webhook-config-write': webhookConfigWrite,
  'persistent-volume-create': persistentVolumeCreate,
  wildcard,
};

/**
 * Every risk of a set of rules held at a scope. A cluster-admin equivalent carries every other risk
 * too, and each is reported by its own rule: rules can be disabled one by one, and each framework
 * control (CIS 5.1.2 secrets, 5.1.4 pods ...) must see the grants that break it.
 */
export function assessRules(rules: readonly SourcedRule[], clusterWide: boolean): RiskHit[] {
  return RISK_IDS.flatMap((id) => RISK_CHECKS[id](rules, clusterWide));
}
