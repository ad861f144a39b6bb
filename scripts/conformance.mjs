// `npm run conformance`: runs the BUILT package (dist/) over every external suite in
// ../shared/testdata/k8s that maps to the rule catalog, using the committed mappings from each
// suite's check ids to Palisade rules (src/rules/_conformance/suites.ts, src/frameworks/conformance/),
// and prints per suite the cases covered, the agreement and every disagreement with the mapping's
// stated reason. `--json` prints the same as JSON; `--strict` exits 1 on an unexplained disagreement.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse, stringify } from 'yaml';
import { runRules } from '../dist/core/engine.js';
import { ResourceIndex } from '../dist/core/resource-index.js';
import { loadInputs } from '../dist/loaders/index.js';
import { evaluatePodSecurity, isPssVersion, podSecurityViolationMessage } from '../dist/lib/pss/index.js';
import { RULES } from '../dist/rules/index.js';
import * as M from '../dist/frameworks/conformance/index.js';
import { lintDockerfileText } from '../dist/sdk/dockerfile.js';
import * as NP from '../dist/graph/netpol/index.js';

const K8S = path.resolve(import.meta.dirname, '../../shared/testdata/k8s');
const SUPPLY_CHAIN = path.resolve(import.meta.dirname, '../../shared/testdata/supply-chain');
const args = new Set(process.argv.slice(2));

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const manifests = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expected.json')
        .sort()
        .map((f) => path.join(dir, f))
    : [];

function ruleById(id) {
  const rule = RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`mapping names an unregistered rule: ${id}`);
  return rule;
}

/** Loads the files with the real loader and runs one rule, as a scan does. */
async function run(ruleId, files, options) {
  const rule = ruleById(ruleId);
  const loaded = await loadInputs({ paths: files });
  const parsed = rule.options === undefined ? undefined : rule.options.parse(options ?? {});
  const result = runRules([{ rule, options: parsed }], new ResourceIndex(loaded.resources));
  return { findings: result.findings, problems: loaded.problems };
}

const matching = (findings, check) => findings.filter((f) => f.ruleId === check.rule && (check.message === undefined || check.message.test(f.message)));

/** The findings a mapping selects: its rule's, and those of the rules whose findings it also counts. */
async function hitsOf(check, files, options) {
  const hits = [];
  for (const one of [check, ...(check.also ?? [])]) hits.push(...matching((await run(one.rule, files, one === check ? options : undefined)).findings, one));
  return hits;
}
const outcome = (key, agree, detail, reason) => ({ key, agree, detail, ...(reason === undefined ? {} : { reason }) });

async function podSecurityAdmission() {
  const root = path.join(K8S, 'pod-security-admission');
  const substrings = new Map(readJson(path.join(root, 'index.json')).cases.filter((c) => c.expected_error_substring !== null).map((c) => [c.file, c.expected_error_substring]));
  const out = [];
  for (const level of ['baseline', 'restricted']) {
    for (const version of readdirSync(path.join(root, level)).filter(isPssVersion)) {
      for (const expect of ['pass', 'fail']) {
        const dir = path.join(root, level, version, expect);
        for (const name of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : []) {
          const file = `${level}/${version}/${expect}/${name}`;
          const pod = parse(readFileSync(path.join(dir, name), 'utf8')) ?? {};
          const results = evaluatePodSecurity(level, version, pod.metadata ?? {}, pod.spec ?? {});
          const message = podSecurityViolationMessage(level, version, results);
          const substring = substrings.get(file);
          const agree = expect === 'pass' ? results.length === 0 : results.length > 0 && (substring === undefined || message.includes(substring));
          out.push(outcome(file, agree, `want ${expect === 'pass' ? 'allowed' : `denied${substring === undefined ? '' : ` with "${substring}"`}`}, got ${results.length === 0 ? 'allowed' : message}`));
        }
      }
    }
  }
  return out;
}

