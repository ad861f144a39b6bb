/**
 * One fixed, realistic Report that every writer's golden file is built from: several resources
 * in several files and one from a live cluster, every severity, a warn-only finding, one
 * suppressed finding of each kind (exception, annotation, VEX), an error, warnings, a note, an
 * unused exception and a compliance section. Findings follow the Report's order (severity, then
 * file, line, rule); the summary agrees with the findings.
 */
import type { Finding, Suppression } from '../../src/model/finding.js';
import type { Report, RuleStatus } from '../../src/model/report.js';
import { REPORT_SCHEMA_VERSION } from '../../src/model/report.js';
import type { ResourceRef } from '../../src/model/resource.js';
import type { Severity } from '../../src/model/severity.js';
import type { ThreatId } from '../../src/model/threats.js';

interface RuleFixture {
  readonly title: string;
  readonly severity: Severity;
  readonly threats: readonly ThreatId[];
  readonly mitre: readonly string[];
  readonly remediation: string;
  readonly counts: Readonly<Record<RuleStatus, number>>;
}

function counts(pass: number, fail: number, warn = 0, error = 0, skip = 0): Record<RuleStatus, number> {
  return { pass, fail, warn, error, skip };
}

const RULES: Readonly<Record<string, RuleFixture>> = {
  'automount-service-account-token': {
    title: 'Service account token mounted automatically',
    severity: 'info',
    threats: ['api-server-kubelet', 'identity-access'],
    mitre: ['T1528'],
    remediation: 'Set automountServiceAccountToken: false unless the pod calls the Kubernetes API.',
    counts: counts(4, 0, 1),
  },
  'cluster-admin-binding': {
    title: 'Binding grants cluster-admin',
    severity: 'high',
    threats: ['identity-access', 'api-server-kubelet'],
    mitre: ['T1078.004'],
    remediation: 'Bind a role with only the verbs and resources the subject needs.',
    counts: counts(2, 1),
  },
  'host-network': {
    title: 'Pod uses the host network namespace',
    severity: 'high',
    threats: ['host-compromise', 'lateral-movement'],
    mitre: ['T1611'],
    remediation: 'Remove hostNetwork: true from the pod spec.',
    counts: counts(4, 1),
  },
  'host-path-mount': {
    title: 'Pod mounts a host path',
    severity: 'high',
    threats: ['host-compromise'],
    mitre: ['T1611', 'T1552.001'],
    remediation: 'Replace the hostPath volume with an emptyDir, a ConfigMap or a persistent volume.',
    counts: counts(4, 1),
  },
  'host-pid': {
    title: 'Pod shares the host PID namespace',
    severity: 'high',
    threats: ['host-compromise'],
    mitre: ['T1611'],
    remediation: 'Remove hostPID: true from the pod spec.',
    counts: counts(5, 0),
  },
  'image-latest-tag': {
    title: 'Image uses the latest tag or no tag',
    severity: 'low',
    threats: ['supply-chain', 'image-security'],
    mitre: ['T1525'],
    remediation: 'Pin the image to a version tag or, better, a digest.',
    counts: counts(2, 2, 0, 0, 1),
  },
  'missing-resource-limits': {
    title: 'Container has no CPU or memory limit',
    severity: 'medium',
    threats: ['container-compromise'],
    mitre: ['T1496'],
    remediation: 'Set resources.limits.cpu and resources.limits.memory on every container.',
    counts: counts(3, 2),
  },
  'privileged-container': {
    title: 'Container runs privileged',
    severity: 'critical',
    threats: ['host-compromise', 'container-compromise'],
    mitre: ['T1611', 'T1610'],
    remediation: 'Remove securityContext.privileged: true and add only the capabilities the container needs.',
    counts: counts(4, 1, 0, 1),
  },
  'run-as-root': {
    title: 'Container may run as root',
    severity: 'medium',
    threats: ['container-compromise', 'host-compromise'],
    mitre: ['T1611'],
    remediation: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser.',
    counts: counts(3, 2),
  },
  'vulnerable-package': {
    title: 'Image contains a package with a known vulnerability',
    severity: 'high',
    threats: ['supply-chain', 'image-security'],
    mitre: ['T1190'],
    remediation: 'Upgrade the package to a fixed version and rebuild the image.',
    counts: counts(4, 1),
  },
};

function rule(id: string): RuleFixture {
  const found = RULES[id];
  if (found === undefined) throw new Error(`sample report: no rule fixture ${id}`);
  return found;
}

const WEB: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const AGENT: ResourceRef = { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'node-agent' };
const DEBUG: ResourceRef = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'debug' };
const WORKER: ResourceRef = { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'shop', name: 'nightly-report' };
const BINDING: ResourceRef = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops-admin' };

