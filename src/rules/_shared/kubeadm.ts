/**
 * The command lines kubeadm writes into the control-plane static pods, worked out from a kubeadm
 * ClusterConfiguration (kubeadm.k8s.io, or embedded in a Cluster API KubeadmControlPlane), so the
 * control-plane rules judge the components as they will run.
 *
 * kubeadm starts each component with its own default flags (cmd/kubeadm/app/phases/controlplane
 * manifests.go and phases/etcd/local.go) and the component's `extraArgs`: an extraArgs entry
 * replaces every default of the same name, and the whole list is then sorted by name and value
 * (util.ArgumentsToCommand), so among repeated v1beta4 entries the greatest value comes last and
 * wins for a scalar flag. v1beta3 (and Cluster API v1beta1) extraArgs are a map, v1beta4 (and
 * Cluster API v1beta2) a list of {name, value}; both shapes are read wherever they appear.
 *
 * Flags whose value depends on the node (advertise address, node name, listen URLs built from
 * them) are left out: no rule judges them by their presence, and guessing them would invent values.
 */
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { walk } from './kubeadm-kinds.js';

export type KubeadmComponent = 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler';

/** One `--name=value` kubeadm puts on the command line, and where the input decides it. */
export interface KubeadmArg {
  readonly name: string;
  readonly value: string;
  /** JSON pointer (from the resource root) of the extraArgs entry, or undefined for kubeadm's own default. */
  readonly path: string | undefined;
}

export interface KubeadmCommand {
  readonly component: KubeadmComponent;
  /** `apiServer.extraArgs`, or the path of it inside a Cluster API object, for messages. */
  readonly extraArgsField: string;
  /** The arguments in command-line order. */
  readonly args: readonly KubeadmArg[];
  /** Where a missing flag would go: the extraArgs, else the deepest of its parents the input has. */
  readonly flagsPath: string;
  /** kubeadm's default value of each flag that extraArgs replaced. */
  readonly replaced: ReadonlyMap<string, string>;
}

/** Where kubeadm keeps each component's settings in a ClusterConfiguration. */
const SECTIONS: Readonly<Record<KubeadmComponent, readonly string[]>> = {
  'kube-apiserver': ['apiServer'],
  'kube-controller-manager': ['controllerManager'],
  'kube-scheduler': ['scheduler'],
  etcd: ['etcd', 'local'],
};

/** A YAML scalar as kubeadm reads it into a string (an unquoted `false` or `8080` included). */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The entries of an extraArgs map (v1beta3) or list of {name, value} (v1beta4), with their paths. */
export function extraArgsOf(value: unknown, path: string): KubeadmArg[] {
  if (Array.isArray(value)) {
    return asArray(value).flatMap((item, index) => {
      const entry = asRecord(item);
      const name = asString(entry?.name);
      if (name === undefined || name === '') return [];
      // A missing value is kubeadm's empty string; a nested one kubeadm refuses to read at all.
      if (entry?.value === undefined) return [{ name, value: '', path: pointer(path, index) }];
      const raw = scalar(entry.value);
      return raw === undefined ? [] : [{ name, value: raw, path: pointer(path, index, 'value') }];
    });
  }
  return Object.entries(asRecord(value) ?? {}).flatMap(([name, raw]) => {
    const text = scalar(raw);
    return text === undefined ? [] : [{ name, value: text, path: pointer(path, name) }];
  });
}

/** The value kubeadm reads for a flag in extraArgs: the last entry naming it (GetArgValue(args, name, -1)). */
function lastArg(args: readonly KubeadmArg[], name: string): string | undefined {
  return args.findLast((a) => a.name === name)?.value;
}