async function kubescape() {
  const root = path.join(K8S, 'kubescape-regolibrary');
  const out = [];
  for (const c of readJson(path.join(root, 'index.json')).cases) {
    const workload = M.KUBESCAPE[c.rule] ?? M.KUBESCAPE_WORKLOAD_EXTRA[c.rule];
    const cluster = M.KUBESCAPE_CLUSTER[c.rule] ?? M.KUBESCAPE_CLUSTER_EXTRA[c.rule];
    const check = workload ?? cluster;
    const dir = path.join(root, c.dir);
    if (check === undefined || !existsSync(path.join(dir, 'input'))) continue;
    const key = `${c.rule}/${c.case}`;
    const dataFile = path.join(dir, 'data.json');
    const data = existsSync(dataFile) ? readJson(dataFile) : undefined;
    const options = check.rule === 'untrusted-registry' ? { registries: data?.postureControlInputs?.imageRepositoryAllowList ?? [] } : undefined;
    const hits = await hitsOf(check, manifests(path.join(dir, 'input')), options);
    if (workload !== undefined) {
      // Compare the flagged objects (Kubescape lists a pod's ServiceAccount next to it; we report the workload).
      const raw = readJson(path.join(dir, 'expected.json'));
      const alerts = Array.isArray(raw) ? raw : [raw];
      const want = new Set(alerts.flatMap((a) => (a?.alertObject?.k8sApiObjects ?? []).filter((o) => o.kind !== 'ServiceAccount').map((o) => `${o.kind}/${o.metadata?.name ?? ''}`)));
      const got = new Set(hits.map((f) => `${f.resource.kind}/${f.resource.name}`));
      const agree = want.size === got.size && [...want].every((k) => got.has(k));
      out.push(outcome(key, agree, `want [${[...want].join(', ')}], got [${[...got].join(', ')}]`, M.KUBESCAPE_DIFFERENCES[key] ?? M.KUBESCAPE_EXTRA_DIFFERENCES[key]));
    } else {
      const verdict = hits.length > 0 ? 'fail' : 'pass';
      out.push(outcome(key, verdict === c.verdict, `want ${c.verdict}, got ${verdict}`, M.KUBESCAPE_CLUSTER_DIFFERENCES[key] ?? M.KUBESCAPE_EXTRA_DIFFERENCES[key]));
    }
  }
  return out;
}

async function polaris() {
  const root = path.join(K8S, 'polaris');
  const out = [];
  for (const c of readJson(path.join(root, 'index.json')).cases) {
    const check = M.POLARIS[c.check] ?? M.POLARIS_EXTRA[c.check];
    if (check === undefined || c.file.includes('mutated')) continue;
    const { findings } = await run(check.rule, [path.join(root, c.file)]);
    const failed = matching(findings, check).length > 0;
    out.push(outcome(c.file, failed === (c.expect === 'fail'), `want ${c.expect}, got ${failed ? 'fail' : 'pass'}`, M.POLARIS_DIFFERENCES[c.file] ?? M.POLARIS_EXTRA_DIFFERENCES[c.file]));
  }
  return out;
}

async function kubeLinter() {
  const root = path.join(K8S, 'kube-linter');
  const out = [];
  for (const t of readJson(path.join(root, 'expected.json')).tests) {
    const id = t.include_checks.length === 1 ? t.include_checks[0] : undefined;
    const check = id === undefined ? undefined : M.KUBE_LINTER[id];
    // Only tests that list every expected report can be compared report by report.
    if (check === undefined || t.expected_reports.length !== t.expected_report_count.value) continue;
    const reports = t.expected_reports.filter((r) => r.field === 'Kind: Message').map((r) => r.value);
    const containerOf = (message) => /container "([^"]+)"/.exec(message)?.[1];
    const perContainer = reports.some((m) => containerOf(m) !== undefined);
    const keyOf = (kind, message) => (perContainer ? `${kind} ${containerOf(message) ?? '?'}` : kind);
    const want = reports.map((m) => keyOf(m.slice(0, m.indexOf(':')), m)).sort();
    const { findings } = await run(check.rule, [path.join(root, t.input)]);
    const got = matching(findings, check).map((f) => keyOf(f.resource.kind, f.message)).sort();
    out.push(outcome(`${id}: ${t.input}`, JSON.stringify(want) === JSON.stringify(got), `want [${want.join(', ')}], got [${got.join(', ')}]`));
  }
  return out;
}

