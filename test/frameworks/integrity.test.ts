/**
 * The frameworks are data; these tests keep the data honest: every control id unique, every rule it
 * names registered, every manual control explained, the documents' control lists complete, and the
 * PSS message patterns matching exactly the reasons PodSecurity admission gives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, findFramework, frameworkRuleIds, isManual, type Framework } from '../../src/frameworks/index.js';
import { CONTAINER_TECHNIQUES, ENTERPRISE_TECHNIQUES, mitreFramework } from '../../src/frameworks/mitre-attack-containers.js';
import { threatModelFramework } from '../../src/frameworks/threat-model.js';
import { evaluatePodSecurity, forbiddenDetail } from '../../src/lib/pss/index.js';
import type { ObjectMeta, PodSpec } from '../../src/model/k8s.js';
import { THREAT_IDS } from '../../src/model/threats.js';
import { RULES } from '../../src/rules/index.js';

const RULE_IDS = new Set(RULES.map((r) => r.id));

function framework(id: string): Framework {
  const found = findFramework(id);
  if (found === undefined) throw new Error(`no framework ${id}`);
  return found;
}

describe('framework registry', () => {
  it('is sorted by id, with unique kebab-case ids', () => {
    const ids = FRAMEWORKS.map((f) => f.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  describe.each(FRAMEWORKS.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    it('has a title, a version, a URL and at least one control', () => {
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.version.length).toBeGreaterThan(0);
      expect(f.url.length).toBeGreaterThan(0);
      expect(f.controls.length).toBeGreaterThan(0);
    });

    it('lists each control once, titled', () => {
      const ids = f.controls.map((c) => c.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      for (const c of f.controls) expect(c.title.trim().length, c.id).toBeGreaterThan(0);
    });

    it('names only registered rules, and explains every manual control', () => {
      const unknown = f.controls.flatMap((c) => (isManual(c) ? [] : c.checks.map((check) => check.rule).filter((r) => !RULE_IDS.has(r)).map((r) => `${c.id}: ${r}`)));
      expect(unknown).toEqual([]);
      for (const c of f.controls) {
        if (isManual(c)) expect(c.manual.trim().length, c.id).toBeGreaterThan(10);
        else expect(c.checks.length, c.id).toBeGreaterThan(0);
      }
    });
  });

  it('puts every rule in at least one framework, and reports the rules no document framework names', () => {
    const covered = new Set(FRAMEWORKS.flatMap(frameworkRuleIds));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
    const documents = new Set(FRAMEWORKS.filter((f) => !['mitre-attack-containers', 'threat-model'].includes(f.id)).flatMap(frameworkRuleIds));
    const uncovered = RULES.map((r) => r.id).filter((id) => !documents.has(id));
    if (uncovered.length > 0) console.log(`rules no CIS/NSA/NIST/PSS control names yet: ${uncovered.join(', ')}`);
  });
});

describe('CIS Kubernetes Benchmark v1.10', () => {
  const cis = framework('cis-kubernetes');
  const ids = cis.controls.map((c) => c.id);
  const section = (prefix: string): string[] => ids.filter((id) => id.startsWith(prefix));
  const numbered = (prefix: string, last: number): string[] => Array.from({ length: last }, (_, i) => `${prefix}${i + 1}`);

  it('lists every recommendation of sections 1 to 5 in order', () => {
    expect(section('1.1.')).toEqual(numbered('1.1.', 21));
    expect(section('1.2.')).toEqual(numbered('1.2.', 29));
    expect(section('1.3.')).toEqual(numbered('1.3.', 7));
    expect(section('1.4.')).toEqual(numbered('1.4.', 2));
    expect(ids.filter((id) => /^2\.\d+$/.test(id))).toEqual(numbered('2.', 7));
    expect(section('3.')).toEqual(['3.1.1', '3.1.2', '3.1.3', '3.2.1', '3.2.2']);
    expect(section('4.1.')).toEqual(numbered('4.1.', 10));
    expect(section('4.2.')).toEqual(numbered('4.2.', 13));
    expect(section('4.3.')).toEqual(['4.3.1']);
    expect(section('5.1.')).toEqual(numbered('5.1.', 13));
    expect(section('5.2.')).toEqual(numbered('5.2.', 13));
    expect(section('5.3.')).toEqual(numbered('5.3.', 2));
    expect(section('5.4.')).toEqual(numbered('5.4.', 2));
    expect(section('5.5.')).toEqual(['5.5.1']);
    expect(section('5.7.')).toEqual(numbered('5.7.', 4));
    expect(ids).toHaveLength(21 + 29 + 7 + 2 + 7 + 5 + 10 + 13 + 1 + 13 + 13 + 2 + 2 + 1 + 4);
  });

  it('ends every title with the benchmark\'s assessment status, Manual exactly where v1.10.0 says so', () => {
    // The benchmark's Manual recommendations (not scored by CIS); every other one is Automated.
    const manualInBenchmark = [
      '1.1.9', '1.1.10', '1.1.20', '1.1.21',
      '1.2.1', '1.2.3', '1.2.9', '1.2.11', '1.2.20', '1.2.27', '1.2.28', '1.2.29', '1.3.1', '2.7',
      '3.1.1', '3.1.2', '3.1.3', '3.2.1', '3.2.2',
      '4.1.3', '4.1.4', '4.1.7', '4.1.8', '4.2.4', '4.2.5', '4.2.7', '4.2.8', '4.2.9', '4.2.11', '4.2.12', '4.2.13',
      ...numbered('5.1.', 13).slice(6), ...numbered('5.2.', 13), '5.3.1', '5.3.2', '5.4.1', '5.4.2', '5.5.1', ...numbered('5.7.', 4),
    ];
    const status = (title: string): string | undefined => /\((Automated|Manual)\)$/.exec(title)?.[1];
    expect(cis.controls.filter((c) => status(c.title) === undefined).map((c) => c.id)).toEqual([]);
    expect(cis.controls.filter((c) => status(c.title) === 'Manual').map((c) => c.id)).toEqual(manualInBenchmark);
  });

  it('automates section 5 wherever the objects answer it', () => {
    const automated = cis.controls.filter((c) => c.id.startsWith('5.') && !isManual(c)).map((c) => c.id);
    // kube-bench leaves 5.1.7-5.1.13 and most of 5.2 to manual review; the objects answer them.
    for (const id of ['5.1.8', '5.1.10', '5.1.11', '5.1.12', '5.1.13', '5.2.7', '5.2.8', '5.2.10', '5.2.11', '5.2.12', '5.2.13', '5.3.2', '5.4.1', '5.7.2', '5.7.3', '5.7.4']) {
      expect(automated).toContain(id);
    }
  });
});

describe('NIST SP 800-190', () => {
  it('lists every countermeasure of section 4: one per risk of 4.1 to 4.5, then the hardware countermeasures of 4.6', () => {
    const numbered = (prefix: string, last: number): string[] => Array.from({ length: last }, (_, i) => `${prefix}${i + 1}`);
    const expected = [...numbered('4.1.', 5), ...numbered('4.2.', 3), ...numbered('4.3.', 5), ...numbered('4.4.', 5), ...numbered('4.5.', 5), '4.6'];
    expect(framework('nist-800-190').controls.map((c) => c.id)).toEqual(expected);
  });
});

describe('MITRE ATT&CK for Containers', () => {
  it('has a control for every technique a rule names, each titled', () => {
    const named = new Set(RULES.flatMap((r) => r.mitre));
    const controls = new Set(framework('mitre-attack-containers').controls.map((c) => c.id));
    expect([...named].filter((t) => !controls.has(t))).toEqual([]);
    for (const t of named) expect(CONTAINER_TECHNIQUES[t] ?? ENTERPRISE_TECHNIQUES[t], t).toBeDefined();
  });

  it('names the techniques as current ATT&CK does, with the container techniques added since v15', () => {
    expect(framework('mitre-attack-containers').version).toBe('v18');
    expect(CONTAINER_TECHNIQUES).toMatchObject({
      'T1036.005': 'Masquerading: Match Legitimate Resource Name or Location',
      'T1059.013': 'Command and Scripting Interpreter: Container CLI/API',
      'T1496.001': 'Resource Hijacking: Compute Hijacking',
      'T1496.002': 'Resource Hijacking: Bandwidth Hijacking',
      'T1543.005': 'Create or Modify System Process: Container Service',
    });
  });

  it('lists the parent of every sub-technique of the matrix, as the matrix shows it', () => {
    const subs = Object.keys(CONTAINER_TECHNIQUES).filter((id) => id.includes('.'));
    // "Parent: Sub" is how ATT&CK titles a sub-technique, so each title also names its parent's.
    const orphans = subs.filter((id) => {
      const parent = CONTAINER_TECHNIQUES[id.split('.')[0] ?? ''];
      return parent === undefined || CONTAINER_TECHNIQUES[id]?.startsWith(`${parent}: `) !== true;
    });
    expect(orphans).toEqual([]);
  });

  it('counts a rule naming a sub-technique towards its parent, and leaves unaddressed techniques manual', () => {
    const meta = { title: 't', severity: 'low', threats: [], remediation: 'r', references: [] } as const;
    const derived = mitreFramework([{ ...meta, id: 'sub', mitre: ['T1552.007'] }]);
    const byId = new Map(derived.controls.map((c) => [c.id, c]));
    const parent = byId.get('T1552');
    const sub = byId.get('T1552.001');
    expect(parent !== undefined && !isManual(parent) && parent.checks.map((c) => c.rule)).toEqual(['sub']);
    expect(sub !== undefined && isManual(sub)).toBe(true);
  });
});

describe('threat model', () => {
  it('has rules behind every threat and consideration of THREATS.md', () => {
    const threats = framework('threat-model');
    expect(threats.controls.map((c) => c.id)).toEqual([...THREAT_IDS]);
    expect(threats.controls.filter(isManual).map((c) => c.id)).toEqual([]);
  });

  it('is derived from rule metadata', () => {
    const meta = { title: 't', severity: 'low', mitre: ['T1611'], remediation: 'r', references: [] } as const;
    const derived = threatModelFramework([{ ...meta, id: 'b-rule', threats: ['supply-chain'] }, { ...meta, id: 'a-rule', threats: ['supply-chain', 'host-compromise'] }]);
    const supply = derived.controls.find((c) => c.id === 'supply-chain');
    expect(supply !== undefined && !isManual(supply) && supply.checks.map((c) => c.rule)).toEqual(['a-rule', 'b-rule']);
    expect(derived.controls.find((c) => c.id === 'incident-response')).toMatchObject({ manual: expect.any(String) as string });
  });
});

describe('Pod Security Standards frameworks', () => {
  const SUITE = fileURLToPath(new URL('../../../shared/testdata/k8s/pod-security-admission/', import.meta.url));
  const LOCAL = fileURLToPath(new URL('./fixtures/pss/', import.meta.url));

  /** Each violation PodSecurity reports must fall under exactly one control of the level (two Seccomp controls aside). */
  function unmatched(level: 'baseline' | 'restricted', files: readonly string[]): string[] {
    const controls = framework(`pss-${level}`).controls;
    const problems: string[] = [];
    let judged = 0;
    for (const file of files) {
      const pod = parse(readFileSync(file, 'utf8')) as { metadata?: ObjectMeta; spec?: PodSpec };
      for (const result of evaluatePodSecurity(level, 'latest', pod.metadata ?? {}, pod.spec ?? {})) {
        judged++;
        const message = forbiddenDetail([result]);
        const hits = controls.filter((c) => !isManual(c) && c.checks.some((check) => check.message?.test(message) === true));
        const titles = new Set(hits.map((c) => c.title));
        if (titles.size !== 1 || !titles.has(result.control)) problems.push(`${file}: "${message}" (${result.control}) matched ${hits.map((c) => c.id).join(', ') || 'nothing'}`);
      }
    }
    if (judged === 0) problems.push('no violation judged: the fixtures lost their meaning');
    return problems;
  }

  it('matches each denial reason to its own control (local fixtures)', () => {
    const files = readdirSync(LOCAL).map((f) => path.join(LOCAL, f));
    expect(files.length).toBeGreaterThan(0);
    expect(unmatched('restricted', files)).toEqual([]);
    expect(unmatched('baseline', files)).toEqual([]);
    // The local pod fails 13 distinct checks at the restricted level.
    const reasons = new Set(files.flatMap((file) => {
      const pod = parse(readFileSync(file, 'utf8')) as { metadata?: ObjectMeta; spec?: PodSpec };
      return evaluatePodSecurity('restricted', 'latest', pod.metadata ?? {}, pod.spec ?? {}).map((r) => r.id);
    }));
    expect(reasons.size).toBeGreaterThanOrEqual(13);
  });

  it.runIf(existsSync(SUITE))('matches each denial reason of every upstream fail fixture to its control', () => {
    for (const level of ['baseline', 'restricted'] as const) {
      const latest = readdirSync(path.join(SUITE, level)).filter((v) => v.startsWith('v1.')).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))).at(-1) ?? '';
      const dir = path.join(SUITE, level, latest, 'fail');
      expect(unmatched(level, readdirSync(dir).map((f) => path.join(dir, f)))).toEqual([]);
    }
  });
});
