/**
 * A fixed Report of one image scan, for the writers' golden files: vulnerabilities (fixed,
 * fixed-after, unfixed, unrated, one VEX-suppressed, one matched through its source package),
 * a secret deleted by a later layer, and the image summary. Built with the same functions the
 * scan uses, from fixed matches, so the goldens follow the real finding shape.
 */
import type { Finding } from '../../src/model/finding.js';
import type { ImageSecret } from '../../src/model/package.js';
import type { Report } from '../../src/model/report.js';
import { REPORT_SCHEMA_VERSION } from '../../src/model/report.js';
import type { ResourceRef } from '../../src/model/resource.js';
import { compareFindings, countBySeverity } from '../../src/sdk/gate.js';
import { secretFinding } from '../../src/sdk/image-scan-findings.js';
import { vulnerabilityFinding } from '../../src/vuln/findings.js';
import type { VulnerabilityMatch } from '../../src/vuln/index.js';

const IMAGE: ResourceRef = { apiVersion: 'palisade.dev/v1', kind: 'Image', name: 'registry.example/shop/web:2.4.1' };
const LAYER = 'sha256:3b1f0c8e2a9d4f6b7c5e1a0d9f8e7c6b5a4d3c2b1a0f9e8d7c6b5a4d3c2b1a0f';
const NPM = '/srv/app/node_modules';

function match(partial: Omit<VulnerabilityMatch, 'related' | 'evidence' | 'severitySource' | 'cvss'> & Partial<VulnerabilityMatch> & { range: string; source?: string }): VulnerabilityMatch {
  const { range, source = 'osv-npm', ...rest } = partial;
  return {
    related: [], cvss: [], severitySource: { kind: 'none' },
    evidence: [{ advisory: rest.aliases.find((a) => a.startsWith('GHSA-')) ?? rest.id, record: rest.id, source, by: 'package', name: rest.package.name, version: rest.package.version, platform: '', rangeType: 'SEMVER', range, fix: rest.fix }],
    ...rest,
  };
}

const MATCHES: VulnerabilityMatch[] = [
  match({
    id: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'], summary: 'Command Injection in lodash', severity: 'high', range: '< 4.17.21',
    package: { ecosystem: 'npm', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', file: `${NPM}/lodash/package.json`, layer: LAYER },
    fix: { state: 'fixed', version: '4.17.21' },
    cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', baseScore: 7.2, severity: 'high' }],
    severitySource: { kind: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', baseScore: 7.2 },
  }),
  match({
    id: 'CVE-2022-46175', aliases: ['GHSA-9c47-m6qq-7p4h'], summary: 'JSON5 prototype pollution', severity: 'high', range: '>= 1.0.0, < 1.0.2',
    package: { ecosystem: 'npm', name: 'json5', version: '1.0.1', purl: 'pkg:npm/json5@1.0.1', file: `${NPM}/json5/package.json`, layer: LAYER },
    fix: { state: 'fixed', version: '1.0.2' },
    cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:H', baseScore: 7.1, severity: 'high' }],
    severitySource: { kind: 'vendor', by: 'GHSA', rating: 'HIGH' },
    suppression: { kind: 'vex', reason: 'not_affected: vulnerable_code_not_in_execute_path', source: 'vex/web.openvex.json' },
  }),
  match({
    id: 'CVE-2023-5678', aliases: ['DEBIAN-CVE-2023-5678'], summary: 'openssl: excessive time in DH key checks', severity: 'medium', range: '< 3.0.11-1~deb12u2', source: 'debian-tracker',
    package: { ecosystem: 'deb', name: 'libssl3', version: '3.0.11-1~deb12u1', purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12', file: '/var/lib/dpkg/status', layer: LAYER },
    fix: { state: 'fixed', version: '3.0.11-1~deb12u2' },
    cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', baseScore: 5.3, severity: 'medium' }],
    severitySource: { kind: 'vendor', by: 'debian', rating: 'medium' },
  }),
  match({
    id: 'GHSA-xvch-5gv4-984h', aliases: [], summary: 'Prototype Pollution in minimist', severity: 'low', range: '<= 1.2.5',
    package: { ecosystem: 'npm', name: 'minimist', version: '1.2.5', purl: 'pkg:npm/minimist@1.2.5', file: `${NPM}/minimist/package.json`, layer: LAYER },
    fix: { state: 'fixed-after', lastAffected: '1.2.5' },
  }),
  match({
    id: 'GHSA-aaaa-bbbb-cccc', aliases: [], summary: '', severity: 'unknown', range: 'listed version 0.3.0',
    package: { ecosystem: 'npm', name: 'tiny-\u001b[31mred', version: '0.3.0', purl: 'pkg:npm/tiny-%1B%5B31mred@0.3.0', file: `${NPM}/tiny-red/package.json`, layer: LAYER },
    fix: { state: 'unfixed' },
  }),
];

const SECRET: ImageSecret = {
  rule: 'aws-access-key-id', title: 'AWS access key id', severity: 'critical', place: 'file', path: '/srv/app/.env', line: 2, layer: LAYER, deleted: true, redacted: 'AKIA… (20 characters)',
};

const FINDINGS: Finding[] = [...MATCHES.map((m) => vulnerabilityFinding(m, IMAGE)), secretFinding(SECRET, IMAGE)].sort(compareFindings);

export const IMAGE_REPORT: Report = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: { name: 'palisade', version: '0.1.0' },
  generatedAt: '2026-11-28T12:00:00.000Z',
  inputs: ['oci-archive:web.tar'],
  summary: {
    resources: 1,
    inputs: 1,
    findings: FINDINGS.filter((f) => !f.suppressed).length,
    suppressed: FINDINGS.filter((f) => f.suppressed).length,
    bySeverity: countBySeverity(FINDINGS),
    errors: 0,
    failOn: 'high',
    failed: true,
  },
  findings: FINDINGS,
  errors: [],
  notes: [
    { code: 'version-invalid', level: 'note', message: 'left-pad 1.x is not a valid npm version', file: '/srv/app/node_modules/left-pad/package.json', hint: 'The version could not be parsed in its ecosystem, so it was not matched.' },
  ],
  rules: [],
  exceptions: [],
  images: [{
    target: 'oci-archive:web.tar', reference: IMAGE.name, digest: 'sha256:0f7e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100', platform: 'linux/amd64',
    os: 'Debian GNU/Linux 12 (bookworm)', layers: 3, packages: 214, packagesByEcosystem: { deb: 96, npm: 118 },
    vulnerabilities: { checked: true, store: '/home/ci/.cache/palisade/db.sqlite', matched: 5 }, secretsChecked: true,
  }],
};
