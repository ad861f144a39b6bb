/**
 * npm packages. In an image the installed packages are the truth: every
 * node_modules/NAME/package.json and node_modules/@SCOPE/NAME/package.json (what `npm ls --all`
 * walks). A package-lock.json (v1 nested `dependencies`, v2/v3 flat `packages`) counts only for a
 * project whose node_modules is absent, so installed projects are not reported twice; its dev
 * dependencies (`"dev": true`) are left out, as `npm ci --omit=dev` and bundlers leave them out of
 * what ships (Trivy leaves them out too).
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { licensesFrom } from './licenses.js';
import { purl } from './purl.js';

/** .../node_modules/NAME/package.json or .../node_modules/@SCOPE/NAME/package.json */
const INSTALLED = /\/node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/;

export function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  return slash > 0
    ? purl({ type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1), version })
    : purl({ type: 'npm', name, version });
}

function npmPackage(name: string, version: string, license: unknown): FoundPackage {
  return { name, version, ecosystem: 'npm', licenses: licensesFrom(license), purl: npmPurl(name, version) };
}

function parseJsonObject(content: Buffer): Record<string, unknown> {
  const value: unknown = JSON.parse(content.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}

export const npmPackageAnalyzer: Analyzer = {
  id: 'npm-package',
  title: 'npm packages installed in node_modules',
  matches: (path) => path.endsWith('/package.json') && INSTALLED.test(path),
  parse(file) {
    const json = parseJsonObject(file.content);
    const { name, version } = json;
    // Directories like node_modules/x/package.json without both fields are not packages (npm ls skips them too).
    if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '') return [];
    return [npmPackage(name, version, json.license ?? json.licenses)];
  },
};

export const npmLockAnalyzer: Analyzer = {
  id: 'npm-lock',
  title: 'npm lock files of projects without node_modules',
  matches: (path) => path.endsWith('/package-lock.json') && !path.includes('/node_modules/'),
  parse(file, context) {
    const dir = file.path.slice(0, file.path.lastIndexOf('/'));
    if (context.exists(`${dir}/node_modules`)) return [];
    const lock = parseJsonObject(file.content);
    const packages: FoundPackage[] = [];
    if (typeof lock.packages === 'object' && lock.packages !== null) {
      for (const [key, entry] of Object.entries(lock.packages as Record<string, unknown>)) {
        if (key === '' || typeof entry !== 'object' || entry === null) continue;
        const e = entry as Record<string, unknown>;
        if (e.link === true || e.dev === true || typeof e.version !== 'string') continue;
        const name = typeof e.name === 'string' && e.name !== '' ? e.name : nameFromKey(key);
        if (name !== '') packages.push(npmPackage(name, e.version, e.license));
      }
      return packages;
    }
    const walk = (deps: unknown): void => {
      if (typeof deps !== 'object' || deps === null) return;
      for (const [name, entry] of Object.entries(deps as Record<string, unknown>)) {
        if (typeof entry !== 'object' || entry === null) continue;
        const e = entry as Record<string, unknown>;
        // Whatever a dev dependency requires is itself marked dev.
        if (e.dev === true) continue;
        if (typeof e.version === 'string' && !e.version.startsWith('file:')) {
          const alias = aliasTarget(e.version);
          packages.push(alias === undefined ? npmPackage(name, e.version, undefined) : npmPackage(alias.name, alias.version, undefined));
        }
        walk(e.dependencies);
      }
    };
    walk(lock.dependencies);
    return packages;
  },
};

/**
 * The package a v2/v3 "packages" key names when its entry has no "name" (an entry has one only when
 * it differs, as for aliases): what follows the last node_modules/, else, for a workspace or file:
 * folder, the folder's own name, which is what npm (arborist) calls a package.json without a name.
 */
function nameFromKey(key: string): string {
  const at = key.lastIndexOf('node_modules/');
  if (at !== -1) return key.slice(at + 'node_modules/'.length);
  return key.slice(key.lastIndexOf('/') + 1);
}

/** A v1 lock writes an alias dependency ("foo": "npm:bar@^1") as version "npm:bar@1.0.0": bar is what is installed. */
function aliasTarget(version: string): { name: string; version: string } | undefined {
  if (!version.startsWith('npm:')) return undefined;
  const spec = version.slice('npm:'.length);
  // The version follows the last '@', past a scope's leading '@'.
  const at = spec.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}
