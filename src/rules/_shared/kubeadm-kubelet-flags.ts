/**
 * Kubelet flags kept in kubeadm and Cluster API objects: `nodeRegistration.kubeletExtraArgs` of a
 * kubeadm InitConfiguration or JoinConfiguration, and of the init and join configurations Cluster
 * API's KubeadmControlPlane, KubeadmConfig and their templates carry. kubeadm writes them, after its
 * own few flags and sorted as for the control plane, into /var/lib/kubelet/kubeadm-flags.env
 * (KUBELET_KUBEADM_ARGS), and a kubelet flag overrides the same setting in its configuration file.
 *
 * Only flags that are given are judged: a setting left out is decided by the KubeletConfiguration.
 */
import type { ResourceIndex } from '../../core/resource-index.js';
import type { Violation } from '../../core/rule.js';
import { fail, warn } from '../../core/rule.js';
import { groupOf } from '../../lib/k8s/kinds.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import { parseStream } from '../../lib/yaml/index.js';
import type { Resource } from '../../model/resource.js';
import type { Severity } from '../../model/severity.js';
import { parseGoBool, parseGoInt } from './component-flags.js';
import type { KubeadmArg } from './kubeadm.js';
import { kindsWith, kubeadmKindOf, walk } from './kubeadm-kinds.js';
import { argumentsToCommand, extraArgsOf } from './kubeadm.js';
import { OUTDATED_TLS_CONSEQUENCE, OUTDATED_TLS_VERSIONS, WEAK_SUITES_CONSEQUENCE, isWeakCipherSuite } from './tls-cipher-suites.js';

export const KUBELET_FLAG_KINDS: readonly string[] = [...new Set([...kindsWith('init'), ...kindsWith('join')])].sort();

/** The kubelet flags of one init or join configuration, in the order kubeadm writes them. */
export interface KubeletFlagSet {
  /** `nodeRegistration.kubeletExtraArgs`, or its path inside a Cluster API object. */
  readonly field: string;
  readonly args: readonly KubeadmArg[];
}

/** The kubelet flag sets of a resource, or undefined when it is not a kubeadm or Cluster API object. */
export function kubeletFlagSets(resource: Resource): KubeletFlagSet[] | undefined {
  const kind = kubeadmKindOf(resource);
  if (kind === undefined) return undefined;
  return [kind.init, kind.join].flatMap((root) => {
    if (root === undefined) return [];
    const path = [...root, 'nodeRegistration', 'kubeletExtraArgs'];
    const args = extraArgsOf(walk(resource.object, path).value, pointer('', ...path));
    return args.length === 0 ? [] : [{ field: path.join('.'), args: argumentsToCommand([], args) }];
  });
}

/**
 * Whether the object's API version takes extraArgs as a list of {name, value} (kubeadm v1beta4,
 * Cluster API v1beta2) or a map (earlier versions); undefined for a version this does not know.
 */
function takesArgList(apiVersion: string): boolean | undefined {
  const slash = apiVersion.indexOf('/');
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const listFrom = group === 'kubeadm.k8s.io' ? 'v1beta4' : group.endsWith('.cluster.x-k8s.io') ? 'v1beta2' : undefined;
  if (listFrom === undefined) return undefined;
  if (version === listFrom) return true;
  return /^v1(alpha\d+|beta1)$/.test(version) || (listFrom === 'v1beta4' && /^v1beta[23]$/.test(version)) ? false : undefined;
}

/**
 * kubeletExtraArgs that kubeadm (or, for Cluster API, the API server's schema) refuses to read:
 * the other API version's shape (a map where v1beta4 takes a list, or the reverse), or a value
 * that is not a string (an unquoted `true` or `10255`). kubeadm init or join then fails on the file.
 */
