/**
 * Pod Security admission enforces a namespace's `pod-security.kubernetes.io/enforce` label, or,
 * without one, the cluster default of the API server's PodSecurity configuration, itself
 * `privileged` (nothing enforced) unless set. A namespace at `privileged` admits privileged pods,
 * host namespaces and hostPath volumes from anyone allowed to create pods there.
 */
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { escapeToken } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import { ENFORCE_LEVEL_LABEL } from '../../lib/pss/index.js';
import type { Resource } from '../../model/resource.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { namespaceRuleOptions } from '../_shared/namespace-scope.js';

interface ClusterDefaults {
  /** The default enforce level, when a PodSecurityConfiguration in the input sets one. */
  readonly enforce?: string;
  readonly exempt: ReadonlySet<string>;
}

/** PodSecurityConfiguration objects, standalone or inside an AdmissionConfiguration's PodSecurity plugin. */
function podSecurityConfigurations(index: ResourceIndex): Record<string, unknown>[] {
  const standalone = index.byKind('PodSecurityConfiguration').map((r) => r.object as Record<string, unknown>);
  const embedded = index.byKind('AdmissionConfiguration').flatMap((r) =>
    asArray(r.object.plugins).flatMap((plugin) => {
      const record = asRecord(plugin);
      const configuration = asRecord(record?.configuration);
      return asString(record?.name) === 'PodSecurity' && configuration !== undefined ? [configuration] : [];
    }),
  );
  return [...standalone, ...embedded];
}

const DEFAULTS = new WeakMap<ResourceIndex, ClusterDefaults>();

function clusterDefaults(index: ResourceIndex): ClusterDefaults {
  let defaults = DEFAULTS.get(index);
  if (defaults === undefined) {
    const configurations = podSecurityConfigurations(index);
    const enforce = configurations.map((c) => asString(asRecord(c.defaults)?.enforce)).find((level) => level !== undefined);
    const exempt = new Set(configurations.flatMap((c) => asArray(asRecord(c.exemptions)?.namespaces).filter((n): n is string => typeof n === 'string')));
    defaults = enforce === undefined ? { exempt } : { enforce, exempt };
    DEFAULTS.set(index, defaults);
  }
  return defaults;
}

export const rule = defineRule({
  id: 'namespace-without-pod-security',
  title: 'Namespace enforces no Pod Security level',
  severity: 'medium',
  threats: ['host-compromise', 'container-compromise', 'compliance-auditing'],
  mitre: ['T1610', 'T1611'],
  remediation: 'Label the namespace pod-security.kubernetes.io/enforce: baseline (or restricted), or set a cluster-wide default in the PodSecurity admission configuration.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
  ],
  options: namespaceRuleOptions,
  target: { kinds: ['Namespace'] },
  *check(namespace: Resource, { index, options }: RuleContext<NamespaceRuleOptions>) {
    if (options.ignoreNamespaces.includes(namespace.name)) return;
    const defaults = clusterDefaults(index);
    const who = `namespace "${namespace.name}"`;
    if (defaults.exempt.has(namespace.name)) {
      yield fail(`${who} is exempted from Pod Security admission by the PodSecurity configuration: any pod is admitted there`, '/metadata/name');
      return;
    }
    const label = asStringMap(asRecord(namespace.object.metadata)?.labels)[ENFORCE_LEVEL_LABEL];
    if (label === 'privileged') {
      yield fail(`${who} sets ${ENFORCE_LEVEL_LABEL}: privileged: privileged pods, host namespaces and hostPath volumes are admitted`, `/metadata/labels/${escapeToken(ENFORCE_LEVEL_LABEL)}`);
      return;
    }
    if (label !== undefined) return;
    if (defaults.enforce !== undefined && defaults.enforce !== 'privileged') return;
    const why = defaults.enforce === 'privileged' ? 'and the cluster default in the PodSecurity configuration is privileged' : 'and the input sets no cluster default, which is privileged';
    yield fail(`${who} has no ${ENFORCE_LEVEL_LABEL} label ${why}: Pod Security admission enforces nothing there`, '/metadata');
  },
});
