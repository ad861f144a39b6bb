/**
 * An image with real npm packages (installed from the npm registry into the build context), built
 * by podman and exported three ways. The inventory must list exactly what `npm ls --all --json`
 * lists for the same tree, and the SBOMs must be schema-valid and deterministic.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryImage, renderSbom, type Inventory } from '../../src/sdk/index.js';
import { type Podman, startPodman } from './support/podman.js';
import { sbomValidators } from './support/sbom-schemas.js';

let podman: Podman;
let app: string;
const exports: Record<string, string> = {};
const DEPENDENCIES = { express: '4.17.1', lodash: '4.17.20', minimist: '1.2.5', '@sindresorhus/is': '4.0.0', debug: '2.6.8' };
const LOCK_ONLY = { 'left-pad': '1.3.0', ms: '2.1.3' };

/** name@version of every package `npm ls --all --json` reports, deduped entries included. */
function npmLs(dir: string): Set<string> {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { dependencies?: Record<string, NpmNode> };
  const found = new Set<string>();
  const walk = (deps: Record<string, NpmNode> | undefined): void => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (node.version !== undefined) found.add(`${name}@${node.version}`);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return found;
}
interface NpmNode { version?: string; dependencies?: Record<string, NpmNode> }

function npmSet(inventory: Inventory, file: (f: string) => boolean): Set<string> {
  return new Set(inventory.packages.filter((p) => p.ecosystem === 'npm' && file(p.file)).map((p) => `${p.name}@${p.version}`));
}

beforeAll(() => {
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  app = join(context, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'palisade-npm-fixture', version: '1.0.0', private: true, dependencies: DEPENDENCIES }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: app, stdio: 'pipe', timeout: 240_000 });
  // A second project shipped with only its lock file (never installed): read from package-lock.json.
  const locked = join(context, 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'package.json'), JSON.stringify({ name: 'palisade-lock-fixture', version: '1.0.0', private: true, dependencies: LOCK_ONLY }));
  execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: locked, stdio: 'pipe', timeout: 240_000 });
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY app /srv/app', 'COPY locked /srv/locked', ''].join('\n'));
  podman.build(context, 'localhost/palisade-npm:1');
  for (const format of ['oci-dir', 'oci-archive', 'docker-archive'] as const) exports[format] = podman.save('localhost/palisade-npm:1', format);
});

afterAll(() => {
  podman.cleanup();
});

describe.each(['oci-dir', 'oci-archive', 'docker-archive'] as const)('npm image from %s', (format) => {
  const target = (): string => `${format === 'oci-dir' ? 'oci' : format}:${exports[format] ?? ''}`;

  it('lists exactly the packages `npm ls --all` reports (100% precision and recall)', async () => {
    const { inventory } = await inventoryImage(target());
    const expected = npmLs(app);
    const actual = npmSet(inventory, (f) => f.startsWith('/srv/app/'));
    expect(expected.size).toBeGreaterThan(50);
    expect([...actual].filter((p) => !expected.has(p))).toEqual([]);
    expect([...expected].filter((p) => !actual.has(p))).toEqual([]);
    expect(inventory.problems).toEqual([]);
  });

  it('reads a project that ships only its package-lock.json', async () => {
    const { inventory } = await inventoryImage(target());
    const locked = npmSet(inventory, (f) => f === '/srv/locked/package-lock.json');
    expect(locked).toEqual(new Set(Object.entries(LOCK_ONLY).map(([n, v]) => `${n}@${v}`)));
  });

  it('gives spec-correct purls, licences and the layer that added each package', async () => {
    const { inventory } = await inventoryImage(target());
    const scoped = inventory.packages.find((p) => p.name === '@sindresorhus/is');
    expect(scoped?.purl).toBe('pkg:npm/%40sindresorhus/is@4.0.0');
    expect(scoped?.licenses).toEqual(['MIT']);
    const express = inventory.packages.find((p) => p.name === 'express' && p.file.startsWith('/srv/app/'));
    expect(express?.file).toBe('/srv/app/node_modules/express/package.json');
    // Layer 2 of [busybox, app, locked] added the app's packages.
    expect(express?.layer).toBe(inventory.image?.layers[1]?.digest);
  });
});

describe('SBOMs of the npm image', () => {
  it('are valid CycloneDX 1.6 and SPDX 2.3 and deterministic', async () => {
    const validators = sbomValidators();
    if (validators === undefined) {
      console.warn('skipping SBOM schema validation: ../shared/testdata/supply-chain/sbom is absent');
      return;
    }
    const { inventory } = await inventoryImage(`oci-archive:${exports['oci-archive'] ?? ''}`);
    const now = (): Date => new Date('2026-01-02T03:04:05Z');
    for (const format of ['cyclonedx', 'spdx'] as const) {
      const text = renderSbom(inventory, format, { now });
      expect(validators[format](JSON.parse(text))).toEqual([]);
      expect(renderSbom(inventory, format, { now })).toBe(text);
    }
    const cdx = JSON.parse(renderSbom(inventory, 'cyclonedx', { now })) as { components: { purl?: string }[] };
    expect(cdx.components.filter((c) => c.purl !== undefined)).toHaveLength(inventory.packages.length);
  });

  it('agrees with `npm sbom` on the same project', async () => {
    const { inventory } = await inventoryImage(`oci:${exports['oci-dir'] ?? ''}`);
    const npmSbom = JSON.parse(execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx'], { cwd: app, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { components: { name: string; group?: string; version: string }[] };
    const theirs = new Set(npmSbom.components.map((c) => `${c.group === undefined || c.group === '' ? '' : `${c.group}/`}${c.name}@${c.version}`));
    expect(npmSet(inventory, (f) => f.startsWith('/srv/app/'))).toEqual(theirs);
  });
});
