/**
 * Builds the analysed cluster from loaded resources as netpol-analyzer does: every workload kind
 * (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController, Job, CronJob) is
 * one endpoint through its pod template; pods with a controller owner are grouped under that
 * owner; namespaces missing from the input get the automatic `kubernetes.io/metadata.name` label.
 */
import type { Resource } from '../../model/resource.js';
import { DEFAULT_NAMESPACE } from '../../lib/k8s/kinds.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import { workloadOf } from '../../lib/k8s/workload.js';
import { isProtocol } from './connections.js';
import { errorAt, NetpolError } from './errors.js';
import type { Cluster, ContainerPort, NamespaceInfo, NetworkPolicy, Workload } from './model.js';
import { workloadKey } from './model.js';
import { NAMESPACE_NAME_LABEL } from './namespaces.js';
import { parseNetworkPolicy } from './parse-policy.js';
import { readAdminPolicies } from './parse-admin.js';
import { readCiliumPolicies } from './cilium/parse.js';
import { distinguishingKey, podSelectorsOf } from './policy-labels.js';
import type { LabelSelector } from '../../lib/k8s/labels.js';
import type { IntervalSet } from './intervals.js';
import type { NetworkAttachmentRef } from './model.js';
import { podAttachments } from './multi-network/attachments.js';
import { isVirtualMachineKind, vmView, VM_KIND, VMI_KIND } from './multi-network/virtual-machines.js';


const ANALYSED_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob', VM_KIND, VMI_KIND]);

/**
 * The cluster the resources describe. An invalid NetworkPolicy throws, unless `refused` is given:
 * then it is left out (the API server would never have stored it) and its error is added there,
 * so a scan still analyses every other policy.
 */
export function buildCluster(resources: readonly Resource[], refused?: NetpolError[]): Cluster {
  const namespaces = readNamespaces(resources);
  const policies = readPolicies(resources, refused);
  const { admin, baseline } = readAdminPolicies(resources);
  const cilium = readCiliumPolicies(resources);
  const workloads = readWorkloads(resources, podSelectorsOf([...policies, ...cilium.policies], [...admin, ...(baseline === undefined ? [] : [baseline])]));
  for (const w of workloads) if (!namespaces.has(w.namespace)) namespaces.set(w.namespace, { name: w.namespace, labels: { [NAMESPACE_NAME_LABEL]: w.namespace } });
  return { workloads, namespaces, policies, admin, baseline, ...(cilium.policies.length + cilium.notes.length === 0 ? {} : { cilium: cilium.policies, notes: cilium.notes }) };
}

function namespaceOf(resource: Resource): string {
  return resource.namespace === undefined || resource.namespace === '' ? DEFAULT_NAMESPACE : resource.namespace;
}

function readNamespaces(resources: readonly Resource[]): Map<string, NamespaceInfo> {
  const out = new Map<string, NamespaceInfo>();
  for (const r of resources) {
    if (r.kind !== 'Namespace') continue;
    if (out.has(r.name)) throw errorAt(r, '/metadata/name', `Namespace "${r.name}" already exists. Only one object of a given kind can have a given name at a time.`);
    const labels = asStringMap(asRecord(r.object.metadata)?.labels);
    // The API server sets this label on every namespace; policies select namespaces by it.
    out.set(r.name, { name: r.name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: r.name } });
  }
  return out;
}

function readPolicies(resources: readonly Resource[], refused: NetpolError[] | undefined): NetworkPolicy[] {
  const seen = new Set<string>();
  const out: NetworkPolicy[] = [];
  for (const r of resources) {
    if (r.kind !== 'NetworkPolicy' || !r.apiVersion.startsWith('networking.k8s.io/')) continue;
    try {
      const namespace = namespaceOf(r);
      const key = `${namespace}/${r.name}`;
      if (seen.has(key)) throw errorAt(r, '/metadata/name', `NetworkPolicy "${key}" already exists. Only one object of a given kind can have a given name at a time.`);
      out.push(parseNetworkPolicy(r, namespace));
      seen.add(key);
    } catch (error) {
      if (refused === undefined || !(error instanceof NetpolError)) throw error;
      refused.push(error);
    }
  }
  return out;
}

interface PodView {
  readonly resource: Resource;
  readonly namespace: string;
  readonly podName: string;
  readonly owner: { readonly name: string; readonly kind: string } | undefined;
  readonly labels: Record<string, string>;
  readonly ports: ContainerPort[];
  readonly hostNetwork: boolean;
  readonly attachments: readonly NetworkAttachmentRef[];
  readonly addresses: IntervalSet;
}