async function kubesec() {
  const root = path.join(K8S, 'kubesec');
  const out = [];
  const seen = new Set();
  for (const c of readJson(path.join(root, 'expected.json')).cases) {
    if (c.expect === null || seen.has(`${c.asset}:${c.expect}`)) continue;
    seen.add(`${c.asset}:${c.expect}`);
    const file = path.join(root, c.asset);
    if (c.expect === 'invalid input (error)') {
      const loaded = await loadInputs({ paths: [file] });
      const located = loaded.problems.length > 0 || loaded.resources.length === 0;
      out.push(outcome(c.asset, located, `want an input problem, got ${loaded.problems.map((p) => p.code).join(', ') || `${loaded.resources.length} resources`}`));
      continue;
    }
    const critical = [];
    for (const check of M.KUBESEC_CRITICAL) critical.push(...matching((await run(check.rule, [file])).findings, check));
    const want = c.expect === 'score < 0';
    out.push(outcome(c.asset, (critical.length > 0) === want, `want ${want ? 'a critical finding' : 'no critical finding'}, got ${critical.map((f) => `${f.ruleId}: ${f.message}`).join(' | ') || 'none'}`, M.KUBESEC_DIFFERENCES[c.asset]));
  }
  return out;
}

async function checkov() {
  const root = path.join(K8S, 'checkov-kubernetes');
  const idOf = (f) => `${f.resource.kind}.${f.resource.namespace ?? 'default'}.${f.resource.name}`;
  const out = [];
  for (const c of readJson(path.join(root, 'expected.json')).cases) {
    const check = M.CHECKOV[c.check_class];
    if (check === undefined) continue;
    const { findings } = await run(check.rule, manifests(path.join(root, c.example_dir)));
    const hits = matching(findings, check);
    // Examples reuse names across files: checkov counts each file's object separately.
    const unit = (f) => (M.CHECKOV_PER_CONTAINER.has(c.check_class) ? `${idOf(f)} ${/container "([^"]+)"/.exec(f.message)?.[1] ?? ''}` : idOf(f));
    const failedCount = new Set(hits.map((f) => `${f.location.file}\u0000${unit(f)}`)).size;
    const failing = [...new Set(hits.map(idOf))].sort();
    const expected = c.expected_failed_resources === null ? undefined : [...c.expected_failed_resources].sort();
    const agree = expected === undefined ? failedCount === c.expected_summary.failed : JSON.stringify(failing) === JSON.stringify(expected);
    const key = `${c.check_class}:${c.example_dir}`;
    out.push(outcome(key, agree, `want [${expected === undefined ? `${c.expected_summary.failed} failing` : expected.join(', ')}], got [${failing.join(', ')}]`, M.CHECKOV_DIFFERENCES[key]));
  }
  return out;
}

/** Objects Kalm lists next to a workload (its ServiceAccount, Namespace, ...) that workload rules never judge. */
const KALM_SUPPORT_KINDS = new Set(['ServiceAccount', 'Namespace', 'LimitRange', 'ResourceQuota', 'Role', 'RoleBinding', 'NetworkPolicy']);

async function kalm() {
  const root = path.join(K8S, 'kalm-benchmark');
  const index = readJson(path.join(root, 'index.json'));
  const infrastructure = index.infrastructure_manifests.map((f) => path.join(root, f));
  const out = [];
  for (const c of index.cases) {
    const workload = Object.entries(M.KALM).find(([id]) => c.check_id === id || c.check_id.startsWith(`${id}-`))?.[1];
    const cluster = M.KALM_CLUSTER[c.check_id] ?? M.KALM_CLUSTER[c.check_id.replace(/-\d+$/, '')];
    const check = workload ?? cluster;
    if (check === undefined) continue;
    const hits = matching((await run(check.rule, [...infrastructure, path.join(root, c.file)])).findings, check);
    const objects = workload === undefined ? c.objects : c.objects.filter((o) => !KALM_SUPPORT_KINDS.has(o.kind));
    for (const o of objects) {
      // Namespace-level rules report on the Namespace the labelled objects live in.
      const flagged = hits.some((f) => (f.resource.kind === o.kind && f.resource.name === o.name) || (workload === undefined && f.resource.kind === 'Namespace' && f.resource.name === o.namespace));
      const key = `${c.check_id}:${o.kind}/${o.name}`;
      const reason = workload !== undefined ? M.KALM_DIFFERENCES[o.name] : M.KALM_CLUSTER_DIFFERENCES.find(([pattern]) => pattern.test(key))?.[1];
      out.push(outcome(key, flagged === (o.expected === 'alert'), `want ${o.expected}, got ${flagged ? 'alert' : 'pass'}`, reason));
    }
  }
  return out;
}

