/**
 * Baseline "AppArmor": the runtime's default profile may not be overridden or disabled, neither
 * by the securityContext.appArmorProfile fields nor by the older beta annotations.
 */
import { containersPhrase, type CheckDefinition } from '../check.js';
import { goCompare, goQuote, joinQuote, pluralize, sortedSet } from '../go-format.js';
import { asRecord, stringField, type Json } from '../pod-view.js';
import { escapeToken } from '../../json-pointer.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedType(profile: Json): boolean {
  const type = stringField(profile, 'type');
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export const appArmorProfile: CheckDefinition = {
  id: 'appArmorProfile',
  level: 'baseline',
  control: 'AppArmor',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const setters: string[] = [];
        const badTypes: string[] = [];
        const paths: string[] = [];
        const podProfile = asRecord(pod.securityContext?.appArmorProfile);
        if (podProfile !== undefined && !allowedType(podProfile)) {
          setters.push('pod');
          badTypes.push(stringField(podProfile, 'type'));
          paths.push('/spec/securityContext/appArmorProfile/type');
        }
        const badContainers: string[] = [];
        for (const container of pod.containers) {
          const profile = asRecord(container.securityContext?.appArmorProfile);
          if (profile === undefined || allowedType(profile)) continue;
          badContainers.push(container.name);
          badTypes.push(stringField(profile, 'type'));
          paths.push(`${container.path}/securityContext/appArmorProfile/type`);
        }
        if (badContainers.length > 0) setters.push(containersPhrase(badContainers));

        const badAnnotations: string[] = [];
        for (const [key, value] of Object.entries(pod.annotations)) {
          if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(value)) continue;
          badAnnotations.push(`${key}=${goQuote(value)}`);
          paths.push(`/metadata/annotations/${escapeToken(key)}`);
        }
        badAnnotations.sort(goCompare);
        if (badAnnotations.length > 0) setters.push(pluralize('annotation', 'annotations', badAnnotations.length));
        if (setters.length === 0) return undefined;

        const badValues = [...sortedSet(badTypes), ...badAnnotations];
        return {
          reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValues.length),
          detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValues)}`,
          paths,
        };
      },
    },
  ],
};