/** `minor`: the Kubernetes minor version kubeadm deploys, when the input says. */
function defaultsOf(component: KubeadmComponent, config: Record<string, unknown>, extra: readonly KubeadmArg[], minor: number | undefined): [string, string][] {
  const pki = asString(config.certificatesDir) ?? '/etc/kubernetes/pki';
  const networking = asRecord(config.networking);
  const kubeconfig = (file: string): [string, string][] => {
    const path = `/etc/kubernetes/${file}`;
    return [['kubeconfig', path], ['authentication-kubeconfig', path], ['authorization-kubeconfig', path]];
  };
  switch (component) {
    case 'kube-apiserver':
      return [
        // kubeadm closed the insecure port itself until the flag was removed in 1.24.
        ...(minor !== undefined && minor < 24 ? [['insecure-port', '0'] as [string, string]] : []),
        ['enable-admission-plugins', 'NodeRestriction'],
        ['service-cluster-ip-range', asString(networking?.serviceSubnet) ?? '10.96.0.0/12'],
        ['service-account-key-file', `${pki}/sa.pub`],
        ['service-account-signing-key-file', `${pki}/sa.key`],
        ['service-account-issuer', `https://kubernetes.default.svc.${asString(networking?.dnsDomain) ?? 'cluster.local'}`],
        ['client-ca-file', `${pki}/ca.crt`],
        ['tls-cert-file', `${pki}/apiserver.crt`],
        ['tls-private-key-file', `${pki}/apiserver.key`],
        ['kubelet-client-certificate', `${pki}/apiserver-kubelet-client.crt`],
        ['kubelet-client-key', `${pki}/apiserver-kubelet-client.key`],
        ['enable-bootstrap-token-auth', 'true'],
        ['secure-port', '6443'],
        ['allow-privileged', 'true'],
        ['kubelet-preferred-address-types', 'InternalIP,ExternalIP,Hostname'],
        ['requestheader-username-headers', 'X-Remote-User'],
        ['requestheader-group-headers', 'X-Remote-Group'],
        ['requestheader-extra-headers-prefix', 'X-Remote-Extra-'],
        ['requestheader-client-ca-file', `${pki}/front-proxy-ca.crt`],
        ['requestheader-allowed-names', 'front-proxy-client'],
        ['proxy-client-cert-file', `${pki}/front-proxy-client.crt`],
        ['proxy-client-key-file', `${pki}/front-proxy-client.key`],
        ...etcdClientDefaults(config, pki),
        // Structured authorization (--authorization-config) replaces the mode flag.
        ...(lastArg(extra, 'authorization-config') === undefined ? [['authorization-mode', 'Node,RBAC'] as [string, string]] : []),
      ];
    case 'kube-controller-manager': {
      const podSubnet = asString(networking?.podSubnet);
      const serviceSubnet = asString(networking?.serviceSubnet) ?? '10.96.0.0/12';
      const clusterName = asString(config.clusterName) ?? 'kubernetes';
      return [
        ['bind-address', '127.0.0.1'],
        ['leader-elect', 'true'],
        ...kubeconfig('controller-manager.conf'),
        ['client-ca-file', `${pki}/ca.crt`],
        ['requestheader-client-ca-file', `${pki}/front-proxy-ca.crt`],
        ['root-ca-file', `${pki}/ca.crt`],
        ['service-account-private-key-file', `${pki}/sa.key`],
        ['cluster-signing-cert-file', `${pki}/ca.crt`],
        ['cluster-signing-key-file', `${pki}/ca.key`],
        ['use-service-account-credentials', 'true'],
        ['controllers', '*,bootstrapsigner,tokencleaner'],
        ...(podSubnet === undefined || podSubnet === '' ? [] : ([['allocate-node-cidrs', 'true'], ['cluster-cidr', podSubnet], ['service-cluster-ip-range', serviceSubnet]] as [string, string][])),
        ['cluster-name', clusterName],
      ];
    }
    case 'kube-scheduler':
      return [['bind-address', '127.0.0.1'], ['leader-elect', 'true'], ...kubeconfig('scheduler.conf')];
    case 'etcd':
      return [
        ['data-dir', asString(asRecord(asRecord(config.etcd)?.local)?.dataDir) ?? '/var/lib/etcd'],
        ['cert-file', `${pki}/etcd/server.crt`],
        ['key-file', `${pki}/etcd/server.key`],
        ['trusted-ca-file', `${pki}/etcd/ca.crt`],
        ['client-cert-auth', 'true'],
        ['peer-cert-file', `${pki}/etcd/peer.crt`],
        ['peer-key-file', `${pki}/etcd/peer.key`],
        ['peer-trusted-ca-file', `${pki}/etcd/ca.crt`],
        ['peer-client-cert-auth', 'true'],
        ['snapshot-count', '10000'],
      ];
  }
}

