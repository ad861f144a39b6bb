/**
 * Conformance of the rules on non-workload objects (control-plane flags, RBAC, Services, Ingress,
 * namespaces, ConfigMaps) with two external suites: checkov's Kubernetes check examples and
 * kubescape's regolibrary rule tests. Each external check is mapped to one Palisade rule plus a
 * predicate selecting the findings that correspond to it (one Palisade rule often covers several
 * external checks). Disagreements are listed with the reason: either a different semantics
 * (explained) or a bug.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../src/core/rule.js';
import type { Finding } from '../../src/model/finding.js';
import { RULES } from '../../src/rules/index.js';
import { scanFiles } from '../support/rule-harness.js';

const TESTDATA = path.resolve(import.meta.dirname, '../../../shared/testdata/k8s');
const CHECKOV = path.join(TESTDATA, 'checkov-kubernetes');
const KUBESCAPE = path.join(TESTDATA, 'kubescape-regolibrary');
const KALM = path.join(TESTDATA, 'kalm-benchmark');
const POLARIS = path.join(TESTDATA, 'polaris');
const present = existsSync(CHECKOV) && existsSync(KUBESCAPE) && existsSync(KALM) && existsSync(POLARIS);
if (!present) console.log(`cluster-config conformance skipped: ${TESTDATA} is absent`);

interface Mapping {
  readonly rule: string;
  /** Which findings of the rule correspond to the external check (all of them when absent). */
  readonly match?: (finding: Finding) => boolean;
}

const has = (text: string) => (f: Finding) => f.message.includes(text);
/** A finding about the named flag, not a longer flag that ends the same way. */
const flag = (name: string) => (f: Finding) => new RegExp(`(^|[^-a-z])--${name}\\b(?!-)`).test(f.message);
/** The authorization modes a finding reports lack `mode`. */
const lacksMode = (mode: string) => (f: Finding) => {
  if (f.message.includes('(default AlwaysAllow)')) return true;
  const modes = /--authorization-mode=([^:\s]*)/.exec(f.message)?.[1]?.split(',') ?? [];
  return !modes.includes(mode);
};

const CHECKOV_MAP: Readonly<Record<string, Mapping>> = {
  ApiServerAnonymousAuth: { rule: 'apiserver-anonymous-auth' },
  ApiServerAuditLog: { rule: 'apiserver-audit-log', match: has('does not set --audit-log-path') },
  ApiServerAuditLogMaxAge: { rule: 'apiserver-audit-log', match: flag('audit-log-maxage') },
  ApiServerAuditLogMaxBackup: { rule: 'apiserver-audit-log', match: flag('audit-log-maxbackup') },
  ApiServerAuditLogMaxSize: { rule: 'apiserver-audit-log', match: flag('audit-log-maxsize') },
  ApiServerAuthorizationModeNotAlwaysAllow: { rule: 'apiserver-authorization-mode', match: has('AlwaysAllow') },
  ApiServerInsecurePort: { rule: 'apiserver-insecure-port' },
  ApiServerNodeRestrictionPlugin: { rule: 'apiserver-admission-plugins', match: has('NodeRestriction') },
  ApiServerProfiling: { rule: 'apiserver-profiling' },
  EtcdClientCertAuth: { rule: 'etcd-client-cert-auth', match: flag('client-cert-auth') },
  PeerClientCertAuthTrue: { rule: 'etcd-client-cert-auth', match: flag('peer-client-cert-auth') },
  EtcdAutoTls: { rule: 'etcd-client-cert-auth', match: flag('auto-tls') },
  DefaultNamespace: { rule: 'workload-in-default-namespace' },
  RbacBindRoleBindings: { rule: 'rbac-escalation-verbs', match: has('bind') },
  RbacEscalateRoles: { rule: 'rbac-escalation-verbs', match: has('escalate') },
  RbacApproveCertificateSigningRequests: { rule: 'rbac-csr-approval' },
  WildcardRoles: { rule: 'rbac-wildcard' },
  ControllerManagerBindAddress: { rule: 'control-plane-bind-address' },
  KubeControllerManagerBlockProfiles: { rule: 'control-plane-profiling' },
  SchedulerProfiling: { rule: 'control-plane-profiling' },
  KubeControllerManagerServiceAccountPrivateKeyFile: { rule: 'controller-manager-service-account-credentials', match: flag('service-account-private-key-file') },
};