export function* kubeletFlagShapeProblems(resource: Resource, who: string): Generator<Violation> {
  const kind = kubeadmKindOf(resource);
  if (kind === undefined) return;
  const list = takesArgList(resource.apiVersion);
  for (const root of [kind.init, kind.join]) {
    if (root === undefined) continue;
    const path = [...root, 'nodeRegistration', 'kubeletExtraArgs'];
    const field = path.join('.');
    const value = walk(resource.object, path).value;
    if (value === undefined || value === null) continue;
    const isList = Array.isArray(value);
    if (list !== undefined && isList !== list) {
      const wanted = list ? 'a list of {name, value}' : 'a map of names to values';
      yield warn(`${who} gives ${field} as ${isList ? 'a list' : 'a map'}, which ${resource.apiVersion} refuses (it takes ${wanted}): kubeadm cannot read the file`, pointer('', ...path), 'medium');
      continue;
    }
    const entries: [string, unknown, string][] = isList
      ? asArray(value).flatMap((item, index) => {
          const entry = asRecord(item);
          const name = asString(entry?.name);
          return name === undefined || entry?.value === undefined ? [] : [[name, entry.value, pointer('', ...path, index, 'value')] as [string, unknown, string]];
        })
      : Object.entries(asRecord(value) ?? {}).map(([name, raw]) => [name, raw, pointer('', ...path, name)] as [string, unknown, string]);
    for (const [name, raw, at] of entries) {
      if (typeof raw === 'string') continue;
      const shown = typeof raw === 'number' || typeof raw === 'boolean' ? `the unquoted value ${String(raw)}` : 'a value that is not a string';
      yield warn(`${who} gives the kubelet flag ${name} ${shown} in ${field}, which kubeadm refuses (its values are strings): quote it`, at, 'medium');
    }
  }
}

/** A Go duration string ("0", "0s", "0h0m0s", "0.0ms") that is zero. */
export function isZeroDuration(value: unknown): boolean {
  if (value === 0) return true;
  return typeof value === 'string' && /^[+-]?(?:0+(?:\.0*)?(?:ns|us|µs|ms|s|m|h))+$|^[+-]?0$/.test(value.trim());
}

/** What is wrong with one flag value, or undefined when it is fine; 'invalid' when the kubelet refuses it. */
type Verdict = { readonly why: string; readonly severity: Severity } | 'invalid' | undefined;

const bool = (judge: (value: boolean) => Verdict) => (raw: string): Verdict => {
  const value = parseGoBool(raw);
  return value === undefined ? 'invalid' : judge(value);
};

const int = (judge: (value: number) => Verdict) => (raw: string): Verdict => {
  const value = parseGoInt(raw);
  return value === undefined ? 'invalid' : judge(value);
};

/** The kubelet flags CIS section 4.2 is about, in the order findings are reported. */
const SCALAR_CHECKS: readonly (readonly [string, (raw: string) => Verdict])[] = [
  ['anonymous-auth', bool((on) => (on ? { why: 'anonymous authentication lets anyone who reaches port 10250 call the kubelet API as system:anonymous', severity: 'critical' } : undefined))],
  ['authentication-token-webhook', bool((on) => (on ? undefined : { why: 'service account and user tokens are not accepted, which pushes operators to anonymous access or shared certificates', severity: 'medium' }))],
  ['authorization-mode', (mode) => (mode === 'AlwaysAllow' ? { why: 'AlwaysAllow lets every caller that authenticates exec into any pod on the node and read its logs and secrets', severity: 'critical' } : undefined)],
  ['client-ca-file', (file) => (file === '' ? { why: 'without a client CA the kubelet cannot verify client certificates, so the API server\'s own kubelet client certificate is refused for exec and logs', severity: 'medium' } : undefined)],
  ['read-only-port', int((port) => (port === 0 ? undefined : { why: `the read-only port ${port} serves pod specs, environment and node details without any authentication`, severity: 'medium' }))],
  ['streaming-connection-idle-timeout', (timeout) => (isZeroDuration(timeout) ? { why: 'exec, attach and port-forward streams never time out, so abandoned sessions stay open and connections pile up', severity: 'medium' } : undefined)],
  ['make-iptables-util-chains', bool((on) => (on ? undefined : { why: 'the kubelet does not maintain its iptables chains, so the node\'s firewall rules drift from what pods and hostPorts need', severity: 'low' }))],
  ['hostname-override', (name) => (name === '' ? undefined : { why: 'the node registers under another name than its host name, which can break the TLS setup between the kubelet and the API server', severity: 'low' })],
  ['protect-kernel-defaults', bool((on) => (on ? undefined : { why: 'the kubelet silently changes kernel tunables instead of refusing to run on a host that differs from what it expects', severity: 'low' }))],
  ['rotate-certificates', bool((on) => (on ? undefined : { why: 'its client certificate is never renewed: it expires (taking the node down) or, if long-lived, stays valid after a compromise', severity: 'low' }))],
  ['tls-min-version', (version) => (OUTDATED_TLS_VERSIONS.has(version) ? { why: OUTDATED_TLS_CONSEQUENCE, severity: 'medium' } : undefined)],
  ['pod-max-pids', int((pids) => (pids > 0 ? undefined : { why: 'one pod can fork until the node runs out of process ids, taking every other pod and the kubelet down with it', severity: 'low' }))],
];

