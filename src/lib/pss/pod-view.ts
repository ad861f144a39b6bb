/**
 * A defensive view of a pod for the checks. Inputs are untrusted, so every field is read through
 * a type test: a value of the wrong type is treated as absent, which is what the API server's
 * decoder would make of it (it rejects the object, so it never reaches admission).
 */
import type { ObjectMeta, PodSpec } from '../../model/k8s.js';
import { pointer } from '../json-pointer.js';
import { asArray, asRecord, asString, asStringMap } from '../k8s/values.js';

export type Json = Record<string, unknown>;

export interface ContainerView {
  /** The container's name exactly as given (upstream prints it as is, even when empty). */
  readonly name: string;
  /** Pointer relative to the pod, e.g. /spec/initContainers/0. */
  readonly path: string;
  readonly fields: Json;
  /** The container's securityContext, when it is an object. */
  readonly securityContext: Json | undefined;
}

export interface PodView {
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Json;
  /** The pod-level securityContext, when it is an object. */
  readonly securityContext: Json | undefined;
  /** Init containers, then containers, then ephemeral containers: upstream's visiting order. */
  readonly containers: readonly ContainerView[];
  /** spec.os.name is "windows": Linux-only restricted checks exempt such pods from v1.25. */
  readonly isWindows: boolean;
  /** spec.hostUsers is explicitly false: the pod runs in its own user namespace. */
  readonly inUserNamespace: boolean;
}

const VISIT_ORDER = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function podViewOf(meta: ObjectMeta, spec: PodSpec): PodView {
  const fields = asRecord(spec) ?? {};
  const containers: ContainerView[] = [];
  for (const list of VISIT_ORDER) {
    asArray(fields[list]).forEach((value, index) => {
      const container = asRecord(value);
      if (container === undefined) return;
      containers.push({
        name: asString(container.name) ?? '',
        path: pointer('/spec', list, index),
        fields: container,
        securityContext: asRecord(container.securityContext),
      });
    });
  }
  return {
    annotations: asStringMap(meta.annotations),
    spec: fields,
    securityContext: asRecord(fields.securityContext),
    containers,
    isWindows: asString(asRecord(fields.os)?.name) === 'windows',
    inUserNamespace: fields.hostUsers === false,
  };
}

/** A boolean field that is explicitly true (a Go `*bool` that is set and true). */
export function isTrue(value: unknown): boolean {
  return value === true;
}

/** A Go `*bool` field: undefined when unset (or not a boolean). */
export function optionalBool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A string-typed Go field: "" when unset, as Go's zero value. */
export function stringField(record: Json | undefined, key: string): string {
  return asString(record?.[key]) ?? '';
}

/** The strings of a list field; entries of another type are skipped. */
export function stringsOf(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

export { asArray, asRecord, asString };