const KUBESCAPE_MAP: Readonly<Record<string, Mapping>> = {
  'ensure-that-the-api-server-anonymous-auth-argument-is-set-to-false': { rule: 'apiserver-anonymous-auth' },
  'ensure-that-the-api-server-audit-log-path-argument-is-set': { rule: 'apiserver-audit-log', match: has('does not set --audit-log-path') },
  'ensure-that-the-api-server-audit-log-maxage-argument-is-set-to-30-or-as-appropriate': { rule: 'apiserver-audit-log', match: flag('audit-log-maxage') },
  'ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate': { rule: 'apiserver-audit-log', match: flag('audit-log-maxbackup') },
  'ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate': { rule: 'apiserver-audit-log', match: flag('audit-log-maxsize') },
  'ensure-that-the-api-server-authorization-mode-argument-includes-Node': { rule: 'apiserver-authorization-mode', match: lacksMode('Node') },
  'ensure-that-the-api-server-authorization-mode-argument-includes-RBAC': { rule: 'apiserver-authorization-mode', match: lacksMode('RBAC') },
  'ensure-that-the-api-server-authorization-mode-argument-is-not-set-to-AlwaysAllow': { rule: 'apiserver-authorization-mode', match: has('AlwaysAllow') },
  'ensure-that-the-api-server-encryption-provider-config-argument-is-set-as-appropriate': { rule: 'apiserver-encryption-at-rest' },
  'ensure-that-the-api-server-profiling-argument-is-set-to-false': { rule: 'apiserver-profiling' },
  'ensure-that-the-admission-control-plugin-AlwaysAdmit-is-not-set': { rule: 'apiserver-admission-plugins', match: has('AlwaysAdmit') },
  'ensure-that-the-admission-control-plugin-NodeRestriction-is-set': { rule: 'apiserver-admission-plugins', match: has('NodeRestriction') },
  'etcd-client-auth-cert': { rule: 'etcd-client-cert-auth', match: flag('client-cert-auth') },
  'etcd-peer-client-auth-cert': { rule: 'etcd-client-cert-auth', match: flag('peer-client-cert-auth') },
  'etcd-auto-tls-disabled': { rule: 'etcd-client-cert-auth', match: flag('auto-tls') },
  'etcd-peer-auto-tls-disabled': { rule: 'etcd-client-cert-auth', match: flag('peer-auto-tls') },
  'ingress-no-tls': { rule: 'ingress-without-tls' },
  'rule-credentials-configmap': { rule: 'secret-in-configmap' },
  'exposure-to-internet': { rule: 'service-exposed' },
  'internal-networking': { rule: 'namespace-without-network-policy' },
  'pods-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'service-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'configmap-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'resources-secret-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'rule-can-list-get-secrets-v1': { rule: 'rbac-secret-read' },
  'rule-can-bind-escalate': { rule: 'rbac-escalation-verbs' },
  'rule-can-impersonate-users-groups-v1': { rule: 'rbac-escalation-verbs', match: has('impersonate') },
  'rule-can-approve-cert-signing-request': { rule: 'rbac-csr-approval' },
  'rule-can-modify-admission-webhooks': { rule: 'rbac-webhook-config-write' },
  'rule-can-create-service-account-token': { rule: 'rbac-token-create' },
  'rule-can-access-proxy-subresource': { rule: 'rbac-nodes-proxy' },
  'rule-can-portforward-v1': { rule: 'rbac-pod-exec', match: has('portforward') },
  'exec-into-container-v1': { rule: 'rbac-pod-exec', match: has('exec') },
  'rule-can-create-pod': { rule: 'rbac-workload-create' },
  'ensure-that-the-controller-manager-bind-address-argument-is-set-to-127.0.0.1': { rule: 'control-plane-bind-address' },
  'ensure-that-the-scheduler-bind-address-argument-is-set-to-127.0.0.1': { rule: 'control-plane-bind-address' },
  'ensure-that-the-controller-manager-profiling-argument-is-set-to-false': { rule: 'control-plane-profiling' },
  'ensure-that-the-scheduler-profiling-argument-is-set-to-false': { rule: 'control-plane-profiling' },
  'ensure-that-the-controller-manager-use-service-account-credentials-argument-is-set-to-true': {
    rule: 'controller-manager-service-account-credentials',
    match: flag('use-service-account-credentials'),
  },
  'ensure-that-the-controller-manager-service-account-private-key-file-argument-is-set-as-appropriate': {
    rule: 'controller-manager-service-account-credentials',
    match: flag('service-account-private-key-file'),
  },
  'ensure-that-the-api-server-token-auth-file-parameter-is-not-set': { rule: 'apiserver-service-account-tokens', match: flag('token-auth-file') },
  'ensure-that-the-api-server-service-account-lookup-argument-is-set-to-true': { rule: 'apiserver-service-account-tokens', match: flag('service-account-lookup') },
  'ensure-that-the-api-server-service-account-key-file-argument-is-set-as-appropriate': { rule: 'apiserver-service-account-tokens', match: flag('service-account-key-file') },
  'ensure-that-the-api-server-service-account-extend-token-expiration-is-set-to-false': {
    rule: 'apiserver-service-account-tokens',
    match: flag('service-account-extend-token-expiration'),
  },
  'ensure-that-the-api-server-tls-cert-file-and-tls-private-key-file-arguments-are-set-as-appropriate': { rule: 'apiserver-tls', match: has('--tls-') },
  'ensure-that-the-api-server-client-ca-file-argument-is-set-as-appropriate': { rule: 'apiserver-tls', match: flag('client-ca-file') },
  'ensure-that-the-api-server-etcd-cafile-argument-is-set-as-appropriate': { rule: 'apiserver-tls', match: flag('etcd-cafile') },
  'ensure-that-the-api-server-etcd-certfile-and-etcd-keyfile-arguments-are-set-as-appropriate': { rule: 'apiserver-tls', match: has('--etcd-certfile') },
  'ensure-that-the-api-server-kubelet-client-certificate-and-kubelet-client-key-arguments-are-set-as-appropriate': {
    rule: 'apiserver-tls',
    match: has('--kubelet-client-'),
  },
  'ensure-that-the-api-server-kubelet-certificate-authority-argument-is-set-as-appropriate': { rule: 'apiserver-tls', match: flag('kubelet-certificate-authority') },
  'ensure-that-the-api-server-secure-port-argument-is-not-set-to-0': { rule: 'apiserver-tls', match: flag('secure-port') },
  'etcd-tls-enabled': { rule: 'etcd-tls', match: (f) => flag('cert-file')(f) || flag('key-file')(f) },
  'etcd-peer-tls-enabled': { rule: 'etcd-tls', match: (f) => flag('peer-cert-file')(f) || flag('peer-key-file')(f) },
  'ensure-that-the-controller-manager-root-ca-file-argument-is-set-as-appropriate': { rule: 'controller-manager-service-account-credentials', match: flag('root-ca-file') },
};

