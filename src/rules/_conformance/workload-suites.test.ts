/**
 * Agreement of the workload rules with other scanners' own fixtures (../shared/testdata):
 * Kubescape's regolibrary cases, Polaris' check fixtures, kube-linter's end-to-end tests and the
 * Kalm scanner benchmark.
 * Every disagreement must be one of the documented, deliberate differences in suites.ts.
 * Skips with a notice when the test data is absent (a fresh clone).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../core/rule.js';
import type { Finding } from '../../model/finding.js';
import { RULES } from '../index.js';
import { scanFiles } from '../../../test/support/rule-harness.js';
import type { CheckMapping } from './suites.js';
import { KALM, KALM_DIFFERENCES, KUBE_LINTER, KUBESCAPE, KUBESCAPE_DIFFERENCES, POLARIS, POLARIS_DIFFERENCES } from './suites.js';

const K8S = fileURLToPath(new URL('../../../../shared/testdata/k8s/', import.meta.url));
const present = existsSync(K8S);
if (!present) console.log(`conformance: ${K8S} is absent, skipping the workload-rule suites`);

function ruleFor(mapping: CheckMapping): AnyRule {
  const rule = RULES.find((r) => r.id === mapping.rule);
  if (rule === undefined) throw new Error(`no rule ${mapping.rule}`);
  return rule;
}

function matching(findings: readonly Finding[], mapping: CheckMapping): Finding[] {
  return findings.filter((f) => mapping.message === undefined || mapping.message.test(f.message));
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

interface KubescapeCase {
  readonly rule: string;
  readonly case: string;
  readonly dir: string;
}

interface KubescapeAlert {
  readonly alertObject?: { readonly k8sApiObjects?: readonly { readonly kind?: string; readonly metadata?: { readonly name?: string } }[] };
}

describe.skipIf(!present)('Kubescape regolibrary agreement', () => {
  it('flags exactly the objects Kubescape flags, but for the documented differences', async () => {
    const root = path.join(K8S, 'kubescape-regolibrary');
    const cases = (readJson(path.join(root, 'index.json')) as { cases: KubescapeCase[] }).cases.filter((c) => c.rule in KUBESCAPE);
    const disagreements: string[] = [];
    for (const c of cases) {
      const mapping = KUBESCAPE[c.rule];
      if (mapping === undefined) continue;
      const dir = path.join(root, c.dir);
      const inputDir = path.join(dir, 'input');
      const inputs = existsSync(inputDir) ? readdirSync(inputDir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(inputDir, f)) : [];
      const dataFile = path.join(dir, 'data.json');
      const data = existsSync(dataFile) ? (readJson(dataFile) as { postureControlInputs?: { imageRepositoryAllowList?: string[] } }) : undefined;
      const options = mapping.rule === 'untrusted-registry' ? { registries: data?.postureControlInputs?.imageRepositoryAllowList ?? [] } : undefined;
      const raw = readJson(path.join(dir, 'expected.json'));
      const alerts = (Array.isArray(raw) ? raw : [raw]) as KubescapeAlert[];
      // Kubescape lists a pod's ServiceAccount next to the pod; our finding is on the workload.
      const want = new Set(alerts.flatMap((a) => (a.alertObject?.k8sApiObjects ?? []).filter((o) => o.kind !== 'ServiceAccount').map((o) => `${o.kind ?? ''}/${o.metadata?.name ?? ''}`)));
      const hits: Finding[] = [];
      // The mapped rule, and the rules whose findings it also counts (CheckMapping.also).
      for (const check of [mapping, ...(mapping.also ?? [])]) hits.push(...matching((await scanFiles(ruleFor(check), inputs, check === mapping ? options : undefined)).findings, check));
      const got = new Set(hits.map((f) => `${f.resource.kind}/${f.resource.name}`));
      const same = want.size === got.size && [...want].every((key) => got.has(key));
      if (!same) disagreements.push(`${c.rule}/${c.case}`);
    }
    expect(cases.length).toBeGreaterThan(0);
    expect(disagreements.filter((id) => !(id in KUBESCAPE_DIFFERENCES))).toEqual([]);
  });
});

interface PolarisCase {
  readonly check: string;
  readonly file: string;
  readonly expect: 'pass' | 'fail';
}

describe.skipIf(!present)('Polaris agreement', () => {
  it('fails exactly the fixtures Polaris fails, but for the documented differences', async () => {
    const root = path.join(K8S, 'polaris');
    const cases = (readJson(path.join(root, 'index.json')) as { cases: PolarisCase[] }).cases.filter((c) => c.check in POLARIS && !c.file.includes('mutated'));
    const disagreements: string[] = [];
    for (const c of cases) {
      const mapping = POLARIS[c.check];
      if (mapping === undefined) continue;
      const scan = await scanFiles(ruleFor(mapping), [path.join(root, c.file)]);
      const failed = matching(scan.findings, mapping).length > 0;
      if (failed !== (c.expect === 'fail')) disagreements.push(c.file);
    }
    expect(cases.length).toBeGreaterThan(0);
    expect(disagreements.filter((file) => !(file in POLARIS_DIFFERENCES))).toEqual([]);
  });
});

interface KubeLinterTest {
  readonly input: string;
  readonly include_checks: readonly string[];
  readonly expected_report_count: { readonly op: string; readonly value: number };
  readonly expected_reports: readonly { readonly field: string; readonly value: string }[];
}

describe.skipIf(!present)('kube-linter agreement', () => {
  it('reports the same kinds and containers as kube-linter, OpenShift DeploymentConfigs included', async () => {
    const root = path.join(K8S, 'kube-linter');
    const tests = (readJson(path.join(root, 'expected.json')) as { tests: KubeLinterTest[] }).tests.filter(
      (t) => t.include_checks.length === 1 && (t.include_checks[0] ?? '') in KUBE_LINTER && t.expected_reports.length === t.expected_report_count.value,
    );
    const disagreements: string[] = [];
    for (const t of tests) {
      const mapping = KUBE_LINTER[t.include_checks[0] ?? ''];
      if (mapping === undefined) continue;
      const reports = t.expected_reports.filter((r) => r.field === 'Kind: Message').map((r) => r.value);
      const containerOf = (message: string): string | undefined => /container "([^"]+)"/.exec(message)?.[1];
      // Compare containers too when kube-linter names them.
      const perContainer = reports.some((message) => containerOf(message) !== undefined);
      const key = (kind: string, message: string): string => (perContainer ? `${kind} ${containerOf(message) ?? '?'}` : kind);
      const want = reports.map((message) => key(message.slice(0, message.indexOf(':')), message)).sort();
      const scan = await scanFiles(ruleFor(mapping), [path.join(root, t.input)]);
      const got = matching(scan.findings, mapping).map((f) => key(f.resource.kind, f.message)).sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) disagreements.push(`${t.include_checks[0] ?? ''}: want ${want.join(', ')} got ${got.join(', ')}`);
    }
    expect(tests.length).toBeGreaterThan(0);
    expect(disagreements).toEqual([]);
  });
});

interface KalmObject {
  readonly kind: string;
  readonly name: string;
  readonly expected: 'alert' | 'pass';
}

interface KalmCase {
  readonly check_id: string;
  readonly file: string;
  readonly objects: readonly KalmObject[];
}

/** Objects Kalm lists next to the workload (its ServiceAccount, Namespace, ...) that our workload rules never judge. */
const KALM_SUPPORT_KINDS = new Set(['ServiceAccount', 'Namespace', 'LimitRange', 'ResourceQuota', 'Role', 'RoleBinding', 'NetworkPolicy']);

