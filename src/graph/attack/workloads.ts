/**
 * The workloads of the attack graph: one node per pod template (the netpol engine's grouping: a
 * Deployment and its pods are one workload), with the replica count, the ServiceAccount its pods
 * run as and whether its token is mounted (pod spec first, else the ServiceAccount, as the
 * ServiceAccount admission controller decides).
 */
import type { Workload as PodTemplate } from '../../model/k8s.js';
import type { Resource } from '../../model/resource.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import { serviceAccountOf, workloadOf } from '../../lib/k8s/workload.js';
import type { Analysis, Endpoint } from '../netpol/analysis.js';
import { workloadId } from './ids.js';

export interface WorkloadInfo {
  readonly id: string;
  readonly endpoint: Extract<Endpoint, { kind: 'workload' }>;
  /** The object that carries the pod template (the Deployment, or the first pod of an owner). */
  readonly resource: Resource;
  readonly template: PodTemplate;
  readonly namespace: string;
  readonly replicas: number | undefined;
  readonly serviceAccount: string;
  readonly automountToken: boolean;
  /** Whether the token is mounted because the pod spec says nothing and the ServiceAccount does not forbid it. */
  readonly automountByDefault: boolean;
  readonly nodeName?: string;
}

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

function replicasOf(resource: Resource, podCount: number): number | undefined {
  const spec = asRecord(resource.object.spec);
  if (REPLICATED.has(resource.kind)) return typeof spec?.replicas === 'number' ? spec.replicas : 1;
  if (resource.kind === 'Job') return typeof spec?.parallelism === 'number' ? spec.parallelism : 1;
  // A DaemonSet has one pod per node: the node count is not in the manifests.
  if (resource.kind === 'DaemonSet') return undefined;
  return podCount;
}

export function workloadInfos(analysis: Analysis, index: ResourceIndex): WorkloadInfo[] {
  const out: WorkloadInfo[] = [];
  for (const endpoint of analysis.workloads) {
    const resource = endpoint.workload.resources[0];
    if (resource === undefined) continue;
    const template = workloadOf(resource.kind, resource.object);
    if (template === undefined) continue;
    const namespace = namespaceOf(resource);
    const serviceAccount = serviceAccountOf(template.podSpec);
    const sa = index.inNamespace(namespace, 'ServiceAccount').find((s) => s.name === serviceAccount);
    const saAllows = sa?.object.automountServiceAccountToken !== false;
    const specSays = template.podSpec.automountServiceAccountToken;
    const nodeName = asString(template.podSpec.nodeName);
    out.push({
      id: workloadId(namespace, endpoint.workload.kind, endpoint.workload.name),
      endpoint,
      resource,
      template,
      namespace,
      replicas: replicasOf(resource, endpoint.workload.resources.length),
      serviceAccount,
      automountToken: specSays ?? saAllows,
      automountByDefault: specSays === undefined && saAllows,
      ...(nodeName === undefined || nodeName === '' ? {} : { nodeName }),
    });
  }
  return out;
}