/** KubiScan's risky patterns, each as a ClusterRole bound cluster-wide to one user: risky when a mapped rule reports the binding. */
async function kubiscan() {
  const file = path.join(K8S, 'rbac-reference', 'kubiscan', 'risky_roles.yaml');
  const rules = M.KUBISCAN_RULES.map((id) => ({ rule: ruleById(id), options: undefined }));
  const out = [];
  const items = parse(readFileSync(file, 'utf8'), { uniqueKeys: false })?.items ?? [];
  for (const [i, item] of items.entries()) {
    const name = item?.metadata?.name ?? `pattern-${i}`;
    const yaml = [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'pattern' }, rules: item?.rules ?? [] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'probe' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pattern' }, subjects: [{ kind: 'User', name: 'probe' }] },
    ].map((doc) => stringify(doc)).join('---\n');
    const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
    const findings = runRules(rules, new ResourceIndex(loaded.resources)).findings.filter((f) => f.resource.kind === 'ClusterRoleBinding');
    const got = [...new Set(findings.map((f) => f.ruleId))];
    out.push(outcome(`${name}#${i} (${item?.metadata?.priority ?? '?'})`, got.length > 0, `want risky, got ${got.length > 0 ? got.join(', ') : 'no finding'}`, M.KUBISCAN_DIFFERENCES[name]));
  }
  return out;
}

/** hadolint's rule cases: each snippet linted with the mapped rule; at_least / exactly counts of its findings. */
async function dockerfileLint() {
  const file = path.join(SUPPLY_CHAIN, 'dockerfile-lint', 'hadolint-rule-cases.jsonl');
  const out = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line);
    const check = M.HADOLINT[c.rule];
    if (check === undefined) continue;
    // hadolint appends one newline before parsing.
    const { findings } = lintDockerfileText(`${c.dockerfile}\n`, { rules: [check.rule], ruleOptions: M.hadolintOptions(c.config) });
    // A finding the file's own pragmas suppress is one hadolint does not report.
    const hits = matching(findings, check).filter((f) => !f.suppressed).length;
    const agree = c.expect === 'at_least' ? hits >= c.count : hits === c.count;
    out.push(outcome(`${c.rule} ${c.id}`, agree, `want ${c.expect} ${c.count}, got ${hits}: ${JSON.stringify(c.dockerfile)}`, M.hadolintDifference(c.id)));
  }
  return out;
}

