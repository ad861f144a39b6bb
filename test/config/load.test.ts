import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig, loadConfig, MAX_CONFIG_BYTES, parseConfigText } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';

const fixtures = join(import.meta.dirname, '../fixtures/config');

describe('findConfig', () => {
  let top: string;
  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'palisade-config-'));
  });
  afterEach(() => {
    rmSync(top, { recursive: true, force: true });
  });

  const touch = (path: string, text = 'failOn: low\n'): string => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  it('finds the file in an ancestor of the first input file', () => {
    const repo = join(top, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const config = touch(join(repo, '.palisade.yaml'));
    const manifest = touch(join(repo, 'deploy/prod/app.yaml'), 'kind: Pod\n');
    expect(findConfig([manifest], top)).toBe(config);
    expect(findConfig(['deploy/prod'], repo)).toBe(config);
  });

  it('prefers the nearest file, and .yaml over .yml in the same directory', () => {
    const repo = join(top, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    touch(join(repo, '.palisade.yaml'));
    const nested = touch(join(repo, 'apps/.palisade.yml'));
    mkdirSync(join(repo, 'apps/web'), { recursive: true });
    expect(findConfig([join(repo, 'apps/web')], top)).toBe(nested);
    const both = touch(join(repo, 'apps/.palisade.yaml'));
    expect(findConfig([join(repo, 'apps/web')], top)).toBe(both);
  });

  it('checks the repository root and stops there', () => {
    touch(join(top, '.palisade.yaml'));
    const repo = join(top, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    // A worktree's .git is a file: it marks the root too.
    writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere\n');
    expect(findConfig([join(repo, 'src')], top)).toBeUndefined();
    const atRoot = touch(join(repo, '.palisade.yml'));
    expect(findConfig([join(repo, 'src')], top)).toBe(atRoot);
  });

  it('starts from the working directory for stdin, no inputs or a missing path', () => {
    const repo = join(top, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const config = touch(join(repo, '.palisade.yaml'));
    expect(findConfig(['-'], repo)).toBe(config);
    expect(findConfig([], repo)).toBe(config);
    expect(findConfig(['no/such/file.yaml'], repo)).toBe(config);
  });

  it('ignores a directory named like the file', () => {
    const repo = join(top, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, '.palisade.yaml'));
    expect(findConfig([repo], top)).toBeUndefined();
  });
});

describe('loadConfig', () => {
  it('returns the defaults and no problem without a file', () => {
    expect(loadConfig()).toMatchObject({ config: defaultConfig(), problems: [] });
  });

  it('reads a valid file', () => {
    const loaded = loadConfig(join(fixtures, 'full.palisade.yaml'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.failOn).toBe('medium');
    expect(loaded.raw).toHaveProperty('failOn', 'medium');
  });

  it('reports an explicit file that does not exist', () => {
    const loaded = loadConfig('/no/such/.palisade.yaml');
    expect(loaded.problems).toEqual([expect.objectContaining({ code: 'config-not-found', level: 'error', file: '/no/such/.palisade.yaml' })]);
    expect(loaded.config).toEqual(defaultConfig());
  });

  it('locates each unknown key and suggests the closest valid one', () => {
    const file = join(fixtures, 'typos.palisade.yaml');
    const { problems } = loadConfig(file);
    const brief = problems.map((p) => ({ line: p.line, column: p.column, message: p.message, hint: p.hint?.replace(/\?.*$/, '?') }));
    expect(brief).toEqual([
      { line: 1, column: 1, message: 'unknown key "failon"', hint: 'Did you mean "failOn"?' },
      { line: 3, column: 5, message: 'exceptions[0].reason is required', hint: 'See schemas/config.schema.json for the accepted keys.' },
      { line: 4, column: 5, message: 'unknown key "reasn" in exceptions[0]', hint: 'Did you mean "reason"?' },
      { line: 8, column: 5, message: 'unknown key "severty" in rules.host-pid', hint: 'Did you mean "severity"?' },
    ]);
    expect(problems.every((p) => p.code === 'config-invalid' && p.file === file && p.level === 'error')).toBe(true);
    expect(problems[0]?.hint).toBe('Did you mean "failOn"? Valid keys here: failOn, rules, disabledRules, exceptions, limits, helm, crownJewels, namespaces, attackPaths.');
  });

  it('locates invalid values at their keys', () => {
    const { problems, config } = loadConfig(join(fixtures, 'bad-values.palisade.yaml'));
    const where = problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(where).toEqual([
      '1:1 failOn: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"none"',
      '4:5 exceptions[0].reason: an exception needs a reason: say why the risk is accepted',
      '5:5 exceptions[0].expires: expected a date YYYY-MM-DD or a date-time such as 2026-03-31T18:00:00Z',
      '6:5 exceptions[1].rule: an exception needs `rule` (one id) or `rules` (a list)',
      '9:3 limits.maxFileBytes: Too small: expected number to be >0',
    ]);
    // An invalid file configures nothing: the defaults stand, and the problems are errors.
    expect(config).toEqual(defaultConfig());
  });

  it('reports YAML syntax errors with their position', () => {
    const { problems } = parseConfigText('failOn: high\nrules: [unclosed\n', 'x.yaml');
    expect(problems[0]).toMatchObject({ code: 'config-invalid', file: 'x.yaml', line: expect.any(Number) as number });
    expect(problems[0]?.message).toMatch(/^YAML syntax:/);
  });

  it('reports duplicate keys, a non-mapping top level and alias bombs without throwing', () => {
    expect(parseConfigText('failOn: high\nfailOn: low\n', 'x.yaml').problems[0]?.message).toMatch(/YAML syntax: .*unique/i);
    expect(parseConfigText('- a\n- b\n', 'x.yaml').problems[0]).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/must be a mapping/) as string });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd', 'e', 'f'].map((key, i) => `${key}: &${key} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(parseConfigText(bomb, 'x.yaml').problems[0]?.message).toMatch(/^YAML aliases:/);
  });

  it('reports at most 50 problems for a garbled file, then a count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-config-'));
    try {
      const file = join(dir, '.palisade.yaml');
      writeFileSync(file, Array.from({ length: 200 }, (_, i) => `key${i}: 1`).join('\n'));
      const { problems } = loadConfig(file);
      expect(problems).toHaveLength(51);
      expect(problems[50]?.message).toBe('150 more problem(s) not shown');
      expect(problems[49]).toMatchObject({ line: 50, message: 'unknown key "key49"' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never throws on garbage: every outcome is a configuration or located problems', () => {
    // A seeded generator: the same soup of YAML tokens on every run.
    let seed = 20261128;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const tokens = ['failOn', 'rules', 'exceptions', ':', ' ', '\n', '  ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '"', "'", '#', 'high', '2026-02-30', '~', '? ', '|', '>', '%YAML 1.1\n', '---\n', 'reason', 'rule', '\t', '\u0000'];
    const dir = mkdtempSync(join(tmpdir(), 'palisade-config-'));
    try {
      const file = join(dir, '.palisade.yaml');
      for (let round = 0; round < 300; round++) {
        const text = Array.from({ length: 1 + random(40) }, () => tokens[random(tokens.length)] ?? '').join('');
        writeFileSync(file, text);
        const loaded = loadConfig(file);
        expect(loaded.config.failOn, text).toMatch(/^(critical|high|medium|low|none)$/);
        for (const p of loaded.problems) expect(p, text).toMatchObject({ code: 'config-invalid', file });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports nesting deep enough to exhaust the parser as a problem', () => {
    const deep = `rules:\n  a:\n    options:\n      x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const { problems, raw } = parseConfigText(deep, 'x.yaml');
    expect(raw).toBeUndefined();
    expect(problems[0]?.code).toBe('config-invalid');
  });

  it('treats an empty file as no settings', () => {
    expect(parseConfigText('# nothing yet\n', 'x.yaml')).toMatchObject({ raw: {}, problems: [] });
  });

  it('refuses a file over the size limit before parsing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-config-'));
    try {
      const file = join(dir, '.palisade.yaml');
      writeFileSync(file, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
      expect(loadConfig(file).problems).toEqual([expect.objectContaining({ code: 'config-invalid', message: expect.stringMatching(/the limit is/) as string })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