/** How the API server reaches etcd: kubeadm's local etcd certificates, or what etcd.external gives. */
function etcdClientDefaults(config: Record<string, unknown>, pki: string): [string, string][] {
  const external = asRecord(asRecord(config.etcd)?.external);
  if (external === undefined) {
    return [
      ['etcd-cafile', `${pki}/etcd/ca.crt`],
      ['etcd-certfile', `${pki}/apiserver-etcd-client.crt`],
      ['etcd-keyfile', `${pki}/apiserver-etcd-client.key`],
    ];
  }
  const file = (key: string): string | undefined => {
    const value = asString(external[key]);
    return value === undefined || value === '' ? undefined : value;
  };
  const [ca, cert, key] = [file('caFile'), file('certFile'), file('keyFile')];
  const endpoints = asArray(external.endpoints).flatMap((e) => (typeof e === 'string' ? [e] : []));
  return [
    ...(endpoints.length === 0 ? [] : [['etcd-servers', endpoints.join(',')] as [string, string]]),
    ...(ca === undefined ? [] : [['etcd-cafile', ca] as [string, string]]),
    // kubeadm passes the client certificate only with its key.
    ...(cert === undefined || key === undefined ? [] : ([['etcd-certfile', cert], ['etcd-keyfile', key]] as [string, string][])),
  ];
}

/** util.ArgumentsToCommand: extraArgs replace defaults of the same name; sorted by name, then value. */
export function argumentsToCommand(defaults: readonly [string, string][], extra: readonly KubeadmArg[]): KubeadmArg[] {
  const overridden = new Set(extra.map((a) => a.name));
  const kept: KubeadmArg[] = defaults.filter(([name]) => !overridden.has(name)).map(([name, value]) => ({ name, value, path: undefined }));
  // Go compares strings bytewise; so does this (no locale collation).
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...extra, ...kept].sort((a, b) => compare(a.name, b.name) || compare(a.value, b.value));
}

/**
 * The components kubeadm starts from the ClusterConfiguration found at `prefix` (a JSON pointer
 * from the resource root; '' for a kubeadm config file) in `root`. etcd only when kubeadm runs it
 * (no etcd.external). `minor` is the Kubernetes minor version it deploys, when known.
 */
export function kubeadmCommands(root: Record<string, unknown>, prefix: readonly string[], minor: number | undefined): KubeadmCommand[] {
  const config = asRecord(walk(root, prefix).value) ?? {};
  const external = asRecord(asRecord(config.etcd)?.external) !== undefined;
  const components: KubeadmComponent[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', ...(external ? [] : ['etcd' as const])];
  return components.map((component) => {
    const section = [...prefix, ...SECTIONS[component]];
    const extraPath = [...section, 'extraArgs'];
    const extra = extraArgsOf(walk(root, extraPath).value, pointer('', ...extraPath));
    const defaults = defaultsOf(component, config, extra, minor);
    const named = new Set(extra.map((a) => a.name));
    return {
      component,
      extraArgsField: extraPath.join('.'),
      args: argumentsToCommand(defaults, extra),
      // Where a missing flag would go: the deepest part of the extraArgs path the input has.
      flagsPath: pointer('', ...walk(root, extraPath).present),
      replaced: new Map(defaults.filter(([name]) => named.has(name))),
    };
  });
}

/** The minor version of a kubeadm kubernetesVersion or Cluster API spec.version ("v1.31.0" gives 31). */
export function kubeadmVersionMinor(version: unknown): number | undefined {
  const match = /^v?1\.(\d{1,3})(?:\.|$|-)/.exec(asString(version) ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