/** netpol-analyzer's suite: every connectivity case per golden format, the must-fail inputs, the diffs (as test/netpol/conformance.test.ts). */
async function netpolAnalyzer() {
  const root = path.join(K8S, 'netpol-analyzer');
  const index = JSON.parse(readFileSync(path.join(root, 'index.json'), 'utf8'));
  const resources = async (dir) => (await loadInputs({ paths: [path.join(root, dir)] })).resources;
  const golden = (file) => readFileSync(path.join(root, file), 'utf8');
  const attempt = (step) => {
    try {
      return step();
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const out = [];
  for (const c of index.connlist_cases) {
    const focusConn = c.focus_conn === '' ? undefined : NP.parseFocusConn(c.focus_conn);
    const options = { focusWorkloads: c.focus_workloads, focusWorkloadPeers: c.focus_workload_peers, exposure: c.exposure_analysis, multipleNetworks: c.multiple_networks };
    if (c.focus_direction !== '') options.focusDirection = c.focus_direction;
    if (focusConn !== undefined) options.focusConn = focusConn;
    const input = await resources(c.input_dir);
    const result = attempt(() => NP.connectivityList(input, options));
    for (const [format, file] of Object.entries(c.expected)) {
      const output = result instanceof Error ? `error: ${result.message}` : NP.formatConnectivity(result, format, focusConn?.label);
      out.push(outcome(`list ${c.input_dir} ${c.focus_conn} ${c.focus_workloads.join(',')} [${format}]`, output === golden(file), result instanceof Error ? result.message : 'output differs from the golden file'));
    }
  }
  for (const c of index.fatal_error_cases) {
    const input = await resources(c.input_dir);
    const result = attempt(() => NP.connectivityList(input, { multipleNetworks: c.multiple_networks === true }));
    const refused = result instanceof NP.NetpolError && result.place !== undefined && (c.error_substring === null || result.message.includes(c.error_substring));
    out.push(outcome(`must-fail ${c.input_dir}`, refused, result instanceof Error ? result.message : 'accepted'));
  }
  for (const c of index.diff_cases) {
    const options = { multipleNetworks: c.multiple_networks };
    const [one, two] = [await resources(c.ref1_dir), await resources(c.ref2_dir)];
    for (const [format, file] of Object.entries(c.expected)) {
      const result = attempt(() => NP.formatDiff(NP.diffConnectivity(NP.connectivityList(one, options), NP.connectivityList(two, options)), format));
      out.push(outcome(`diff ${c.ref1_dir} ${c.ref2_dir} [${format}]`, result === golden(file), result instanceof Error ? result.message : 'output differs from the golden file'));
    }
  }
  return out;
}

const SUITES = [
  ['pod-security-admission', podSecurityAdmission],
  ['kubescape-regolibrary', kubescape],
  ['polaris', polaris],
  ['kube-linter', kubeLinter],
  ['kubesec', kubesec],
  ['checkov-kubernetes', checkov],
  ['kalm-benchmark', kalm],
  ['rbac-reference', kubiscan],
  ['dockerfile-lint', dockerfileLint, SUPPLY_CHAIN],
  ['netpol-analyzer', netpolAnalyzer],
];

if (!existsSync(K8S)) {
  console.log(`conformance: ${K8S} is absent (a fresh clone); nothing to compare`);
  process.exit(0);
}

const results = [];
for (const [suite, fn, root = K8S] of SUITES) {
  if (!existsSync(path.join(root, suite))) {
    results.push({ suite, covered: 0, agreed: 0, outcomes: [], absent: true });
    continue;
  }
  const outcomes = await fn();
  results.push({ suite, covered: outcomes.length, agreed: outcomes.filter((o) => o.agree).length, outcomes });
}

const pct = (r) => (r.covered === 0 ? '-' : `${((r.agreed / r.covered) * 100).toFixed(1)}%`);
const unexplained = results.flatMap((r) => r.outcomes.filter((o) => !o.agree && o.reason === undefined).map((o) => `${r.suite} ${o.key}`));

if (args.has('--json')) {
  const summary = results.map((r) => ({ suite: r.suite, covered: r.covered, agreed: r.agreed, disagreements: r.outcomes.filter((o) => !o.agree) }));
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} else {
  const width = Math.max(...results.map((r) => r.suite.length));
  const lines = [`${'suite'.padEnd(width)}  covered  agreed  agreement  explained`];
  for (const r of results) {
    const explained = r.outcomes.filter((o) => !o.agree && o.reason !== undefined).length;
    const row = r.absent === true ? 'absent' : `${String(r.covered).padStart(7)}  ${String(r.agreed).padStart(6)}  ${pct(r).padStart(9)}  ${String(explained).padStart(9)}`;
    lines.push(`${r.suite.padEnd(width)}  ${row}`);
  }
  for (const r of results) {
    const disagreements = r.outcomes.filter((o) => !o.agree);
    if (disagreements.length === 0) continue;
    lines.push('', `${r.suite}: ${disagreements.length} disagreement(s)`);
    for (const o of disagreements) lines.push(`  ${o.key}\n    ${o.detail}\n    ${o.reason === undefined ? 'UNEXPLAINED' : `reason: ${o.reason}`}`);
  }
  lines.push('', `${unexplained.length} unexplained disagreement(s)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
if (args.has('--strict') && unexplained.length > 0) process.exitCode = 1;
