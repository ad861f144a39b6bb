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

  it('orders statements by the instant they were made, whatever their UTC offset', () => {
    const statement = (status: string, timestamp: string) => ({ vulnerability: { name: 'CVE-2023-45857' }, products: [{ '@id': 'pkg:npm/axios' }], status, timestamp });
    // 10:00 in Berlin (09:00Z) comes before 09:30Z, although it sorts after it as text.
    const revoked = parseVex({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [statement('not_affected', '2026-03-01T10:00:00+01:00'), statement('affected', '2026-03-01T09:30:00Z')] }, 'x');
    expect(applyVex([axios], revoked.statements)[0]?.suppression).toBeUndefined();
    const suppressed = parseVex({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [statement('affected', '2026-03-01T10:00:00+01:00'), statement('not_affected', '2026-03-01T09:30:00Z')] }, 'x');
    expect(applyVex([axios], suppressed.statements)[0]?.suppression?.reason).toBe('not_affected');
  });

  it('reads v0.0.x documents, whose products and subcomponents are purl strings', () => {
    // As vexctl wrote them before OpenVEX 0.2 (and as many published Wolfi documents still are).
    const legacy = parseVex({
      '@context': 'https://openvex.dev/ns',
      timestamp: '2023-01-09T21:23:03Z',
      statements: [
        { vulnerability: 'CVE-2021-23337', products: ['pkg:oci/app@sha256%3Aabc'], subcomponents: ['pkg:npm/lodash@4.17.20'], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
        { vulnerability: 'CVE-2023-45857', products: ['pkg:npm/axios@1.5.0'], status: 'fixed' },
      ],
    }, 'legacy.vex.json');
    expect([legacy.statements.length, legacy.invalid]).toEqual([2, 0]);
    const [l, a] = applyVex([lodash, axios], legacy.statements);
    expect(l?.suppression?.reason).toBe('not_affected: vulnerable_code_not_in_execute_path');
    // The second names another axios version.
    expect(a?.suppression).toBeUndefined();
  });

  it('speaks only about the images it names by digest, when the scanned image is known', () => {
    const about = (product: string) => parseVex({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [{ vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': product }], status: 'not_affected', justification: 'vulnerable_code_not_present' }],
    }, 'x').statements;
    const appA = about('pkg:oci/app-a@sha256%3A' + 'a'.repeat(64) + '?repository_url=ghcr.io/org/app-a');
    const suppressedIn = (statements: ReturnType<typeof about>, digest: string): boolean => applyVex([lodash], statements, { digests: [digest] })[0]?.suppression !== undefined;
    expect(suppressedIn(appA, `sha256:${'a'.repeat(64)}`)).toBe(true);
    // Scanning app-b with the same document: the statement about app-a says nothing about it.
    expect(suppressedIn(appA, `sha256:${'b'.repeat(64)}`)).toBe(false);
    // Without a digest the product may be any image; without a known artifact, nothing is scoped.
    expect(suppressedIn(about('pkg:oci/app-a?tag=1.0'), `sha256:${'b'.repeat(64)}`)).toBe(true);
    expect(applyVex([lodash], appA)[0]?.suppression).toBeDefined();
  });

  it('meets packages whatever the case another tool spelled their purls in', () => {
    // Trivy lower-cases npm and Go names in purls; PyPI names are equal per PEP 503.
    const jsonstream = match('CVE-2099-1', [], 'pkg:npm/JSONStream@1.3.5');
    const ntlm = match('CVE-2099-2', [], 'pkg:golang/github.com/Azure/go-ntlmssp@v0.0.0-20221128193559-754e69321358');
    const typing = match('CVE-2099-3', [], 'pkg:pypi/typing_extensions@4.7.1');
    const statement = (name: string, purl: string) => ({ vulnerability: { name }, products: [{ '@id': purl }], status: 'not_affected', justification: 'vulnerable_code_not_present' });
    const vex = parseVex({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [
        statement('CVE-2099-1', 'pkg:npm/jsonstream@1.3.5'),
        statement('CVE-2099-2', 'pkg:golang/github.com/azure/go-ntlmssp@v0.0.0-20221128193559-754e69321358'),
        statement('CVE-2099-3', 'pkg:pypi/Typing-Extensions@4.7.1'),
      ],
    }, 'trivy.vex.json');
    expect(applyVex([jsonstream, ntlm, typing], vex.statements).map((m) => m.suppression !== undefined)).toEqual([true, true, true]);
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

  it('follows BOM-Links into the SBOM it accompanies, whose bom-refs are purls (Trivy, Syft)', () => {
    // A standalone VEX as Trivy documents it: no components, affects by BOM-Link.
    const serial = 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1';
    const vex = parseVex({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      vulnerabilities: [
        { id: 'CVE-2021-23337', analysis: { state: 'not_affected', justification: 'code_not_reachable' }, affects: [{ ref: `${serial}#pkg:npm/lodash@4.17.20` }] },
        // The fragment is percent-encoded by the BOM-Link specification.
        { id: 'CVE-2023-45857', analysis: { state: 'resolved' }, affects: [{ ref: `${serial}#${encodeURIComponent('pkg:npm/axios@1.5.1')}` }] },
      ],
    }, 'standalone.vex.json');
    const [l, a] = applyVex([lodash, axios], vex.statements);
    expect(l?.suppression?.reason).toBe('not_affected: code_not_reachable');
    expect(a?.suppression?.reason).toBe('fixed');
    // A link to a bom-ref that is not a purl names nothing this scan can recognise.
    const opaque = parseVex({ bomFormat: 'CycloneDX', specVersion: '1.5', vulnerabilities: [{ id: 'CVE-2021-23337', analysis: { state: 'not_affected' }, affects: [{ ref: `${serial}#component-17` }] }] }, 'x');
    expect(applyVex([lodash], opaque.statements)[0]?.suppression).toBeUndefined();
  });

  it('reads a document with a byte order mark, and locates a syntax error by line and column', () => {
    const dir = temp();
    const file = join(dir, 'powershell.vex.json');
    const doc = { '@context': 'https://openvex.dev/ns/v0.2.0', statements: [{ vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': 'pkg:npm/lodash' }], status: 'not_affected', justification: 'component_not_present' }] };
    writeFileSync(file, `\uFEFF${JSON.stringify(doc, null, 2)}`);
    expect(applyVex([lodash], loadVex(file).statements)[0]?.suppression).toBeDefined();
    writeFileSync(file, '{\n  "statements": [\n    { "status": not_affected }\n  ]\n}\n');
    const error = (() => {
      try {
        loadVex(file);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PalisadeError);
    expect((error as PalisadeError).problem).toMatchObject({ code: 'vex-invalid', file, line: 3, column: 17 });
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
