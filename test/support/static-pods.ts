/**
 * Control-plane static pods for the rule tests, built from a flag list so each test shows only the
 * flags it is about. The layout is kubeadm's (`command:` as a block list, one argument per line),
 * so `command/N` sits on line 9 + N of a one-container pod; every argument is written as a YAML
 * double-quoted string, so a value like `"8081"` or `false` stays a string as on a real command line.
 */

export type ControlPlaneBinary = 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler';

const DEFAULT_IMAGES: Readonly<Record<ControlPlaneBinary, string>> = {
  'kube-apiserver': 'registry.k8s.io/kube-apiserver:v1.31.0',
  'kube-controller-manager': 'registry.k8s.io/kube-controller-manager:v1.31.0',
  'kube-scheduler': 'registry.k8s.io/kube-scheduler:v1.31.0',
  etcd: 'registry.k8s.io/etcd:3.5.15-0',
};

export interface StaticPodContainer {
  readonly component: ControlPlaneBinary;
  /** Arguments after the binary (or after `command`, when given). */
  readonly flags?: readonly string[];
  /** Container name; the component's by default. */
  readonly name?: string;
  /** Image; registry.k8s.io's for the component by default. */
  readonly image?: string;
  /** What starts the component, when not its bare binary name (`['/hyperkube', 'apiserver']`). */
  readonly command?: readonly string[];
  /** Literal environment variables (etcd reads ETCD_<FLAG>). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface StaticPodMetadata {
  /** Pod name; the first container's component by default. */
  readonly name?: string;
  /** `kube-system` by default; `null` for a manifest without a namespace, as on a node. */
  readonly namespace?: string | null;
}

function quoted(value: string): string {
  // A JSON string is a valid YAML double-quoted scalar.
  return JSON.stringify(value);
}

function containerYaml(container: StaticPodContainer): string {
  const argv = [...(container.command ?? [container.component]), ...(container.flags ?? [])];
  const lines = [
    `    - name: ${quoted(container.name ?? container.component)}`,
    `      image: ${quoted(container.image ?? DEFAULT_IMAGES[container.component])}`,
    '      command:',
    ...argv.map((arg) => `        - ${quoted(arg)}`),
  ];
  const env = Object.entries(container.env ?? {});
  if (env.length > 0) lines.push('      env:', ...env.map(([name, value]) => `        - {name: ${quoted(name)}, value: ${quoted(value)}}`));
  return lines.join('\n');
}

/** A pod running the given control-plane containers. */
export function controlPlanePod(containers: readonly StaticPodContainer[], metadata: StaticPodMetadata = {}): string {
  const name = metadata.name ?? containers[0]?.component ?? 'control-plane';
  const namespace = metadata.namespace === undefined ? 'kube-system' : metadata.namespace;
  const meta = namespace === null ? `{name: ${quoted(name)}}` : `{name: ${quoted(name)}, namespace: ${quoted(namespace)}}`;
  return ['apiVersion: v1', 'kind: Pod', `metadata: ${meta}`, 'spec:', '  containers:', ...containers.map(containerYaml), ''].join('\n');
}

/** The usual case: one container running `component` with `flags`. */
export function staticPod(component: ControlPlaneBinary, flags: readonly string[] = [], container: Omit<StaticPodContainer, 'component' | 'flags'> = {}): string {
  return controlPlanePod([{ ...container, component, flags }]);
}
