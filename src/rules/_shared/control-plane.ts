/**
 * Finds the control-plane components (kube-apiserver, etcd, kube-controller-manager,
 * kube-scheduler) among the workloads of the input, as kubeadm and most installers run them: static
 * pods in kube-system (or with no namespace, as manifest files on a node often are) whose container
 * command (or, with the image's entrypoint, args) starts the component binary, directly, through
 * hyperkube or through the kube-log-runner (go-runner) log wrapper. Each one comes with its parsed
 * flags and where each argument sits.
 */
import { z } from 'zod';
import type { Outcome, WorkloadSubject } from '../../core/rule.js';
import { skip } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { ContainerRef } from '../../model/k8s.js';
import type { FlagOccurrence, ParsedFlags } from './component-flags.js';
import { parseFlags } from './component-flags.js';

export type Component = 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler';

/**
 * Boolean flags of each component: they take no separate value argument. Lists the flags the
 * rules read plus the other boolean flags of each component, so their presence never swallows the
 * next argument.
 */
const COMMON_BOOLEANS = ['alsologtostderr', 'logtostderr', 'log-flush-frequency-disabled', 'skip-headers', 'skip-log-headers', 'one-output', 'add-dir-header', 'help', 'version', 'contention-profiling', 'profiling', 'leader-elect', 'permit-port-sharing', 'permit-address-sharing'];
const BOOLEAN_FLAGS: Readonly<Record<Component, ReadonlySet<string>>> = {
  'kube-apiserver': new Set([
    ...COMMON_BOOLEANS,
    'allow-privileged',
    'anonymous-auth',
    'audit-log-compress',
    'audit-log-batch-throttle-enable',
    'audit-log-truncate-enabled',
    'audit-webhook-batch-throttle-enable',
    'audit-webhook-truncate-enabled',
    'enable-aggregator-routing',
    'enable-bootstrap-token-auth',
    'enable-garbage-collector',
    'enable-logs-handler',
    'enable-priority-and-fairness',
    'encryption-provider-config-automatic-reload',
    'kubelet-https',
    'service-account-extend-token-expiration',
    'service-account-lookup',
    'watch-cache',
    'storage-backend-cache',
    'cloud-provider-gce-lb-src-cidrs-disabled',
    'enable-swagger-ui',
    'insecure-allow-any-token',
  ]),
  'kube-controller-manager': new Set([
    ...COMMON_BOOLEANS,
    'allocate-node-cidrs',
    'configure-cloud-routes',
    'enable-dynamic-provisioning',
    'enable-garbage-collector',
    'enable-hostpath-provisioner',
    'enable-taint-manager',
    'use-service-account-credentials',
    'disable-attach-detach-reconcile-sync',
  ]),
  'kube-scheduler': new Set([...COMMON_BOOLEANS]),
  etcd: new Set([
    'auto-tls',
    'client-cert-auth',
    'debug',
    'enable-grpc-gateway',
    'enable-pprof',
    'enable-v2',
    'experimental-initial-corrupt-check',
    'force-new-cluster',
    'peer-auto-tls',
    'peer-client-cert-auth',
    'pre-vote',
    'socket-reuse-address',
    'socket-reuse-port',
    'strict-reconfig-check',
    'version',
    'help',
  ]),
};

const COMPONENTS: readonly Component[] = ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'];
/** hyperkube's subcommand names. */
const HYPERKUBE_ALIASES: Readonly<Record<string, Component>> = {
  'kube-apiserver': 'kube-apiserver',
  apiserver: 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  scheduler: 'kube-scheduler',
};

export const controlPlaneOptions = z.object({
  /**
   * Namespaces whose pods may be control-plane static pods. Pods that name no namespace count
   * too: a static pod manifest read from a node's manifests directory often has none.
   */
  controlPlaneNamespaces: z.array(z.string()).default(['kube-system']),
});
export type ControlPlaneOptions = z.infer<typeof controlPlaneOptions>;

