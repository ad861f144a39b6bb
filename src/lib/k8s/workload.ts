/**
 * Reduces every workload kind to the pod it creates, so pod-level rules are written once.
 * Paths are JSON pointers from the resource root so findings point at the right line.
 */
import type { Container, ContainerKind, ContainerRef, ObjectMeta, PodSpec, Workload } from '../../model/k8s.js';
import type { JsonObject } from '../../model/resource.js';
import { pointer } from '../json-pointer.js';
import { asArray, asRecord, asString, asStringMap, isRecord } from './values.js';

/** Where each workload kind keeps its pod template (metadata pointer, spec pointer). */
const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly [string, string]>> = {
  Pod: ['/metadata', '/spec'],
  PodTemplate: ['/template/metadata', '/template/spec'],
  Deployment: ['/spec/template/metadata', '/spec/template/spec'],
  StatefulSet: ['/spec/template/metadata', '/spec/template/spec'],
  DaemonSet: ['/spec/template/metadata', '/spec/template/spec'],
  ReplicaSet: ['/spec/template/metadata', '/spec/template/spec'],
  ReplicationController: ['/spec/template/metadata', '/spec/template/spec'],
  Job: ['/spec/template/metadata', '/spec/template/spec'],
  CronJob: ['/spec/jobTemplate/spec/template/metadata', '/spec/jobTemplate/spec/template/spec'],
  // OpenShift's apps.openshift.io/v1 DeploymentConfig: a Deployment predecessor still in wide use.
  DeploymentConfig: ['/spec/template/metadata', '/spec/template/spec'],
  // Argo Rollouts' argoproj.io Rollout: a Deployment replacement for canary and blue-green
  // releases, with the same pod template (one with spec.workloadRef instead names a Deployment).
  Rollout: ['/spec/template/metadata', '/spec/template/spec'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS).sort();

export function isWorkloadKind(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(POD_TEMPLATE_PATHS, kind);
}

function at(root: unknown, ptr: string): unknown {
  let current = root;
  for (const token of ptr.split('/').slice(1)) {
    const record = asRecord(current);
    if (record === undefined) return undefined;
    current = record[token];
  }
  return current;
}

function toMeta(value: unknown): ObjectMeta {
  const meta = asRecord(value) ?? {};
  const name = asString(meta.name);
  const namespace = asString(meta.namespace);
  return {
    ...(name === undefined ? {} : { name }),
    ...(namespace === undefined ? {} : { namespace }),
    labels: asStringMap(meta.labels),
    annotations: asStringMap(meta.annotations),
  };
}

const CONTAINER_KINDS: readonly ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'];

function containersOf(spec: Record<string, unknown>, specPath: string): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const kind of CONTAINER_KINDS) {
    asArray(spec[kind]).forEach((value, index) => {
      if (!isRecord(value)) return;
      const container = value as Container;
      const name = typeof container.name === 'string' && container.name !== '' ? container.name : `#${index}`;
      refs.push({ container, kind, index, path: pointer(specPath, kind, index), name });
    });
  }
  return refs;
}

/**
 * Workloads already read, by object: the index, the rules, the network and attack analyses and
 * suppression each ask for the same objects' pods (parsed objects are never modified, and a
 * Workload is read-only, so one copy serves every caller).
 */
const READ = new WeakMap<JsonObject, { readonly kind: string; readonly workload: Workload | undefined }>();

/** The pod a workload object creates, or undefined when the kind is not a workload or has no pod spec. */
export function workloadOf(kind: string, object: JsonObject): Workload | undefined {
  const known = READ.get(object);
  if (known?.kind === kind) return known.workload;
  const workload = readWorkload(kind, object);
  READ.set(object, { kind, workload });
  return workload;
}

function readWorkload(kind: string, object: JsonObject): Workload | undefined {
  const paths = POD_TEMPLATE_PATHS[kind];
  if (paths === undefined) return undefined;
  const [podMetaPath, podSpecPath] = paths;
  const spec = asRecord(at(object, podSpecPath));
  if (spec === undefined) return undefined;
  return {
    podMeta: toMeta(at(object, podMetaPath)),
    podMetaPath,
    podSpec: spec,
    podSpecPath,
    containers: containersOf(spec, podSpecPath),
  };
}

/**
 * The ServiceAccount a pod runs as: serviceAccountName, its deprecated alias, or `default`. An
 * empty name is unset to the API server (a Helm value left empty renders `""`), so the alias then
 * decides.
 */
export function serviceAccountOf(spec: PodSpec): string {
  const named = (value: unknown): string | undefined => {
    const name = asString(value);
    return name === '' ? undefined : name;
  };
  return named(spec.serviceAccountName) ?? named(spec.serviceAccount) ?? 'default';
}
