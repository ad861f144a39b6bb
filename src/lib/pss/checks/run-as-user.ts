/**
 * Restricted "Running as Non-root user" (v1.23+): neither the pod nor a container may set
 * runAsUser=0. From v1.35 pods in their own user namespace are exempt.
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';

const forbidRootUser: CheckFn = (pod) => {
  const setters: string[] = [];
  const paths: string[] = [];
  if (pod.securityContext?.runAsUser === 0) {
    setters.push('pod');
    paths.push('/spec/securityContext/runAsUser');
  }
  const bad = pod.containers.filter((c) => c.securityContext?.runAsUser === 0);
  if (bad.length > 0) setters.push(containersPhrase(bad.map((c) => c.name)));
  paths.push(...bad.map((c) => `${c.path}/securityContext/runAsUser`));
  if (setters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
};

export const runAsUser: CheckDefinition = {
  id: 'runAsUser',
  level: 'restricted',
  control: 'Running as Non-root user',
  versions: [
    { minimumMinor: 23, check: forbidRootUser },
    { minimumMinor: 35, check: (pod) => (pod.inUserNamespace ? undefined : forbidRootUser(pod)) },
  ],
};
