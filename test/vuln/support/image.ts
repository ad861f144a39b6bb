/**
 * A small Debian-like image with a vulnerable OS package, vulnerable npm packages and a secret,
 * plus an advisory store that knows about them: the fixture of the image-scan tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAdvisories } from '../../../src/vuln/index.js';
import { OciWriter, tarOf } from '../../image/support/oci-writer.js';
import { osv } from './osv.js';

export const AWS_KEY = 'AKIALALEMEL33243OLIB';

const DPKG_STATUS = [
  'Package: libssl3', 'Status: install ok installed', 'Architecture: amd64', 'Source: openssl', 'Version: 3.0.11-1~deb12u1', '',
  'Package: zlib1g', 'Status: install ok installed', 'Architecture: amd64', 'Source: zlib', 'Version: 1:1.2.13.dfsg-1', '', '',
].join('\n');

const pkgJson = (name: string, version: string): string => JSON.stringify({ name, version, license: 'MIT' });

/** Writes the image as an OCI layout under `dir` (named registry.example/app:1) and returns the target. */
export async function writeVulnerableImage(dir: string, config?: object): Promise<string> {
  const writer = new OciWriter(dir);
  const manifest = writer.image([
    await tarOf({
      'etc/os-release': 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
      'var/lib/dpkg/status': DPKG_STATUS,
    }),
    await tarOf({
      'srv/app/node_modules/lodash/package.json': pkgJson('lodash', '4.17.20'),
      'srv/app/node_modules/minimist/package.json': pkgJson('minimist', '1.2.5'),
      'srv/app/node_modules/left-pad/package.json': pkgJson('left-pad', '1.3.0'),
      'srv/app/.env': `DEBUG=1\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n`,
    }),
  ], 'amd64', {
    // A configuration the image-configuration rules pass (non-root user, a health check), so the
    // findings are the vulnerabilities and the secret; tests that want those rules pass `config`.
    config: config ?? { User: '1000', Env: ['PATH=/usr/bin:/bin'], Healthcheck: { Test: ['CMD', '/bin/true'] } },
    history: [{ created_by: 'ADD rootfs /' }, { created_by: 'COPY app /srv/app' }],
  });
  writer.index([{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'registry.example/app:1' } }]);
  return `oci:${dir}`;
}

export const LODASH_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H';

/** OSV records: lodash (GHSA with a CVE alias, CVSS 7.2), minimist (no fix), openssl in Debian 12, and one that must not match. */
export const RECORDS: Record<string, unknown>[] = [
  osv('GHSA-35jh-r3h4-6jhm', [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }], {
    aliases: ['CVE-2021-23337'], summary: 'Command Injection in lodash', severity: [{ type: 'CVSS_V3', score: LODASH_VECTOR }],
  }),
  osv('GHSA-mini-mist-0000', [{ package: { ecosystem: 'npm', name: 'minimist' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }] }] }], {
    summary: 'Prototype pollution in minimist (no fix yet)',
  }),
  osv('DEBIAN-CVE-2023-5678', [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }] }], {
    aliases: ['CVE-2023-5678'], summary: 'openssl: excessive time in DH key checks', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }],
  }),
  osv('GHSA-left-pad-0000', [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }]),
];

/** Imports RECORDS into a new store under `dir`. */
export async function writeStore(dir: string): Promise<string> {
  const input = join(dir, 'osv');
  mkdirSync(input, { recursive: true });
  RECORDS.forEach((record, i) => {
    writeFileSync(join(input, `${String(i)}.json`), JSON.stringify(record));
  });
  const db = join(dir, 'db.sqlite');
  await importAdvisories(db, input, { name: 'test-osv' });
  return db;
}
