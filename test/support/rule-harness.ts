/**
 * Runs one rule over real manifests the way a scan does: the real loader, the real resource index
 * and the real engine. `describeRuleFixtures` turns a rule's fixtures folder into vitest cases;
 * `scanYaml` / `scanFiles` serve the targeted assertions of each rule.test.ts.
 *
 * Fixture convention (kube-linter style): objects named `fail-*` must get at least one finding of
 * the rule, objects named `pass-*` none; every object of a pass fixture is clean. Each rule's
 * fixtures are loaded with a single loader call so the whole rule suite stays fast on two cores.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/engine.js';
import { ResourceIndex } from '../../src/core/resource-index.js';
import type { AnyRule } from '../../src/core/rule.js';
import { loadInputs } from '../../src/loaders/index.js';
import type { Finding } from '../../src/model/finding.js';
import type { Problem } from '../../src/model/problem.js';
import type { RuleSummary } from '../../src/model/report.js';
import type { Resource, ResourceRef } from '../../src/model/resource.js';
import { resourceKey } from '../../src/model/resource.js';

/** Absolute path of src/rules/. */
export const RULES_DIR = fileURLToPath(new URL('../../src/rules/', import.meta.url));

export interface RuleScan {
  readonly resources: readonly Resource[];
  readonly findings: readonly Finding[];
  readonly summary: RuleSummary;
  /** Loader problems and rule errors together. */
  readonly problems: readonly Problem[];
}

/** Parses user options with the rule's own schema, as the config layer does. */
function parseOptions(rule: AnyRule, options: unknown): unknown {
  return rule.options === undefined ? undefined : rule.options.parse(options ?? {});
}

function evaluate(rule: AnyRule, resources: Resource[], loadProblems: readonly Problem[], options: unknown): RuleScan {
  const result = runRules([{ rule, options: parseOptions(rule, options) }], new ResourceIndex(resources));
  const summary = result.rules[0];
  if (summary === undefined) throw new Error(`engine returned no summary for ${rule.id}`);
  return { resources, findings: result.findings, summary, problems: [...loadProblems, ...result.problems] };
}

/** Loads files (or directories) with the real loader and runs the rule over them. */
export async function scanFiles(rule: AnyRule, files: readonly string[], options?: unknown): Promise<RuleScan> {
  const loaded = await loadInputs({ paths: files });
  return evaluate(rule, loaded.resources, loaded.problems, options);
}

/** Runs the rule over an inline multi-document YAML string (read as stdin, `-`). */
export async function scanYaml(rule: AnyRule, yaml: string, options?: unknown): Promise<RuleScan> {
  const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
  return evaluate(rule, loaded.resources, loaded.problems, options);
}

/** The findings about one object, by name (and kind, when names repeat). */
export function findingsFor(scan: RuleScan, name: string, kind?: string): readonly Finding[] {
  return scan.findings.filter((f) => f.resource.name === name && (kind === undefined || f.resource.kind === kind));
}

/** Absolute path of one fixture of a rule: fixture('host-port', 'fail/pod.yaml'). */
export function fixture(ruleId: string, relative: string): string {
  return path.join(RULES_DIR, ruleId, 'fixtures', relative);
}

/** Loads fixture files of the rule (paths relative to its fixtures folder) and runs it over them. */
export async function scanFixtures(rule: AnyRule, relatives: readonly string[], options?: unknown): Promise<RuleScan> {
  return scanFiles(rule, relatives.map((relative) => fixture(rule.id, relative)), options);
}

export interface FixtureFiles {
  readonly pass: readonly string[];
  readonly fail: readonly string[];
}

/** The YAML (and Dockerfile) fixtures of a rule folder, sorted; missing folders give empty lists. */
export function fixtureFiles(ruleId: string): FixtureFiles {
  const list = (outcome: 'pass' | 'fail'): string[] => {
    const dir = path.join(RULES_DIR, ruleId, 'fixtures', outcome);
    try {
      return readdirSync(dir)
        // Dockerfile rules take Dockerfiles as fixtures (one file, one object, named after the file).
        .filter((name) => /\.(ya?ml|Dockerfile)$/.test(name))
        .sort()
        .map((name) => path.join(dir, name));
    } catch {
      return [];
    }
  };
  return { pass: list('pass'), fail: list('fail') };
}

function keyOf(file: string, ref: ResourceRef): string {
  return `${path.resolve(file)}\u0000${resourceKey(ref)}`;
}

/**
 * Objects shaped wrongly in every way a parsed manifest can be: lists where maps belong, scalars
 * where lists belong, nulls inside lists, numbers for strings. Rules must treat them as absent
 * (or report them), never throw. Workload kinds plus every kind the rule targets.
 */