/** Kalm benchmark check ids (without the variant suffix) mapped to the rule that covers them. */
const KALM_MAP: Readonly<Record<string, Mapping>> = {
  'RBAC-001': { rule: 'rbac-cluster-admin-binding' },
  'RBAC-002': { rule: 'rbac-secret-read' },
  'RBAC-003': { rule: 'rbac-wildcard' },
  'RBAC-004': { rule: 'rbac-workload-create' },
  'RBAC-005': { rule: 'rbac-pod-exec', match: has('attach') },
  'RBAC-006': { rule: 'rbac-pod-exec', match: has('exec') },
  'RBAC-008': { rule: 'rbac-pod-exec', match: has('portforward') },
  'RBAC-009': { rule: 'rbac-escalation-verbs', match: has('impersonate') },
  'RBAC-010': { rule: 'rbac-escalation-verbs' },
  'RBAC-020': { rule: 'rbac-escalation-verbs' },
  'RBAC-023': { rule: 'rbac-nodes-proxy' },
  'RBAC-024': { rule: 'rbac-csr-approval' },
  'RBAC-025': { rule: 'rbac-webhook-config-write' },
  'NP-001': { rule: 'namespace-without-network-policy' },
  'NP-002': { rule: 'namespace-without-default-deny' },
  'NS-001': { rule: 'workload-in-default-namespace' },
  'CM-001': { rule: 'secret-in-configmap' },
};

