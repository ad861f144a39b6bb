/**
 * Finds the control-plane components (kube-apiserver, etcd, kube-controller-manager,
 * kube-scheduler) in the input, wherever their flags are kept:
 *
 * - among the workloads, as kubeadm and most installers run them: static pods in kube-system (or
 *   with no namespace, as manifest files on a node often are) whose container command (or, with
 *   the image's entrypoint, args) starts the component binary, directly, through hyperkube or
 *   through the kube-log-runner (go-runner) log wrapper;
 * - in a kubeadm ClusterConfiguration, or the one a Cluster API KubeadmControlPlane (or its
 *   template) embeds: the command lines kubeadm will write (kubeadm.ts).
 *
 * Each one comes with its parsed flags and where each argument sits.
 */
import { z } from 'zod';
import type { ResourceIndex } from '../../core/resource-index.js';
import type { Outcome, RuleContext, WorkloadSubject } from '../../core/rule.js';
import { skip } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { isWorkloadKind, WORKLOAD_KINDS } from '../../lib/k8s/workload.js';
import type { ContainerRef } from '../../model/k8s.js';
import type { Resource } from '../../model/resource.js';
import type { FlagOccurrence, ParsedFlags } from './component-flags.js';
import { parseFlags } from './component-flags.js';
import { kindsWith, kubeadmKindOf, walk } from './kubeadm-kinds.js';
import { kubeadmCommands, kubeadmVersionMinor } from './kubeadm.js';
import { kubernetesMinor } from './kubernetes-version.js';

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
  /** Which component, and where its flags come from: `kube-apiserver (container "kube-apiserver")`. */
  readonly description: string;
  /** The Kubernetes minor version it runs, when the input says (image tag, kubeadm version). */
  readonly kubernetesMinor: number | undefined;
  readonly flags: ParsedFlags;
  /** JSON pointer of the argument (or etcd environment variable value) that holds the occurrence. */
  argPath(occurrence: FlagOccurrence): string;
  /** Where a missing flag would go: the list that holds the flags. */
  readonly flagsPath: string;
  /** For a component kubeadm starts: its extraArgs field, and kubeadm's defaults that extraArgs replaced. */
  readonly kubeadm?: {
    readonly extraArgsField: string;
    readonly replaced: ReadonlyMap<string, string>;
    /** The JSON pointers of its extraArgs entries: a finding there was decided by extraArgs. */
    readonly entryPaths: ReadonlySet<string>;
  };
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

/** The kinds control-plane rules judge: every workload kind, and the kubeadm configurations. */
export const CONTROL_PLANE_TARGET: { readonly kinds: readonly string[] } = { kinds: [...WORKLOAD_KINDS, ...kindsWith('cluster')].sort() };

/** Per resource: the components it runs. A dozen rules ask for each one. */
const INVOCATIONS = new WeakMap<Resource, readonly ComponentInvocation[]>();

/** Per index: each workload resource that is judged itself (not through its controller), with its pod. */
const SUBJECTS = new WeakMap<ResourceIndex, ReadonlyMap<Resource, WorkloadSubject>>();

function subjectOf(index: ResourceIndex, resource: Resource): WorkloadSubject | undefined {
  let subjects = SUBJECTS.get(index);
  if (subjects === undefined) {
    subjects = new Map(index.workloads().map((subject) => [subject.resource, subject]));
    SUBJECTS.set(index, subjects);
  }
  return subjects.get(resource);
}

/**
 * The control-plane components a resource runs (usually one container of a static pod, or the
 * four of a kubeadm configuration); undefined for a workload judged through its controller.
 */
export function componentsIn(resource: Resource, index: ResourceIndex, options: ControlPlaneOptions): readonly ComponentInvocation[] | undefined {
  const cluster = kubeadmKindOf(resource)?.cluster;
  if (cluster !== undefined) return cached(resource, () => kubeadmInvocations(resource, cluster));
  // A kubeadm kind of another API group.
  if (!isWorkloadKind(resource.kind)) return [];
  const subject = subjectOf(index, resource);
  if (subject === undefined) return undefined;
  const namespace = resource.namespace;
  if (namespace !== undefined && !options.controlPlaneNamespaces.includes(namespace)) return [];
  return cached(resource, () => invocationsOf(subject));
}

function cached(resource: Resource, find: () => readonly ComponentInvocation[]): readonly ComponentInvocation[] {
  let invocations = INVOCATIONS.get(resource);
  if (invocations === undefined) {
    invocations = find();
    INVOCATIONS.set(resource, invocations);
  }
  return invocations;
}

