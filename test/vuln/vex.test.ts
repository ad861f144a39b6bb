import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PalisadeError } from '../../src/core/errors.js';
import { applyVex, loadVex, parseVex, type VulnerabilityMatch } from '../../src/vuln/index.js';
import { tempDirs } from './support/osv.js';

const temp = tempDirs();

function match(id: string, aliases: string[], purl: string): VulnerabilityMatch {
  const [, rest = ''] = purl.split('/', 2);
  return {
    id,
    aliases,
    related: [],
    summary: '',
    package: { ecosystem: 'npm', name: rest.split('@')[0] ?? '', version: purl.split('@').pop() ?? '', purl },
    severity: 'high',
    severitySource: { kind: 'none' },
    cvss: [],
    fix: { state: 'unfixed' },
    evidence: [],
  };
}

const lodash = match('CVE-2021-23337', ['GHSA-35jh-r3h4-6jhm'], 'pkg:npm/lodash@4.17.20');
const axios = match('CVE-2023-45857', ['GHSA-wf5p-g6vw-rhxx'], 'pkg:npm/axios@1.5.1');

describe('OpenVEX', () => {
  const doc = {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/1',
    author: 'Example Security',
    timestamp: '2026-01-01T00:00:00Z',
    version: 1,
    statements: [
      {
        vulnerability: { name: 'GHSA-35jh-r3h4-6jhm' },
        products: [{ '@id': 'pkg:oci/app@sha256%3Aabc', subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.20' }] }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impact_statement: 'template() is never called',
      },
      { vulnerability: { name: 'CVE-2023-45857' }, products: [{ '@id': 'pkg:npm/axios' }], status: 'not_affected', justification: 'component_not_present', timestamp: '2026-01-02T00:00:00Z' },
      { vulnerability: { name: 'CVE-2023-45857' }, products: [{ '@id': 'pkg:npm/axios' }], status: 'affected', timestamp: '2026-02-01T00:00:00Z' },
      { vulnerability: { name: 'CVE-1' }, status: 'bogus' },
    ],
  };

  it('suppresses with the justification; a later "affected" statement revokes an earlier one', () => {
    const parsed = parseVex(doc, 'app.vex.json');
    expect([parsed.format, parsed.statements.length, parsed.invalid]).toEqual(['openvex', 3, 1]);
    const [l, a] = applyVex([lodash, axios], parsed.statements);
    expect(l?.suppression).toEqual({ kind: 'vex', reason: 'not_affected: vulnerable_code_not_in_execute_path: template() is never called', source: 'app.vex.json' });
    expect(a?.suppression).toBeUndefined();
  });

  it('applies only to the named package version', () => {
    const other = match('CVE-2021-23337', ['GHSA-35jh-r3h4-6jhm'], 'pkg:npm/lodash@4.17.19');
    expect(applyVex([other], parseVex(doc, 'x').statements)[0]?.suppression).toBeUndefined();
  });
});

describe('CycloneDX VEX', () => {
  it('resolves affects refs through bom-refs and maps analysis states', () => {
    const dir = temp();
    const file = join(dir, 'bom.vex.json');
    writeFileSync(
      file,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        components: [{ 'bom-ref': 'lodash-ref', type: 'library', name: 'lodash', purl: 'pkg:npm/lodash@4.17.20' }],
        vulnerabilities: [
          { id: 'CVE-2021-23337', analysis: { state: 'false_positive', detail: 'not reachable' }, affects: [{ ref: 'lodash-ref' }] },
          { id: 'GHSA-wf5p-g6vw-rhxx', analysis: { state: 'in_triage' }, affects: [{ ref: 'pkg:npm/axios@1.5.1' }] },
        ],
      }),
    );
    const vex = loadVex(file);
    expect(vex.format).toBe('cyclonedx');
    const [l, a] = applyVex([lodash, axios], vex.statements);
    expect(l?.suppression).toEqual({ kind: 'vex', reason: 'not_affected: not reachable', source: file });
    expect(a?.suppression).toBeUndefined();
  });

  it('rejects documents of another kind with a located problem', () => {
    const dir = temp();
    const file = join(dir, 'x.json');
    writeFileSync(file, '{"hello": 1}');
    expect(() => loadVex(file)).toThrow(PalisadeError);
    writeFileSync(file, '{oops');
    expect(() => loadVex(file)).toThrow(/not JSON/);
    // A file named as VEX by mistake may be anything: its content is never quoted back.
    writeFileSync(file, 'root:$y$j9T$secrethash:19000:0:99999:7:::');
    expect(() => loadVex(file)).toThrow(/not JSON: Unexpected token 'r' is not valid JSON$/);
  });
});