/**
 * The --feature-gates occurrence that last names RotateKubeletServerCertificate, and its value:
 * every occurrence merges into one map, so the last mention of the gate decides.
 */
function rotateServerCertificateGate(args: readonly KubeadmArg[]): { arg: KubeadmArg; on: boolean | undefined } | undefined {
  let found: { arg: KubeadmArg; on: boolean | undefined } | undefined;
  for (const arg of args.filter((a) => a.name === 'feature-gates')) {
    for (const entry of arg.value.split(',')) {
      const eq = entry.indexOf('=');
      if ((eq < 0 ? entry : entry.slice(0, eq)).trim() !== 'RotateKubeletServerCertificate') continue;
      found = { arg, on: eq < 0 ? undefined : parseGoBool(entry.slice(eq + 1).trim()) };
    }
  }
  return found;
}

/** The findings about the kubelet flags of one flag set; `who` names the object. */
export function* judgeKubeletFlags(who: string, set: KubeletFlagSet): Generator<Violation> {
  const given = (arg: KubeadmArg): string => `${who} passes the kubelet --${arg.name}=${arg.value} in ${set.field}`;
  const place = (arg: KubeadmArg): string => arg.path ?? '';
  for (const [name, judge] of SCALAR_CHECKS) {
    // The last occurrence on the command line is the one the kubelet keeps.
    const arg = set.args.findLast((a) => a.name === name);
    if (arg === undefined) continue;
    const verdict = judge(arg.value);
    if (verdict === 'invalid') yield warn(`${given(arg)}, which is not a valid value: the kubelet refuses to start with it`, place(arg), 'medium');
    else if (verdict !== undefined) yield fail(`${given(arg)}: ${verdict.why}`, place(arg), verdict.severity);
  }
  const gate = rotateServerCertificateGate(set.args);
  if (gate?.on === undefined && gate !== undefined) yield warn(`${given(gate.arg)}, which is not a valid value: the kubelet refuses to start with it`, place(gate.arg), 'medium');
  else if (gate?.on === false) {
    yield fail(`${given(gate.arg)}: the RotateKubeletServerCertificate feature gate is off, so the kubelet's serving certificate is never renewed from the cluster CA and expires or stays self-signed`, place(gate.arg), 'low');
  }
  // A string slice: every occurrence adds its suites.
  for (const arg of set.args.filter((a) => a.name === 'tls-cipher-suites')) {
    const weak = arg.value.split(',').map((s) => s.trim()).filter((suite) => suite !== '' && isWeakCipherSuite(suite, 'kubelet'));
    if (weak.length > 0) yield fail(`${given(arg)}, which allows weak TLS cipher suites ${weak.join(', ')}: ${WEAK_SUITES_CONSEQUENCE}`, place(arg), 'medium');
  }
}

/**
 * Whether kubeadm init reads this KubeletConfiguration: it sits in the same file as an
 * InitConfiguration or ClusterConfiguration. kubeadm then fills in the cluster CA
 * (<certificatesDir>/ca.crt) as the client CA when none is set and forces rotateCertificates to
 * true before writing /var/lib/kubelet/config.yaml (componentconfigs/kubelet.go). A file with no
 * kubeadm init configuration beside it is read by the kubelet as written. (kubeadm join takes the
 * kubelet's configuration from the cluster, not from its file.)
 */