/** Polaris checks on roles and bindings, judged on objects of one kind. */
const POLARIS_MAP: Readonly<Record<string, Mapping & { readonly kind: string }>> = {
  clusterrolePodExecAttach: { rule: 'rbac-pod-exec', kind: 'ClusterRole', match: (f) => has('pods/exec')(f) || has('pods/attach')(f) },
  rolePodExecAttach: { rule: 'rbac-pod-exec', kind: 'Role', match: (f) => has('pods/exec')(f) || has('pods/attach')(f) },
  clusterrolebindingClusterAdmin: { rule: 'rbac-cluster-admin-binding', kind: 'ClusterRoleBinding' },
  rolebindingClusterAdminClusterRole: { rule: 'rbac-cluster-admin-binding', kind: 'RoleBinding' },
};

/** Disagreements with a reason, keyed `suite:check:case`. Anything else failing is a bug. */
const AUDIT_ROTATION_WITHOUT_PATH =
  'the example sets a rotation flag but no --audit-log-path: no log file is written, so Palisade reports the missing path (its own finding) and does not judge rotation of a file that does not exist';
const BINDING_NAME_EXEMPTION =
  'Polaris exempts bindings by name (a system: prefix, GKE default names); Palisade judges the subjects: the User testuser bound to an all-powerful role is reported whatever the binding is called';
const EXPLAINED: Readonly<Record<string, string>> = {
  'checkov:ApiServerAuditLogMaxAge:example_ApiServerAuditLogMaxAge': AUDIT_ROTATION_WITHOUT_PATH,
  'checkov:ApiServerAuditLogMaxBackup:example_ApiServerAuditLogMaxBackup': AUDIT_ROTATION_WITHOUT_PATH,
  'checkov:ApiServerAuditLogMaxSize:example_ApiServerAuditLogMaxSize': AUDIT_ROTATION_WITHOUT_PATH,
  'kubescape:ensure-that-the-api-server-audit-log-maxage-argument-is-set-to-30-or-as-appropriate:failed': AUDIT_ROTATION_WITHOUT_PATH,
  'kubescape:ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate:failed': AUDIT_ROTATION_WITHOUT_PATH,
  'kubescape:ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate:rke2-args':
    'kubescape raises a "please validate" review alert for any --audit-log-maxsize; 100 meets the threshold, so Palisade passes',
  'checkov:ApiServerAuthorizationModeNotAlwaysAllow:example_ApiServerAuthorizationModeNotAlwaysAllow':
    'the kube-apiserver-no-mode example omits --authorization-mode; its default is AlwaysAllow (when --authorization-config is not used), so Palisade fails it',
  'checkov:DefaultNamespace:example_DefaultNamespace':
    'the nginx Service and StatefulSet name no namespace: checkov passes them, Palisade reports them because kubectl apply without -n creates them in default',
  'checkov:PeerClientCertAuthTrue:example_PeerClientCertAuthTrue':
    'the etcd pods run in application namespaces (should-fail, should-pass), not in kube-system: Palisade checks control-plane etcd only unless controlPlaneNamespaces says otherwise',
  'checkov:KubeControllerManagerServiceAccountPrivateKeyFile:example_KubeControllerManagerServiceAccountPrivateKeyFile':
    'checkov fails a key file whose name does not end in .pem and passes a missing flag; Palisade accepts any key file path (the extension says nothing about the key) and reports the missing flag',
  'checkov:RbacBindRoleBindings:example_RbacBindRoleBindings':
    'test-should-fail-1 grants bind on rolebindings; RBAC checks the bind verb on roles and clusterroles (the role being bound), so bind on rolebindings grants nothing',
  'kubescape:ensure-that-the-api-server-secure-port-argument-is-not-set-to-0:failed':
    'the example passes --secure-port=0 then --secure-port=8443; pflag keeps the last occurrence, so the secure port is 8443 and enabled',
  'kubescape:exposure-to-internet:detect_with_ingress':
    'the Service is ClusterIP and exposed through an Ingress; service-exposed reports Services that are themselves reachable from outside (NodePort, LoadBalancer, externalIPs)',
  'kubescape:internal-networking:namespace-failed':
    'the namespace runs no workload: Palisade reports namespaces with workloads but no NetworkPolicy, since an empty namespace has nothing to isolate',
  'kubescape:internal-networking:namespace-ccnp-match-expressions-selective-failed':
    'the namespace runs no workload: Palisade reports namespaces with workloads but no NetworkPolicy, since an empty namespace has nothing to isolate',
  'kubescape:rule-can-approve-cert-signing-request:role-rolebinding':
    'the input is a namespaced Role: CertificateSigningRequests are cluster-scoped, so a Role cannot grant them; approving also needs approve on signers, which it lacks',
  'polaris:clusterrolePodExecAttach:success.defaultclusterrole_admin.yaml':
    'Polaris exempts any ClusterRole named admin; Palisade exempts the bootstrap admin role only when it carries kubernetes.io/bootstrapping: rbac-defaults, since anyone can name a role admin',
  'polaris:clusterrolebindingClusterAdmin:success.system_prefix_binding.yaml': BINDING_NAME_EXEMPTION,
  'polaris:rolebindingClusterAdminClusterRole:success.system_prefix_binding.yaml': BINDING_NAME_EXEMPTION,
  'polaris:rolebindingClusterAdminClusterRole:success.gce_calico_binding.yaml': BINDING_NAME_EXEMPTION,
  'kubescape:rule-can-modify-admission-webhooks:role-rolebinding':
    'the input is a namespaced Role: webhook configurations are cluster-scoped, so a Role (even in kube-system) cannot grant access to them',
  'kubescape:rule-can-portforward-v1:clusterrole-clusterrolebinding':
    'the ClusterRole grants "pods/*", which RBAC matches literally (only "*/portforward" or "*" match pods/portforward), so it does not grant port-forwarding',
};