interface FindingFixture {
  readonly id: string;
  readonly ruleId: string;
  readonly severity?: Severity;
  readonly status?: 'fail' | 'warn';
  readonly message: string;
  readonly resource: ResourceRef;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly suppression?: Suppression;
}

function finding(f: FindingFixture): Finding {
  const meta = rule(f.ruleId);
  const base: Finding = {
    id: f.id,
    ruleId: f.ruleId,
    title: meta.title,
    severity: f.severity ?? meta.severity,
    status: f.status ?? 'fail',
    message: f.message,
    threats: meta.threats,
    mitre: meta.mitre,
    resource: f.resource,
    location: { file: f.file, line: f.line, column: f.column, path: f.path },
    remediation: meta.remediation,
    suppressed: f.suppression !== undefined,
  };
  return f.suppression === undefined ? base : { ...base, suppression: f.suppression };
}

const FINDINGS: readonly Finding[] = [
  finding({
    id: '3f9a1c0d2b7e4a51', ruleId: 'privileged-container', message: 'Container "app" runs privileged: it has every capability and all host devices.',
    resource: WEB, file: 'deploy/web.yaml', line: 24, column: 13, path: '/spec/template/spec/containers/0/securityContext/privileged',
  }),
  finding({
    id: '0c44d1e9a8b27f36', ruleId: 'host-path-mount', severity: 'critical', message: 'Volume "docker-sock" mounts the container runtime socket /var/run/docker.sock.',
    resource: AGENT, file: 'deploy/agent.yaml', line: 31, column: 11, path: '/spec/template/spec/volumes/0/hostPath',
    suppression: { kind: 'exception', reason: 'The node agent inspects containers through the runtime socket.', owner: 'platform-team', expires: '2027-03-31', exceptionIndex: 0 },
  }),
  finding({
    id: 'a71be03f5d9c6e28', ruleId: 'host-network', message: 'Pod uses the host network namespace: it can bind and sniff on every node interface.',
    resource: AGENT, file: 'deploy/agent.yaml', line: 18, column: 7, path: '/spec/template/spec/hostNetwork',
  }),
  finding({
    id: '5e2d8b4a90c1f7e3', ruleId: 'vulnerable-package', message: 'openssl 3.0.11-1~deb12u1 is affected by CVE-2024-5535 (fixed in 3.0.13-1~deb12u2).',
    resource: WEB, file: 'deploy/web.yaml', line: 19, column: 18, path: '/spec/template/spec/containers/0/image',
    suppression: { kind: 'vex', reason: 'vulnerable_code_not_in_execute_path', source: 'vex/web.openvex.json' },
  }),
  finding({
    id: 'd04f6a2c7b1e9358', ruleId: 'cluster-admin-binding', message: 'ClusterRoleBinding grants cluster-admin to Group "ops" (every verb on every resource).',
    resource: BINDING, file: 'cluster:prod-eu', line: 1, column: 1, path: '/roleRef/name',
  }),
  finding({
    id: '8b3e5f71c2a04d96', ruleId: 'missing-resource-limits', message: 'Container "app" has no memory limit.',
    resource: WEB, file: 'deploy/web.yaml', line: 19, column: 11, path: '/spec/template/spec/containers/0/resources',
  }),
  finding({
    id: 'e6c9a0374fb85d12', ruleId: 'run-as-root', message: 'Container "app" does not set runAsNonRoot and its image runs as UID 0.',
    resource: WEB, file: 'deploy/web.yaml', line: 22, column: 11, path: '/spec/template/spec/containers/0/securityContext',
  }),
  finding({
    id: '17ad2e9c6b3f0854', ruleId: 'missing-resource-limits', message: 'Container "report" has no CPU limit.',
    resource: WORKER, file: 'jobs/nightly report.yaml', line: 16, column: 15, path: '/spec/jobTemplate/spec/template/spec/containers/0',
  }),
  finding({
    id: '6f08c3b2d9e1a745', ruleId: 'run-as-root', message: 'Container "report" sets runAsUser: 0.',
    resource: WORKER, file: 'jobs/nightly report.yaml', line: 21, column: 28, path: '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/runAsUser',
  }),
  finding({
    id: '2b97e4d05a6c1f38', ruleId: 'image-latest-tag', message: 'Container "shell" uses `busybox:latest` | the tag moves with every release.',
    resource: DEBUG, file: 'deploy/debug.yaml', line: 9, column: 12, path: '/spec/containers/0/image',
    suppression: { kind: 'annotation', reason: 'Throw-away debug pod, deleted after the incident.' },
  }),
  finding({
    id: 'c5a1f8e2039b6d47', ruleId: 'image-latest-tag', message: 'Container "app" uses image `nginx` with no tag (implicitly latest).',
    resource: WEB, file: 'deploy/web.yaml', line: 19, column: 18, path: '/spec/template/spec/containers/0/image',
  }),
  finding({
    id: '94e7b1a6c0d3f285', ruleId: 'automount-service-account-token', status: 'warn', message: 'The pod mounts a service account token but never calls the API.',
    resource: WORKER, file: 'jobs/nightly report.yaml', line: 12, column: 11, path: '/spec/jobTemplate/spec/template/spec',
  }),
];

