/** Baseline "SELinux": only the container SELinux types; custom user and role are forbidden. */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { joinQuote, pluralize, sortedSet } from '../go-format.js';
import { asRecord, stringField, type Json } from '../pod-view.js';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
// v1.31 allows container_engine_t, the type for pods that run a container engine (nested containers).
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

interface Findings {
  readonly badTypes: string[];
  readonly paths: string[];
  setUser: boolean;
  setRole: boolean;
}

function validOptions(options: Json, base: string, allowed: ReadonlySet<string>, found: Findings): boolean {
  let valid = true;
  const type = stringField(options, 'type');
  if (!allowed.has(type)) {
    valid = false;
    found.badTypes.push(type);
    found.paths.push(`${base}/type`);
  }
  if (stringField(options, 'user') !== '') {
    valid = false;
    found.setUser = true;
    found.paths.push(`${base}/user`);
  }
  if (stringField(options, 'role') !== '') {
    valid = false;
    found.setRole = true;
    found.paths.push(`${base}/role`);
  }
  return valid;
}

function seLinuxCheck(allowedTypes: readonly string[]): CheckFn {
  const allowed = new Set(allowedTypes);
  return (pod) => {
    const found: Findings = { badTypes: [], paths: [], setUser: false, setRole: false };
    const setters: string[] = [];
    const podOptions = asRecord(pod.securityContext?.seLinuxOptions);
    if (podOptions !== undefined && !validOptions(podOptions, '/spec/securityContext/seLinuxOptions', allowed, found)) setters.push('pod');
    const badContainers: string[] = [];
    for (const container of pod.containers) {
      const options = asRecord(container.securityContext?.seLinuxOptions);
      if (options !== undefined && !validOptions(options, `${container.path}/securityContext/seLinuxOptions`, allowed, found)) badContainers.push(container.name);
    }
    if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
    if (setters.length === 0) return undefined;
    const problems: string[] = [];
    const types = sortedSet(found.badTypes);
    if (types.length > 0) problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (found.setUser) problems.push('user may not be set');
    if (found.setRole) problems.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
      paths: found.paths,
    };
  };
}

export const seLinuxOptions: CheckDefinition = {
  id: 'seLinuxOptions',
  level: 'baseline',
  control: 'SELinux',
  versions: [
    { minimumMinor: 0, check: seLinuxCheck(TYPES_1_0) },
    { minimumMinor: 31, check: seLinuxCheck(TYPES_1_31) },
  ],
};