export interface ComponentInvocation {
  readonly component: Component;
  readonly container: ContainerRef;
  readonly flags: ParsedFlags;
  /** JSON pointer of the argument (or etcd environment variable value) that holds the occurrence. */
  argPath(occurrence: FlagOccurrence): string;
  /** Where a missing flag would go: the list that holds the flags. */
  readonly flagsPath: string;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The image's repository name without registry, tag, digest or architecture suffix. */
function imageComponent(image: string | undefined): Component | undefined {
  if (image === undefined) return undefined;
  const repository = basename(image.replace(/@.*$/, '').replace(/:[^/]*$/, ''));
  return COMPONENTS.find((c) => repository === c || repository.startsWith(`${c}-`));
}

interface Argv {
  readonly argv: string[];
  /** JSON pointer of each argument of `argv`. */
  readonly paths: string[];
}

function argvOf(container: ContainerRef): Argv {
  const argv: string[] = [];
  const paths: string[] = [];
  for (const field of ['command', 'args'] as const) {
    asArray(container.container[field]).forEach((value, index) => {
      argv.push(asString(value) ?? '');
      paths.push(pointer(container.path, field, index));
    });
  }
  return { argv, paths };
}

/**
 * etcd also reads each flag from an `ETCD_<FLAG>` environment variable (upper case, `_` for `-`),
 * and a flag on the command line shadows it. Returned as `--flag=value` arguments to put before the
 * command line, so the last-occurrence rule gives the command line precedence. Values from
 * secrets or config maps are unknown and left out.
 */
function etcdEnvironmentFlags(container: ContainerRef): Argv {
  const argv: string[] = [];
  const paths: string[] = [];
  asArray(container.container.env).forEach((item, index) => {
    const variable = asRecord(item);
    const name = asString(variable?.name);
    const value = asString(variable?.value);
    if (name === undefined || value === undefined || !/^ETCD_[A-Z0-9_]+$/.test(name)) return;
    argv.push(`--${name.slice('ETCD_'.length).toLowerCase().replaceAll('_', '-')}=${value}`);
    paths.push(pointer(container.path, 'env', index, 'value'));
  });
  return { argv, paths };
}

/** Kubernetes' log wrapper (kube-up and kops start control-plane components through it). */
const LOG_RUNNERS: ReadonlySet<string> = new Set(['go-runner', 'kube-log-runner']);

/**
 * Where the command a log runner starts sits: after the runner's own flags, which Go's `flag`
 * package reads (one or two dashes; `--log-file PATH` takes the next argument; the first argument
 * that is not a flag, or the one after `--`, ends them).
 */
function afterLogRunner(argv: readonly string[]): number {
  let i = 1;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    if (arg === '--') return i + 1;
    if (!arg.startsWith('-') || arg === '-') return i;
    const name = arg.replace(/^--?/, '');
    i += name === 'log-file' ? 2 : 1;
  }
  return i;
}

/** Which component a container runs, and where its flags start in the combined argument list. */
function identify(container: ContainerRef, argv: readonly string[]): { component: Component; start: number } | undefined {
  const at = LOG_RUNNERS.has(basename(argv[0] ?? '')) ? afterLogRunner(argv) : 0;
  const first = basename(argv[at] ?? '');
  const direct = COMPONENTS.find((c) => c === first);
  if (direct !== undefined) return { component: direct, start: at + 1 };
  if (first === 'hyperkube') {
    const sub = HYPERKUBE_ALIASES[argv[at + 1] ?? ''];
    return sub === undefined ? undefined : { component: sub, start: at + 2 };
  }
  // No command: the image's entrypoint is the component binary and args are its flags.
  if (asArray(container.container.command).length === 0) {
    const fromImage = imageComponent(asString(container.container.image));
    if (fromImage !== undefined) return { component: fromImage, start: 0 };
  }
  return undefined;
}

/** Per resource: the components its containers run. A dozen rules ask for each workload. */
const INVOCATIONS = new WeakMap<WorkloadSubject['resource'], readonly ComponentInvocation[]>();

/** The control-plane components a workload runs (usually one container of a static pod). */
export function componentsOf(subject: WorkloadSubject, options: ControlPlaneOptions): readonly ComponentInvocation[] {
  const namespace = subject.resource.namespace;
  if (namespace !== undefined && !options.controlPlaneNamespaces.includes(namespace)) return [];
  let invocations = INVOCATIONS.get(subject.resource);
  if (invocations === undefined) {
    invocations = invocationsOf(subject);
    INVOCATIONS.set(subject.resource, invocations);
  }
  return invocations;
}

/**
 * Runs `judge` on each container of the workload that runs one of `wanted`. A workload that runs
 * none is a skip, not a pass: the rule does not apply to it, and an application pod must not count
 * as a well-configured API server in a report or a compliance section.
 */
export function* judgeComponents(
  subject: WorkloadSubject,
  options: ControlPlaneOptions,
  wanted: readonly Component[],
  judge: (invocation: ComponentInvocation) => Iterable<Outcome>,
): Generator<Outcome> {
  const found = componentsOf(subject, options).filter((c) => wanted.includes(c.component));
  if (found.length === 0) yield skip(`the workload runs no ${wanted.join(' or ')}`);
  for (const invocation of found) yield* judge(invocation);
}

function invocationsOf(subject: WorkloadSubject): ComponentInvocation[] {
  return subject.workload.containers.flatMap((container) => {
    if (container.kind === 'ephemeralContainers') return [];
    const { argv, paths } = argvOf(container);
    const found = identify(container, argv);
    if (found === undefined) return [];
    const environment = found.component === 'etcd' ? etcdEnvironmentFlags(container) : { argv: [], paths: [] };
    const flagArgs = [...environment.argv, ...argv.slice(found.start)];
    const flagPaths = [...environment.paths, ...paths.slice(found.start)];
    const flags = parseFlags(flagArgs, BOOLEAN_FLAGS[found.component], found.component === 'etcd' ? 'goflag' : 'pflag');
    const listField = asArray(container.container.args).length > 0 ? 'args' : 'command';
    return [
      {
        component: found.component,
        container,
        flags,
        argPath: (occurrence: FlagOccurrence) => flagPaths[occurrence.argIndex] ?? pointer(container.path, listField),
        flagsPath: pointer(container.path, listField),
      },
    ];
  });
}

/** `kube-apiserver (container "kube-apiserver")`. */
export function describeInvocation(invocation: ComponentInvocation): string {
  return `${invocation.component} (container "${invocation.container.name}")`;
}
