/**
 * Baseline "Seccomp": the seccomp profile may not be Unconfined. Before v1.19 the policy reads the
 * alpha annotations; from v1.19 the securityContext.seccompProfile fields.
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { goQuote, joinQuote, pluralize, sortedSet } from '../go-format.js';
import { asRecord, stringField, type Json } from '../pod-view.js';
import { escapeToken } from '../../json-pointer.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

export function validSeccompType(profile: Json): boolean {
  const type = stringField(profile, 'type');
  return type === 'RuntimeDefault' || type === 'Localhost';
}

const seccompAnnotations: CheckFn = (pod) => {
  const forbidden: string[] = [];
  const paths: string[] = [];
  const keys = [POD_ANNOTATION, ...pod.containers.map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)];
  for (const key of new Set(keys)) {
    const value = pod.annotations[key];
    if (value === undefined || validAnnotationValue(value)) continue;
    forbidden.push(`${key}=${goQuote(value)}`);
    paths.push(`/metadata/annotations/${escapeToken(key)}`);
  }
  if (forbidden.length === 0) return undefined;
  const sorted = sortedSet(forbidden);
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', sorted.length)} ${sorted.join(', ')}`, paths };
};

/** Pod and containers that explicitly set a type other than RuntimeDefault or Localhost. */
export function explicitlyBadSeccomp(pod: Parameters<CheckFn>[0]): { setters: string[]; values: string[]; paths: string[] } {
  const setters: string[] = [];
  const values: string[] = [];
  const paths: string[] = [];
  const podProfile = asRecord(pod.securityContext?.seccompProfile);
  if (podProfile !== undefined && !validSeccompType(podProfile)) {
    setters.push('pod');
    values.push(stringField(podProfile, 'type'));
    paths.push('/spec/securityContext/seccompProfile/type');
  }
  const badContainers: string[] = [];
  for (const container of pod.containers) {
    const profile = asRecord(container.securityContext?.seccompProfile);
    if (profile === undefined || validSeccompType(profile)) continue;
    badContainers.push(container.name);
    values.push(stringField(profile, 'type'));
    paths.push(`${container.path}/securityContext/seccompProfile/type`);
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  return { setters, values, paths };
}

export function badSeccompDetail(setters: readonly string[], values: readonly string[]): string {
  return `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`;
}

const seccompFields: CheckFn = (pod) => {
  const { setters, values, paths } = explicitlyBadSeccomp(pod);
  if (setters.length === 0) return undefined;
  return { reason: 'seccompProfile', detail: badSeccompDetail(setters, values), paths };
};

export const seccompProfileBaseline: CheckDefinition = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  control: 'Seccomp',
  versions: [
    { minimumMinor: 0, check: seccompAnnotations },
    { minimumMinor: 19, check: seccompFields },
  ],
};
