/**
 * `kubectl apply` records the whole applied manifest in the annotation
 * kubectl.kubernetes.io/last-applied-configuration. For a Secret that copy holds its data, and
 * annotations are returned by every get, list and watch of the object's metadata, shown by
 * tooling that masks `data`, and stored unencrypted where `data` would be encrypted at rest only
 * if the whole object is.
 */
import { defineRule, fail } from '../../core/rule.js';
import { escapeToken } from '../../lib/json-pointer.js';
import { asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The keys of data/stringData the recorded manifest carries with a non-empty value. */
function recordedKeys(text: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const manifest = asRecord(parsed);
  const keys = new Set<string>();
  for (const field of ['data', 'stringData']) {
    for (const [key, value] of Object.entries(asRecord(manifest?.[field]) ?? {})) if (typeof value === 'string' && value !== '') keys.add(key);
  }
  return [...keys].sort();
}

export const rule = defineRule({
  id: 'secret-in-annotation',
  title: 'Secret data copied into an annotation',
  severity: 'medium',
  threats: ['data-exfiltration', 'identity-access'],
  mitre: ['T1552.007', 'T1552.001'],
  remediation: 'Recreate the Secret without the last-applied-configuration annotation (kubectl create or server-side apply) and rotate the values it exposed.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets',
    'https://kubernetes.io/docs/reference/labels-annotations-taints/#kubectl-kubernetes-io-last-applied-configuration',
  ],
  target: { kinds: ['Secret'] },
  *check(secret: Resource) {
    const annotation = asRecord(asRecord(secret.object.metadata)?.annotations)?.[LAST_APPLIED];
    if (typeof annotation !== 'string') return;
    const keys = recordedKeys(annotation);
    if (keys === undefined || keys.length === 0) return;
    yield fail(
      `Secret "${secret.namespace ?? 'default'}/${secret.name}" carries a copy of its data (${keys.map((k) => `"${k}"`).join(', ')}) in the annotation ${LAST_APPLIED}, readable wherever metadata is`,
      `/metadata/annotations/${escapeToken(LAST_APPLIED)}`,
    );
  },
});
