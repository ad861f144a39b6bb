/**
 * A LimitRange protects a namespace's nodes when it gives containers that declare no limit one:
 * a `type: Container` item's `default` (or its `max`, which the API server copies into `default`),
 * or a `type: Pod` item's `max`, with which the LimitRanger admission plugin refuses pods that set
 * no limit. A LimitRange that only bounds PersistentVolumeClaims, or only sets minimums, leaves
 * every container without limits unbounded, so it does not count for that resource.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { NAMESPACE_SCOPE_KINDS, namespaceRuleOptions, namespaceSubject } from '../_shared/namespace-scope.js';
import { namespaceDefaults } from '../_lib/resources.js';

/** The resources a runaway container exhausts on its node. */
const BOUNDED = ['cpu', 'memory'] as const;

/** Resources a `type: Pod` max bounds: LimitRanger rejects a pod whose containers do not all set that limit. */
function podMaximums(limitRanges: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  for (const limitRange of limitRanges) {
    for (const item of asArray(asRecord(limitRange.object.spec)?.limits)) {
      const record = asRecord(item);
      if (asString(record?.type) === 'Pod') for (const key of Object.keys(asRecord(record?.max) ?? {})) out.add(key);
    }
  }
  return out;
}

/** The resources among cpu and memory that no LimitRange of the namespace gives a container limit for. */
function unbounded(index: ResourceIndex, namespace: string): string[] {
  const defaults = namespaceDefaults(index, namespace);
  const podMax = podMaximums(index.inNamespace(namespace, 'LimitRange'));
  return BOUNDED.filter((resource) => !defaults.limits.has(resource) && !podMax.has(resource));
}

export const rule = defineRule({
  id: 'namespace-without-limit-range',
  title: 'Namespace without a LimitRange',
  severity: 'low',
  threats: ['container-compromise'],
  mitre: ['T1499', 'T1496'],
  remediation: 'Add a LimitRange to the namespace that sets default CPU and memory requests and limits for containers.',
  references: [
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/',
  ],
  options: namespaceRuleOptions,
  target: { kinds: NAMESPACE_SCOPE_KINDS },
  *check(resource: Resource, { index, options }: RuleContext<NamespaceRuleOptions>) {
    const subject = namespaceSubject(resource, index, options);
    if (subject === undefined) return;
    const missing = unbounded(index, subject.namespace);
    if (missing.length === 0) return;
    const limitRanges = index.inNamespace(subject.namespace, 'LimitRange');
    if (limitRanges.length === 0) {
      yield fail(`${subject.label} runs workloads but has no LimitRange: containers without limits get no default and can exhaust their node`, subject.path);
      return;
    }
    const names = `${limitRanges.length === 1 ? 'LimitRange' : 'LimitRanges'} ${limitRanges.map((limitRange) => `"${limitRange.name}"`).join(', ')}`;
    yield fail(
      `${subject.label} runs workloads but its ${names} ${limitRanges.length === 1 ? 'gives' : 'give'} containers no default ${missing.join(' or ')} limit (no type: Container default or max, no type: Pod max): containers without one can exhaust their node`,
      subject.path,
    );
  },
});