function readWorkloads(resources: readonly Resource[], selectors: readonly LabelSelector[]): Workload[] {
  const byKey = new Map<string, PodView[]>();
  for (const r of resources) {
    if (!ANALYSED_KINDS.has(r.kind)) continue;
    const view = podView(r);
    if (view === undefined) continue;
    const key = workloadKey({ namespace: view.namespace, name: view.owner?.name ?? view.podName, kind: view.owner?.kind ?? 'Pod' });
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [view]);
    else list.push(view);
  }
  const out: Workload[] = [];
  for (const views of byKey.values()) {
    const first = views[0] as PodView;
    for (const other of views.slice(1)) checkSameLabels(first, other, selectors);
    out.push({
      namespace: first.namespace,
      name: first.owner?.name ?? first.podName,
      kind: first.owner?.kind ?? 'Pod',
      labels: first.labels,
      ports: first.ports,
      hostNetwork: first.hostNetwork,
      attachments: first.attachments,
      addresses: views.reduce((all, v) => all.union(v.addresses), first.addresses),
      resources: views.map((v) => v.resource),
    });
  }
  return out;
}

/**
 * Pods of one owner stand for one workload only when the policies cannot tell them apart: a label
 * that differs between them and that a selector uses makes the grouping wrong, so it is refused.
 */
function checkSameLabels(first: PodView, other: PodView, selectors: readonly LabelSelector[]): void {
  const key = distinguishingKey(selectors, first.labels, other.labels);
  if (key !== undefined) {
    const owner = `${first.namespace}/${first.owner?.name ?? first.podName}`;
    throw errorAt(
      other.resource,
      '/metadata/labels',
      `Found Pods of the same owner workload \`${owner}\` and with differences in their labels, while a network policy contains selectors impacted by this gap (label "${key}").`,
    );
  }
}

function podView(resource: Resource): PodView | undefined {
  if (isVirtualMachineKind(resource.kind)) return virtualMachineView(resource);
  const workload = workloadOf(resource.kind, resource.object);
  if (workload === undefined) return undefined;
  const owner = resource.kind === 'Pod' ? controllerOwner(resource) : { name: resource.name, kind: resource.kind };
  const ports: ContainerPort[] = [];
  for (const container of asArray(workload.podSpec.containers)) {
    for (const raw of asArray(asRecord(container)?.ports)) {
      const port = asRecord(raw) ?? {};
      const number = typeof port.containerPort === 'number' ? port.containerPort : Number(port.containerPort);
      const protocol = asString(port.protocol) ?? 'TCP';
      if (!Number.isInteger(number) || !isProtocol(protocol)) continue;
      ports.push({ name: asString(port.name), port: number, protocol });
    }
  }
  return {
    resource,
    namespace: namespaceOf(resource),
    podName: resource.name,
    owner,
    labels: { ...(workload.podMeta.labels ?? {}) },
    ports,
    hostNetwork: workload.podSpec.hostNetwork === true,
    ...podAttachmentsView(podAttachments(workload.podMeta.annotations, namespaceOf(resource))),
  };
}

function podAttachmentsView(a: ReturnType<typeof podAttachments>): Pick<PodView, 'attachments' | 'addresses'> {
  return { attachments: a.refs, addresses: a.addresses };
}

/** A VirtualMachine, or its instance (named like the VM that owns it): one `[VirtualMachine]` endpoint. */
function virtualMachineView(resource: Resource): PodView {
  const namespace = namespaceOf(resource);
  const vm = vmView(resource, namespace);
  return {
    resource,
    namespace,
    podName: resource.name,
    owner: { name: resource.name, kind: VM_KIND },
    labels: vm.labels,
    ports: [],
    hostNetwork: false,
    attachments: vm.attachments,
    addresses: vm.addresses,
  };
}

/** The controller named in a pod's ownerReferences (nodes own static pods but are no workload). */
function controllerOwner(resource: Resource): { name: string; kind: string } | undefined {
  for (const ref of asArray(asRecord(resource.object.metadata)?.ownerReferences)) {
    const owner = asRecord(ref);
    if (owner?.controller !== true) continue;
    const kind = asString(owner.kind) ?? '';
    const name = asString(owner.name) ?? '';
    if (kind === 'Node' || name === '') return undefined;
    // netpol-analyzer names an owner reference without a kind as a Pod; a virt-launcher pod
    // belongs to the VirtualMachine its instance runs.
    return { name, kind: kind === '' ? 'Pod' : kind === VMI_KIND ? VM_KIND : kind };
  }
  return undefined;
}

export { NetpolError };