/** Every component of the input with the resource that runs it, for rules that compare components. */
export function allComponents(index: ResourceIndex, options: ControlPlaneOptions): { resource: Resource; invocation: ComponentInvocation }[] {
  return CONTROL_PLANE_TARGET.kinds.flatMap((kind) =>
    index.byKind(kind).flatMap((resource) => (componentsIn(resource, index, options) ?? []).map((invocation) => ({ resource, invocation }))),
  );
}

/**
 * Runs `judge` on each component of the resource that is one of `wanted`. A resource that runs
 * none is a skip, not a pass: the rule does not apply to it, and an application pod must not count
 * as a well-configured API server in a report or a compliance section.
 */
export function* judgeComponents(
  resource: Resource,
  { index, options }: RuleContext<ControlPlaneOptions>,
  wanted: readonly Component[],
  judge: (invocation: ComponentInvocation) => Iterable<Outcome>,
): Generator<Outcome> {
  const components = componentsIn(resource, index, options);
  if (components === undefined) {
    yield skip('judged through the workload that controls it');
    return;
  }
  const found = components.filter((c) => wanted.includes(c.component));
  if (found.length === 0) yield skip(`the ${resource.kind} runs no ${wanted.join(' or ')}`);
  for (const invocation of found) {
    for (const outcome of judge(invocation)) yield withOrigin(invocation, outcome);
  }
}

/**
 * A finding about a component kubeadm starts says where the value that decided it came from:
 * kubeadm's default flags (`kube-apiserver (kubeadm's default flags) does not set ...`), or an
 * extraArgs entry (`kube-apiserver (apiServer.extraArgs) sets ...`), told by the entry it points at.
 */
function withOrigin(invocation: ComponentInvocation, outcome: Outcome): Outcome {
  const kubeadm = invocation.kubeadm;
  if (kubeadm === undefined || outcome.status === 'skip' || !kubeadm.entryPaths.has(outcome.path) || !outcome.message.startsWith(invocation.description)) return outcome;
  return { ...outcome, message: `${invocation.component} (${kubeadm.extraArgsField})${outcome.message.slice(invocation.description.length)}` };
}

/** The components kubeadm starts from the ClusterConfiguration the resource holds or embeds. */
function kubeadmInvocations(resource: Resource, cluster: readonly string[]): ComponentInvocation[] {
  const version = kubeadmKindOf(resource)?.version;
  const minor = version === undefined ? undefined : kubeadmVersionMinor(walk(resource.object, version).value);
  return kubeadmCommands(resource.object, cluster, minor).map((command) => {
    const flags = parseFlags(command.args.map((a) => `--${a.name}=${a.value}`), BOOLEAN_FLAGS[command.component]);
    return {
      component: command.component,
      // Which of the two a finding comes from is told by where it points (judgeComponents).
      description: `${command.component} (kubeadm's default flags)`,
      kubernetesMinor: minor,
      flags,
      // A flag kubeadm sets itself is located at the extraArgs that would replace it.
      argPath: (occurrence: FlagOccurrence) => command.args[occurrence.argIndex]?.path ?? command.flagsPath,
      flagsPath: command.flagsPath,
      kubeadm: {
        extraArgsField: command.extraArgsField,
        replaced: command.replaced,
        entryPaths: new Set(command.args.flatMap((a) => (a.path === undefined ? [] : [a.path]))),
      },
    };
  });
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
        description: `${found.component} (container "${container.name}")`,
        kubernetesMinor: kubernetesMinor(asString(container.container.image)),
        flags,
        argPath: (occurrence: FlagOccurrence) => flagPaths[occurrence.argIndex] ?? pointer(container.path, listField),
        flagsPath: pointer(container.path, listField),
      },
    ];
  });
}

/**
 * ` (apiServer.extraArgs replaces kubeadm's --enable-admission-plugins=NodeRestriction)` when the
 * value kubeadm would have set for `flag` was replaced by extraArgs, for messages about what the
 * replacement lost; '' otherwise.
 */
export function replacedKubeadmDefault(invocation: ComponentInvocation, flag: string): string {
  const value = invocation.kubeadm?.replaced.get(flag);
  return value === undefined || invocation.kubeadm === undefined ? '' : ` (${invocation.kubeadm.extraArgsField} replaces kubeadm's --${flag}=${value})`;
}

/** `kube-apiserver (container "kube-apiserver")`, or where kubeadm takes its flags from. */
export function describeInvocation(invocation: ComponentInvocation): string {
  return invocation.description;
}