/** Whole groups of kalm cases that disagree for the same reason, checked case by case above. */
const EXPLAINED_KALM: readonly (readonly [RegExp, string])[] = [
  [/^kalm:RBAC-004-\d:/, 'the role names resource "pod": RBAC matches resource names exactly and the API resource is "pods", so the rule grants nothing'],
  [
    /^kalm:RBAC-0[12]0-\d:/,
    'the rule grants bind or escalate in the core group (""), where roles and clusterroles do not exist (they are in rbac.authorization.k8s.io), and some on bindings, where RBAC never checks these verbs: it grants nothing',
  ],
  [/^kalm:RBAC-023-1:Role\//, 'a namespaced Role cannot grant nodes/proxy: nodes are cluster-scoped'],
  [/^kalm:RBAC-025-\d:Role\//, 'a namespaced Role cannot grant webhook configurations: they are cluster-scoped'],
];

function explanation(key: string): string | undefined {
  return EXPLAINED[key] ?? EXPLAINED_KALM.find(([pattern]) => pattern.test(key))?.[1];
}

function ruleById(id: string): AnyRule {
  const rule = RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`rule ${id} is not registered`);
  return rule;
}

function manifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'expected.json')
    .sort()
    .map((name) => path.join(dir, name));
}

/** `Kind.namespace.name` as checkov names resources (namespace `default` when unset). */
function checkovId(f: Finding): string {
  return `${f.resource.kind}.${f.resource.namespace ?? 'default'}.${f.resource.name}`;
}

interface Outcome {
  readonly key: string;
  readonly agree: boolean;
  readonly detail: string;
}

interface CheckovCase {
  check_class: string;
  example_dir: string;
  expected_summary: { failed: number };
  expected_failed_resources: string[] | null;
}

async function checkovOutcomes(): Promise<Outcome[]> {
  const cases = (JSON.parse(readFileSync(path.join(CHECKOV, 'expected.json'), 'utf8')) as { cases: CheckovCase[] }).cases;
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    const mapping = CHECKOV_MAP[c.check_class];
    if (mapping === undefined) continue;
    const scan = await scanFiles(ruleById(mapping.rule), manifestFiles(path.join(CHECKOV, c.example_dir)));
    const matched = scan.findings.filter(mapping.match ?? (() => true));
    // Examples reuse names across files: checkov counts each file's object separately.
    const failedCount = new Set(matched.map((f) => `${f.location.file}\u0000${checkovId(f)}`)).size;
    const failing = [...new Set(matched.map(checkovId))].sort();
    const expected = c.expected_failed_resources === null ? undefined : [...c.expected_failed_resources].sort();
    const agree = expected === undefined ? failedCount === c.expected_summary.failed : JSON.stringify(failing) === JSON.stringify(expected);
    const want = expected === undefined ? `${c.expected_summary.failed} failing` : expected.join(', ');
    outcomes.push({ key: `checkov:${c.check_class}:${c.example_dir}`, agree, detail: `want [${want}], got [${failing.join(', ')}]` });
  }
  return outcomes;
}

interface KubescapeCase {
  rule: string;
  case: string;
  dir: string;
  verdict: 'pass' | 'fail';
}

