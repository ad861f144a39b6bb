/**
 * Tiller, the in-cluster half of Helm 2, listens on gRPC port 44134 without authentication by
 * default and installs whatever chart it is sent with its own ServiceAccount, usually
 * cluster-admin. Any pod that reaches it owns the cluster. Helm 2 is out of support since 2020.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { hostOf, isLoopbackHost } from '../../lib/host.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { parseImageRef } from '../../lib/image-ref.js';
import type { ContainerRef } from '../../model/k8s.js';
import { describeContainer } from '../_lib/pod.js';
import { parseFlags, parseGoBool } from '../_shared/component-flags.js';

/** gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller and mirrors of them. */
function isTillerImage(image: unknown): boolean {
  // Cheap test first: the rule runs over every container of every scan.
  if (typeof image !== 'string' || !image.includes('tiller')) return false;
  const ref = parseImageRef(image);
  if (ref === undefined) return false;
  const repository = ref.repository;
  return repository === 'kubernetes-helm/tiller' || repository === 'helm/tiller' || repository.endsWith('/tiller');
}

/** Tiller's boolean flags (Go's flag package): TLS, and verification of client certificates. */
const TILLER_BOOLEANS: ReadonlySet<string> = new Set(['tls', 'tls-verify']);

/** Tiller's flags: the arguments after the binary when the command names it, then args. */
function tillerFlags(ref: ContainerRef): ReturnType<typeof parseFlags> {
  const strings = (value: unknown): string[] => asArray(value).filter((a): a is string => typeof a === 'string');
  const command = strings(ref.container.command);
  return parseFlags([...command.slice(1), ...strings(ref.container.args)], TILLER_BOOLEANS, 'goflag');
}

/** TILLER_TLS_VERIFY, which `helm init --tiller-tls-verify` sets: any non-empty value turns verification on. */
function verifiesByEnv(ref: ContainerRef): boolean {
  return asArray(ref.container.env).some((item) => {
    const env = asRecord(item);
    return asString(env?.name) === 'TILLER_TLS_VERIFY' && (asString(env?.value) ?? '') !== '';
  });
}

/**
 * How exposed one Tiller container's gRPC endpoint is: --listen (default :44134, every address of
 * the pod) and --tls-verify (client certificates required) decide.
 */
function tillerFinding(ref: ContainerRef): Violation {
  const flags = tillerFlags(ref);
  const listen = flags.last('listen')?.value ?? ':44134';
  const verify = flags.last('tls-verify');
  const image = String(ref.container.image);
  const who = `${describeContainer(ref)} runs Helm 2 Tiller (${image})`;
  const installs = "and it installs anything it is sent with its ServiceAccount's rights";
  if ((verify !== undefined && parseGoBool(verify.value) === true) || (verify === undefined && verifiesByEnv(ref))) {
    return fail(`${who} with client certificates required (--tls-verify): only holders of a certificate its CA signed reach it, ${installs}`, pointer(ref.path, 'image'), 'medium');
  }
  if (isLoopbackHost(hostOf(listen))) {
    return fail(`${who} listening on ${listen}, the pod's loopback only: anyone allowed pods/portforward in its namespace reaches it, ${installs}`, pointer(ref.path, 'image'), 'medium');
  }
  const where = listen.startsWith(':') ? `port ${listen.slice(1)}` : listen;
  return fail(`${who}: an unauthenticated gRPC endpoint on ${where} that any pod reaching it can use, ${installs}`, pointer(ref.path, 'image'));
}

export const rule = defineRule({
  id: 'tiller-deployed',
  title: 'Helm 2 Tiller is deployed',
  severity: 'high',
  threats: ['identity-access', 'lateral-movement', 'api-server-kubelet'],
  mitre: ['T1610', 'T1078'],
  remediation: 'Migrate the releases to Helm 3 (helm-2to3) and delete the Tiller deployment, its Service and its ServiceAccount bindings.',
  references: [
    'https://helm.sh/blog/helm-v2-deprecation-timeline/',
    'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller',
  ],
  target: 'workload',
  *check({ workload }) {
    const labels = asRecord(workload.podMeta.labels);
    const labelled = labels?.app === 'helm' && labels.name === 'tiller';
    let reported = false;
    for (const ref of workload.containers) {
      if (!isTillerImage(ref.container.image)) continue;
      reported = true;
      yield tillerFinding(ref);
    }
    if (!reported && labelled) {
      yield fail('pod is labelled app=helm, name=tiller: a Helm 2 Tiller deployment, which installs anything it is sent with its ServiceAccount\'s rights', pointer(workload.podMetaPath, 'labels'));
    }
  },
});