function summaryCounts(findings: readonly Finding[]): Record<Severity, number> {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (!f.suppressed) bySeverity[f.severity]++;
  return bySeverity;
}

export const SAMPLE_REPORT: Report = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: { name: 'palisade', version: '0.1.0' },
  generatedAt: '2026-11-28T12:00:00.000Z',
  inputs: ['deploy/', 'jobs/nightly report.yaml', 'cluster:prod-eu'],
  summary: {
    resources: 9,
    inputs: 3,
    findings: FINDINGS.filter((f) => !f.suppressed).length,
    suppressed: FINDINGS.filter((f) => f.suppressed).length,
    bySeverity: summaryCounts(FINDINGS),
    errors: 1,
    failOn: 'high',
    failed: true,
  },
  findings: FINDINGS,
  errors: [
    {
      code: 'yaml-syntax', level: 'error', message: 'bad indentation of a mapping entry', file: 'deploy/broken.yaml', line: 7, column: 3,
      hint: 'Fix the YAML at the given line; `kubectl apply --dry-run=client -f FILE` shows the same error.',
    },
    {
      code: 'rule-error', level: 'warning', message: 'rule privileged-container failed on Pod/default/odd: containers is not a list',
      file: 'deploy/odd.yaml', line: 1, column: 1, hint: 'This is a bug in the rule; please report it with the resource that triggered it.',
    },
    {
      code: 'exception-unused', level: 'warning', message: 'exception #1 (run-as-root in namespace legacy) matched no finding',
      file: '.palisade.yaml', line: 14, column: 5, hint: 'The exception matched no finding; remove it or correct its scope.',
    },
  ],
  notes: [
    {
      code: 'not-a-manifest', level: 'note', message: 'deploy/README.md is not a manifest; skipped', file: 'deploy/README.md',
      hint: 'Only .yaml, .yml and .json files are read from directories; name the file explicitly to scan it anyway.',
    },
  ],
  rules: Object.entries(RULES)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ruleId, meta]) => ({
      ruleId, title: meta.title, severity: meta.severity, threats: meta.threats, mitre: meta.mitre, remediation: meta.remediation,
      references: [`https://kubernetes.io/docs/concepts/security/#${ruleId}`], counts: meta.counts,
    })),
  exceptions: [
    {
      index: 0, rule: 'host-path-mount', reason: 'The node agent inspects containers through the runtime socket.', owner: 'platform-team',
      expires: '2027-03-31', state: 'active', matched: 1,
    },
    { index: 1, rule: 'run-as-root', reason: 'Legacy images, migration tracked in OPS-1432.', state: 'unused', matched: 0 },
  ],
  compliance: {
    framework: 'cis-kubernetes',
    title: 'CIS Kubernetes Benchmark',
    version: '1.9.0',
    score: 33.3,
    controls: [
      { id: '5.1.1', title: 'Ensure that the cluster-admin role is only used where required', status: 'fail', findings: 1, rules: ['cluster-admin-binding'] },
      { id: '5.1.6', title: 'Ensure that Service Account Tokens are only mounted where necessary', status: 'pass', findings: 0, rules: ['automount-service-account-token'] },
      { id: '5.2.2', title: 'Minimize the admission of privileged containers', status: 'fail', findings: 1, rules: ['privileged-container'] },
      {
        id: '5.7.1', title: 'Create administrative boundaries between resources using namespaces', status: 'manual', findings: 0, rules: [],
        reason: 'Whether namespaces match trust boundaries depends on the organisation.',
      },
    ],
  },
};

/** A scan that found nothing and met no problem, with no gate and no framework. */
export const CLEAN_REPORT: Report = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: SAMPLE_REPORT.tool,
  generatedAt: SAMPLE_REPORT.generatedAt,
  inputs: ['deploy/'],
  summary: { resources: 4, inputs: 1, findings: 0, suppressed: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, errors: 0, failOn: 'none', failed: false },
  findings: [],
  errors: [],
  notes: [],
  rules: SAMPLE_REPORT.rules.map((rule) => ({ ...rule, counts: { pass: 4, fail: 0, warn: 0, error: 0, skip: 0 } })),
  exceptions: [],
};
