/**
 * Workloads the PodSecurity admission controller would refuse: the namespace they land in carries
 * `pod-security.kubernetes.io/enforce` (and `-version`), and their pods fail that level. The API
 * server rejects such Pods outright; for controllers (Deployments, Jobs...) the object is admitted
 * with a warning and every pod it tries to create is rejected, so the workload never runs.
 */
import { z } from 'zod';
import { namespaceOf } from '../../core/resource-index.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import { asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import {
  ENFORCE_LEVEL_LABEL,
  ENFORCE_VERSION_LABEL,
  enforcePolicyOf,
  evaluateWorkloadPodSecurity,
  podSecurityViolationMessage,
  pssLevelOption,
  pssVersionOption,
} from '../../lib/pss/index.js';

const options = z.object({
  /**
   * The admission configuration's defaults, for namespaces without the labels (the API server's
   * own default is privileged:latest, which enforces nothing).
   */
  defaultLevel: pssLevelOption.default('privileged'),
  defaultVersion: pssVersionOption.default('latest'),
  /** The admission configuration's exemptions: namespaces and runtime classes never enforced. */
  exemptNamespaces: z.array(z.string()).default([]),
  exemptRuntimeClasses: z.array(z.string()).default([]),
});

export const rule = defineRule({
  id: 'pss-namespace-enforce',
  title: 'Workload rejected by its namespace\'s Pod Security admission',
  severity: 'high',
  threats: ['compliance-auditing', 'container-compromise'],
  mitre: ['T1610', 'T1611'],
  remediation: 'Make the pod spec meet the level its namespace enforces (see the message), or deploy the workload to a namespace whose enforce label allows it.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  ],
  options,
  target: 'workload',
  *check({ resource, workload }, { index, options: config }) {
    const namespace = namespaceOf(resource);
    if (config.exemptNamespaces.includes(namespace)) return;
    const runtimeClass = asString(workload.podSpec.runtimeClassName);
    if (runtimeClass !== undefined && config.exemptRuntimeClasses.includes(runtimeClass)) return;
    const namespaceObject = index.namespaceObject(namespace);
    if (namespaceObject === undefined) {
      yield skip(`namespace "${namespace}" is not in the input, so its pod-security labels are unknown`);
      return;
    }
    const labels = asStringMap(asRecord(namespaceObject.object.metadata)?.labels);
    const policy = enforcePolicyOf(labels, { level: config.defaultLevel, version: config.defaultVersion });
    const violations = evaluateWorkloadPodSecurity(workload, policy.level, policy.version);
    const first = violations[0];
    if (first === undefined) return;
    const who = resource.kind === 'Pod' ? 'the pod' : `every pod this ${resource.kind} creates`;
    const enforced = `${policy.level}:${policy.version}`;
    // Invalid labels do not disable enforcement: the controller falls back to restricted / latest.
    const how =
      policy.errors.length > 0
        ? `has invalid pod-security labels (${policy.errors.join('; ')}), which the admission controller enforces as ${enforced}`
        : ENFORCE_LEVEL_LABEL in labels || ENFORCE_VERSION_LABEL in labels
          ? `enforces ${enforced}`
          : `defaults to ${enforced}`;
    yield fail(
      `namespace "${namespace}" ${how}, so ${who} would be rejected: ${podSecurityViolationMessage(policy.level, policy.version, violations.map((v) => v.result))}`,
      first.path,
    );
  },
});