describe.skipIf(!present)('Kalm benchmark agreement', () => {
  it('alerts on exactly the workloads Kalm labels alert, but for the documented differences', async () => {
    const root = path.join(K8S, 'kalm-benchmark');
    const index = readJson(path.join(root, 'index.json')) as { infrastructure_manifests: string[]; cases: KalmCase[] };
    // The shared namespaces, LimitRange and quota every check file assumes.
    const infrastructure = index.infrastructure_manifests.map((file) => path.join(root, file));
    const disagreements: string[] = [];
    let judged = 0;
    for (const c of index.cases) {
      const mapping = Object.entries(KALM).find(([id]) => c.check_id === id || c.check_id.startsWith(`${id}-`))?.[1];
      if (mapping === undefined) continue;
      const scan = await scanFiles(ruleFor(mapping), [...infrastructure, path.join(root, c.file)]);
      for (const object of c.objects.filter((o) => !KALM_SUPPORT_KINDS.has(o.kind))) {
        judged++;
        const flagged = matching(scan.findings, mapping).some((f) => f.resource.kind === object.kind && f.resource.name === object.name);
        if (flagged !== (object.expected === 'alert')) disagreements.push(object.name);
      }
    }
    expect(judged).toBeGreaterThan(0);
    expect(disagreements.filter((name) => !(name in KALM_DIFFERENCES))).toEqual([]);
  });
});
