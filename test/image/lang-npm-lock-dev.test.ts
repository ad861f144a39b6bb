/**
 * A package-lock.json without node_modules (a bundled app, or an image that copied only the lock):
 * dev dependencies do not ship. Ground truth is npm itself: `npm ls --omit=dev --all` over this
 * repository's own installed tree, whose lock file (v3, written by npm) is the one read here; the
 * only packages the lock may add are optional ones for other platforms, which are not installed
 * here but are what the lock says a production install may get.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';

const lockAnalyzer = ANALYZERS.find((a) => a.id === 'npm-lock') as Analyzer;
const REPO = new URL('../../', import.meta.url).pathname;

interface LsNode { readonly version?: string; readonly dependencies?: Readonly<Record<string, LsNode>> }

function installedProduction(): Set<string> {
  // npm ls exits 1 when the tree has problems (an extraneous package) but still prints it.
  const tree = JSON.parse(spawnSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 }).stdout.toString()) as LsNode;
  const found = new Set<string>();
  const walk = (deps: Readonly<Record<string, LsNode>> | undefined): void => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (node.version !== undefined) found.add(`${name}@${node.version}`);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return found;
}

describe('npm lock files', () => {
  it('lists what a production install has, not the dev dependencies', () => {
    const content = readFileSync(`${REPO}package-lock.json`);
    const lock = JSON.parse(content.toString()) as { packages: Record<string, { version?: string; dev?: boolean; optional?: boolean; name?: string }> };
    const found = new Set(lockAnalyzer.parse({ path: '/app/package-lock.json', content }, { exists: () => false }).map((p) => `${p.name}@${p.version}`));
    const truth = installedProduction();
    expect(truth.size).toBeGreaterThan(50);
    // Every package npm installs for production is listed...
    expect([...truth].filter((p) => !found.has(p))).toEqual([]);
    // ...and what else is listed is only optional (other platforms' binaries), never dev.
    const optional = new Set(Object.entries(lock.packages).filter(([, e]) => e.optional === true).map(([key, e]) => `${e.name ?? key.slice(key.lastIndexOf('node_modules/') + 13)}@${e.version ?? ''}`));
    expect([...found].filter((p) => !truth.has(p) && !optional.has(p))).toEqual([]);
    expect(Object.values(lock.packages).filter((e) => e.dev === true).length).toBeGreaterThan(50);
  });

  it('leaves dev dependencies out of a v1 lock, nested ones included', () => {
    const v1 = {
      lockfileVersion: 1,
      dependencies: {
        express: { version: '4.18.2', dependencies: { 'safe-buffer': { version: '5.2.1' } } },
        jest: { version: '29.7.0', dev: true, dependencies: { 'jest-cli': { version: '29.7.0', dev: true } } },
      },
    };
    const found = lockAnalyzer.parse({ path: '/app/package-lock.json', content: Buffer.from(JSON.stringify(v1)) }, { exists: () => false });
    expect(found.map((p) => `${p.name}@${p.version}`)).toEqual(['express@4.18.2', 'safe-buffer@5.2.1']);
  });
});