export function hostileObjects(rule: AnyRule): string {
  const workloads = `apiVersion: v1
kind: Pod
metadata: {name: hostile-pod, namespace: hostile}
spec:
  securityContext: [1, 2]
  containers:
    - null
    - 42
    - name: [x]
      image: 7
      securityContext: {capabilities: {add: [null, 5, {}], drop: "ALL"}, privileged: "true", runAsUser: "0", seccompProfile: [], windowsOptions: 3}
      env: [null, {name: 5, value: [1]}, {name: DB_PASSWORD, value: null}, "x"]
      ports: [null, {hostPort: "80"}, 8080]
      resources: {limits: [1], requests: "1Gi"}
      volumeMounts: "x"
      livenessProbe: "yes"
  initContainers: {a: 1}
  ephemeralContainers: "debug"
  volumes: [null, {hostPath: "/etc"}, {name: 3, hostPath: {path: 42}}, {hostPath: {path: null}}]
  hostNetwork: "true"
  automountServiceAccountToken: "false"
  serviceAccountName: 12
  os: windows
  resources: [1]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: hostile-deployment}
spec:
  template: {spec: {containers: {name: app}, volumes: {}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: hostile-cronjob}
spec: {jobTemplate: {spec: {template: {spec: {containers: [{securityContext: null, env: null, image: ""}]}}}}}
---
apiVersion: v1
kind: LimitRange
metadata: {name: hostile-limits, namespace: hostile}
spec: {limits: [null, {type: Container, default: [1], max: "x"}]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: hostile}
automountServiceAccountToken: [true]
`;
  const kinds = rule.target === 'workload' ? [] : rule.target.kinds;
  const others = kinds.map(
    (kind, i) => `---
apiVersion: v1
kind: ${kind}
metadata: {name: hostile-${i}, namespace: hostile, labels: [1], annotations: "x"}
spec: [null, 1, "x"]
rules: [null, 1, {verbs: "get", resources: [null, 3], apiGroups: {}}]
subjects: [null, {kind: 5}]
roleRef: "cluster-admin"
data: [1, 2]
webhooks: {x: 1}
`,
  );
  return [workloads, ...others].join('\n');
}

export interface FixtureOptions {
  /** Rule options (before parsing) used for every fixture. */
  readonly options?: unknown;
}

/**
 * Generates the fixture cases of a rule: one test per fixture file, plus one that the loader read
 * every fixture cleanly and the rule never threw.
 */
export function describeRuleFixtures(rule: AnyRule, fixtureOptions: FixtureOptions = {}): void {
  const files = fixtureFiles(rule.id);
  describe(`${rule.id} fixtures`, () => {
    let scan: RuleScan | undefined;
    const byObject = new Map<string, Finding[]>();

    beforeAll(async () => {
      scan = await scanFiles(rule, [...files.pass, ...files.fail], fixtureOptions.options);
      for (const finding of scan.findings) {
        const key = keyOf(finding.location.file, finding.resource);
        byObject.set(key, [...(byObject.get(key) ?? []), finding]);
      }
    });

    const objectsOf = (file: string): readonly Resource[] => {
      if (scan === undefined) throw new Error('fixtures were not loaded');
      const wanted = path.resolve(file);
      return scan.resources.filter((r) => path.resolve(r.source.file) === wanted);
    };
    const findingsOf = (resource: Resource): readonly Finding[] => byObject.get(keyOf(resource.source.file, resource)) ?? [];

    it('has fixtures for both outcomes', () => {
      expect(files.pass.length, `${rule.id}: no fixtures/pass/*.yaml`).toBeGreaterThan(0);
      expect(files.fail.length, `${rule.id}: no fixtures/fail/*.yaml`).toBeGreaterThan(0);
    });

    it('never throws on hostile objects', async () => {
      const hostile = await scanYaml(rule, hostileObjects(rule), fixtureOptions.options);
      expect(hostile.resources.length).toBeGreaterThan(0);
      expect(hostile.problems.filter((p) => p.code === 'rule-error').map((p) => p.message)).toEqual([]);
      expect(hostile.summary.counts.error).toBe(0);
    });

    it('loads every fixture cleanly and never errors', () => {
      const problems = (scan?.problems ?? []).filter((p) => p.level !== 'note');
      expect(problems.map((p) => `${p.code} ${p.file ?? ''}:${p.line ?? ''} ${p.message}`)).toEqual([]);
      expect(scan?.summary.counts.error).toBe(0);
    });

    for (const file of files.pass) {
      it(`pass/${path.basename(file)}: no object has a finding`, () => {
        const objects = objectsOf(file);
        expect(objects.length, 'the fixture holds no object').toBeGreaterThan(0);
        expect(objects.some((r) => r.name.startsWith('pass-')), 'a pass fixture needs at least one pass-* object').toBe(true);
        expect(objects.filter((r) => r.name.startsWith('fail-')).map((r) => resourceKey(r)), 'fail-* objects belong in fixtures/fail').toEqual([]);
        const flagged = objects.flatMap((r) => findingsOf(r).map((f) => `${resourceKey(r)}: ${f.message}`));
        expect(flagged).toEqual([]);
      });
    }

    for (const file of files.fail) {
      it(`fail/${path.basename(file)}: every fail-* object has a finding, every pass-* none`, () => {
        const objects = objectsOf(file);
        const failing = objects.filter((r) => r.name.startsWith('fail-'));
        expect(failing.length, 'a fail fixture needs at least one fail-* object').toBeGreaterThan(0);
        const missed = failing.filter((r) => findingsOf(r).length === 0).map((r) => resourceKey(r));
        expect(missed, 'fail-* objects without a finding').toEqual([]);
        const wrongly = objects
          .filter((r) => r.name.startsWith('pass-'))
          .flatMap((r) => findingsOf(r).map((f) => `${resourceKey(r)}: ${f.message}`));
        expect(wrongly, 'pass-* objects with a finding').toEqual([]);
      });
    }
  });
}
