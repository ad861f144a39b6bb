/**
 * Conventions every rule must follow, checked rather than reviewed: id = folder = doc title,
 * fixtures for both outcomes, a test, threats from THREATS.md, MITRE ids, a one-sentence
 * remediation, references, and an explicit sorted registry that lists every rule folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { THREAT_IDS } from '../model/threats.js';
import { SEVERITIES } from '../model/severity.js';
import { RULES } from './index.js';

const RULES_DIR = path.dirname(fileURLToPath(import.meta.url));
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MITRE_PATTERN = /^T\d{4}(\.\d{3})?$/;

function yamlFiles(dir: string): string[] {
  // Dockerfile rules have Dockerfiles as fixtures.
  return existsSync(dir) ? readdirSync(dir).filter((name) => /\.(ya?ml|Dockerfile)$/.test(name)) : [];
}

describe('rule registry', () => {
  it('has unique ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('is sorted by id', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('registers every rule folder (folders starting with "_" hold shared code)', () => {
    const folders = readdirSync(RULES_DIR).filter((name) => !name.startsWith('_') && statSync(path.join(RULES_DIR, name)).isDirectory());
    const registered = new Set(RULES.map((r) => r.id));
    expect(folders.filter((f) => !registered.has(f)).sort()).toEqual([]);
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const folder = path.join(RULES_DIR, id);

  it('has a kebab-case id that names its folder, whose rule.ts exports this rule', async () => {
    expect(id).toMatch(ID_PATTERN);
    const module = (await import(/* @vite-ignore */ pathToFileURL(path.join(folder, 'rule.ts')).href)) as { rule?: unknown };
    expect(module.rule).toBe(rule);
  });

  it('has a doc starting with "# <id>", a test and fixtures for both outcomes', () => {
    const doc = path.join(folder, 'doc.md');
    expect(existsSync(doc), `${id}/doc.md`).toBe(true);
    expect(readFileSync(doc, 'utf8').split('\n')[0]).toBe(`# ${id}`);
    expect(existsSync(path.join(folder, 'rule.test.ts')), `${id}/rule.test.ts`).toBe(true);
    expect(yamlFiles(path.join(folder, 'fixtures', 'pass')).length, `${id}/fixtures/pass`).toBeGreaterThan(0);
    expect(yamlFiles(path.join(folder, 'fixtures', 'fail')).length, `${id}/fixtures/fail`).toBeGreaterThan(0);
  });

  it('has a doc with the four sections in order and a YAML fix', () => {
    const doc = readFileSync(path.join(folder, 'doc.md'), 'utf8');
    const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const required = ['What it checks', 'Why it matters', 'How to fix', 'References'];
    const positions = required.map((heading) => headings.indexOf(heading));
    expect(positions.filter((p) => p === -1), `${id}/doc.md sections: ${headings.join(', ')}`).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const fix = doc.slice(doc.indexOf('## How to fix')).split(/^## /m)[1] ?? '';
    // A Dockerfile rule's fix is a Dockerfile snippet.
    expect(fix, `${id}/doc.md: "How to fix" needs a \`\`\`yaml (or \`\`\`dockerfile) snippet`).toMatch(/```(yaml|dockerfile)/);
  });

  it('has complete metadata', () => {
    expect(rule.title.trim()).not.toBe('');
    expect(SEVERITIES).toContain(rule.severity);
    expect(rule.threats.length).toBeGreaterThan(0);
    for (const threat of rule.threats) expect(THREAT_IDS).toContain(threat);
    expect(rule.mitre.length).toBeGreaterThan(0);
    for (const technique of rule.mitre) expect(technique).toMatch(MITRE_PATTERN);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const reference of rule.references) expect(() => new URL(reference)).not.toThrow();
  });

  it('has a one-sentence imperative remediation', () => {
    const text = rule.remediation;
    expect(text).toMatch(/^[A-Z]/);
    expect(text).toMatch(/\.$/);
    // A sentence boundary is a stop followed by a space; dots inside names (docker.io) are fine.
    expect(text.slice(0, -1)).not.toMatch(/[.!?]\s/);
  });
});
