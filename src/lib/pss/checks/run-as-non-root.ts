/**
 * Restricted "Running as Non-root": the pod must set runAsNonRoot=true, or every container must.
 * From v1.35 pods in their own user namespace (hostUsers: false) are exempt: their root is not
 * the node's root.
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { optionalBool } from '../pod-view.js';

const requireNonRoot: CheckFn = (pod) => {
  const setters: string[] = [];
  const paths: string[] = [];
  const podValue = optionalBool(pod.securityContext?.runAsNonRoot);
  if (podValue === false) {
    setters.push('pod');
    paths.push('/spec/securityContext/runAsNonRoot');
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: string[] = [];
  for (const container of pod.containers) {
    const value = optionalBool(container.securityContext?.runAsNonRoot);
    if (value === false) {
      explicitlyBad.push(container.name);
      paths.push(`${container.path}/securityContext/runAsNonRoot`);
    } else if (value === undefined && podValue !== true) {
      implicitlyBad.push(container.name);
      implicitPaths.push(container.securityContext === undefined ? container.path : `${container.path}/securityContext`);
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths };
  }
  if (implicitlyBad.length === 0) return undefined;
  return {
    reason: 'runAsNonRoot != true',
    detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    paths: implicitPaths,
  };
};

export const runAsNonRoot: CheckDefinition = {
  id: 'runAsNonRoot',
  level: 'restricted',
  control: 'Running as Non-root',
  versions: [
    { minimumMinor: 0, check: requireNonRoot },
    { minimumMinor: 35, check: (pod) => (pod.inUserNamespace ? undefined : requireNonRoot(pod)) },
  ],
};