export function isKubeadmInitKubeletConfig(index: ResourceIndex, config: Resource): boolean {
  return ['InitConfiguration', 'ClusterConfiguration'].some((kind) => index.byKind(kind).some((r) => r.source.file === config.source.file && groupOf(r.apiVersion) === 'kubeadm.k8s.io'));
}

/** The KubeletConfiguration kubeadm init writes, and where findings about it point. */
export interface KubeadmDefaultKubelet {
  readonly object: Record<string, unknown>;
  /** The init configuration, or the deepest of its parents the object has. */
  readonly path: string;
}

/**
 * The KubeletConfiguration kubeadm init writes for a node it starts when the input gives none
 * (componentconfigs/kubelet.go): anonymous auth off, Webhook authentication and authorization, the
 * cluster CA, certificate rotation; everything else at the v1beta1 defaults. Undefined when the
 * object starts no control plane (a join, a worker template: their kubelets take the cluster's
 * configuration), when a KubeletConfiguration is in the same file (judged itself), or when kubeadm
 * patches may rewrite it. Kubelet flags of the init configuration override its fields; those the
 * flag checks judge on their own are marked decided here, so a setting is reported once.
 */
export function kubeadmDefaultKubelet(index: ResourceIndex, resource: Resource): KubeadmDefaultKubelet | undefined {
  const kind = kubeadmKindOf(resource);
  if (kind?.init === undefined) return undefined;
  const init = walk(resource.object, kind.init);
  // A control plane always inits its first node; a bootstrap config (or its template) only when it has an init configuration.
  if (kind.cluster === undefined && init.value === undefined) return undefined;
  if (asString(asRecord(asRecord(init.value)?.patches)?.directory) !== undefined) return undefined;
  const file = resource.source.file;
  const inFile = (kindName: string): Resource[] => index.byKind(kindName).filter((r) => r.source.file === file);
  // A kubeadm config file: the KubeletConfiguration and ClusterConfiguration are documents beside it.
  const standalone = kind.init.length === 0;
  if (standalone && inFile('KubeletConfiguration').length > 0) return undefined;
  const cluster = standalone ? inFile('ClusterConfiguration')[0]?.object : kind.cluster === undefined ? undefined : asRecord(walk(resource.object, kind.cluster).value);
  const pki = asString(cluster?.certificatesDir) ?? '/etc/kubernetes/pki';
  const object: Record<string, unknown> = {
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: `${pki}/ca.crt` } },
    authorization: { mode: 'Webhook' },
    rotateCertificates: true,
  };
  const flags = argumentsToCommand([], extraArgsOf(asRecord(asRecord(init.value)?.nodeRegistration)?.kubeletExtraArgs, ''));
  const flag = (name: string): string | undefined => flags.findLast((a) => a.name === name)?.value;
  // Judged as flags when given: the configuration's field no longer decides.
  if (flag('protect-kernel-defaults') !== undefined) object.protectKernelDefaults = true;
  if (flag('pod-max-pids') !== undefined) object.podPidsLimit = 1;
  const [cert, key, rotate] = [flag('tls-cert-file'), flag('tls-private-key-file'), flag('rotate-server-certificates')];
  if (cert !== undefined) object.tlsCertFile = cert;
  if (key !== undefined) object.tlsPrivateKeyFile = key;
  if (rotate !== undefined) object.serverTLSBootstrap = parseGoBool(rotate) ?? false;
  return { object, path: pointer('', ...init.present) };
}

/**
 * The KubeletConfiguration kubeadm uploads for every node (kube-system/kubelet-config, before 1.24
 * kubelet-config-1.N, key `kubelet`): nodes joining the cluster download it as their
 * /var/lib/kubelet/config.yaml, so in a cluster scan it is where the kubelets' settings are.
 * kubeadm writes it with its defaults already filled in. Undefined for any other ConfigMap.
 */
export function kubeletConfigMapConfiguration(configMap: Resource): Record<string, unknown> | undefined {
  const text = asStringMap(configMap.object.data).kubelet;
  if (text === undefined) return undefined;
  const config = asRecord(parseStream(text, { limits: { maxDocuments: 1 } }).documents[0]?.value);
  return config !== undefined && config.kind === 'KubeletConfiguration' && asString(config.apiVersion)?.startsWith('kubelet.config.k8s.io/') === true ? config : undefined;
}
