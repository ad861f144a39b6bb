/**
 * SOURCE_DATE_EPOCH dates `palisade sbom` output, so a reproducible pipeline gets the same bytes
 * from the same image (the serial number is derived from the content; only the timestamp came
 * from the clock). A malformed value is refused, as reproducible-builds.org asks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-sde-'));
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
  writeFileSync(join(root, 'var/lib/dpkg/status'), 'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\n');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

it.each([['cyclonedx', /"timestamp": ?"2023-11-14T22:13:20(?:\.000)?Z"/], ['spdx', /"created": ?"2023-11-14T22:13:20(?:\.000)?Z"/]])('dates the %s SBOM by SOURCE_DATE_EPOCH, byte for byte the same each run', (format, dated) => {
  const run = () => palisade(['sbom', `dir:${root}`, '-f', format], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  const first = run();
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(dated);
  expect(run().stdout).toBe(first.stdout);
});

it('refuses a SOURCE_DATE_EPOCH that is not a whole number of seconds', () => {
  const run = palisade(['sbom', `dir:${root}`], { env: { SOURCE_DATE_EPOCH: '2023-11-14' } });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^error usage: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "2023-11-14"/);
  expect(hasStackTrace(run.stderr)).toBe(false);
});