async function kubescapeOutcomes(): Promise<Outcome[]> {
  const cases = (JSON.parse(readFileSync(path.join(KUBESCAPE, 'index.json'), 'utf8')) as { cases: KubescapeCase[] }).cases;
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    const mapping = KUBESCAPE_MAP[c.rule];
    const input = path.join(KUBESCAPE, c.dir, 'input');
    if (mapping === undefined || !existsSync(input)) continue;
    const scan = await scanFiles(ruleById(mapping.rule), manifestFiles(input));
    const matched = scan.findings.filter(mapping.match ?? (() => true));
    const verdict = matched.length > 0 ? 'fail' : 'pass';
    outcomes.push({ key: `kubescape:${c.rule}:${c.case}`, agree: verdict === c.verdict, detail: `want ${c.verdict}, got ${verdict} (${matched.map((f) => f.message).join(' | ')})` });
  }
  return outcomes;
}

interface KalmObject {
  kind: string;
  name: string;
  namespace?: string;
  expected: 'alert' | 'pass';
}

interface KalmCase {
  check_id: string;
  file: string;
  objects: KalmObject[];
}

async function kalmOutcomes(): Promise<Outcome[]> {
  const index = JSON.parse(readFileSync(path.join(KALM, 'index.json'), 'utf8')) as { infrastructure_manifests: string[]; cases: KalmCase[] };
  const infrastructure = index.infrastructure_manifests.map((file) => path.join(KALM, file));
  const outcomes: Outcome[] = [];
  for (const c of index.cases) {
    const mapping = KALM_MAP[c.check_id.replace(/-\d+$/, '')];
    if (mapping === undefined) continue;
    const scan = await scanFiles(ruleById(mapping.rule), [...infrastructure, path.join(KALM, c.file)]);
    const matched = scan.findings.filter(mapping.match ?? (() => true));
    for (const object of c.objects) {
      // Namespace-level rules report on the Namespace object the labelled objects live in.
      const flagged = matched.some(
        (f) => (f.resource.kind === object.kind && f.resource.name === object.name) || (f.resource.kind === 'Namespace' && f.resource.name === object.namespace),
      );
      const agree = flagged === (object.expected === 'alert');
      outcomes.push({ key: `kalm:${c.check_id}:${object.kind}/${object.name}`, agree, detail: `want ${object.expected}, got ${flagged ? 'alert' : 'pass'}` });
    }
  }
  return outcomes;
}

interface PolarisCase {
  check: string;
  file: string;
  expect: 'pass' | 'fail';
}

async function polarisOutcomes(): Promise<Outcome[]> {
  const cases = (JSON.parse(readFileSync(path.join(POLARIS, 'index.json'), 'utf8')) as { cases: PolarisCase[] }).cases;
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    const mapping = POLARIS_MAP[c.check];
    if (mapping === undefined || c.file.includes('/mutated')) continue;
    const scan = await scanFiles(ruleById(mapping.rule), [path.join(POLARIS, c.file)]);
    const matched = scan.findings.filter((f) => f.resource.kind === mapping.kind && (mapping.match ?? (() => true))(f));
    const verdict = matched.length > 0 ? 'fail' : 'pass';
    outcomes.push({ key: `polaris:${c.check}:${path.basename(c.file)}`, agree: verdict === c.expect, detail: `want ${c.expect}, got ${verdict}` });
  }
  return outcomes;
}

describe.runIf(present)('conformance: rules on non-workload objects', () => {
  it.each([
    ['checkov', checkovOutcomes],
    ['kubescape', kubescapeOutcomes],
    ['kalm', kalmOutcomes],
    ['polaris', polarisOutcomes],
  ] as const)('%s: every disagreement is explained', async (suite, run) => {
    const outcomes = await run();
    const agreed = outcomes.filter((o) => o.agree).length;
    console.log(`${suite}: ${agreed}/${outcomes.length} mapped cases agree`);
    const unexplained = outcomes.filter((o) => !o.agree && explanation(o.key) === undefined).map((o) => `${o.key}: ${o.detail}`);
    const stale = Object.keys(EXPLAINED).filter((key) => key.startsWith(`${suite}:`) && outcomes.find((o) => o.key === key)?.agree !== false);
    expect(unexplained).toEqual([]);
    expect(stale, 'explained disagreements that no longer disagree').toEqual([]);
    expect(outcomes.length).toBeGreaterThan(0);
  });
});
