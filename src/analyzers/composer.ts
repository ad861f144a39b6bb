/**
 * PHP packages installed by Composer: vendor/composer/installed.json (a list in Composer 1,
 * {"packages": [...]} in Composer 2), each with name "vendor/package", version and licence list.
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { licensesFrom } from './licenses.js';
import { purl } from './purl.js';

export const composerAnalyzer: Analyzer = {
  id: 'composer',
  title: 'PHP packages (Composer installed.json)',
  matches: (path) => path.endsWith('/vendor/composer/installed.json'),
  parse(file) {
    const json: unknown = JSON.parse(file.content.toString('utf8'));
    const list: unknown = Array.isArray(json) ? json : (json as { packages?: unknown } | null)?.packages;
    if (!Array.isArray(list)) throw new Error('no package list');
    const packages: FoundPackage[] = [];
    for (const entry of list as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { name, version, license } = entry as Record<string, unknown>;
      if (typeof name !== 'string' || typeof version !== 'string') continue;
      const slash = name.indexOf('/');
      packages.push({
        name, version, ecosystem: 'composer', licenses: licensesFrom(license),
        purl: slash > 0 ? purl({ type: 'composer', namespace: name.slice(0, slash), name: name.slice(slash + 1), version }) : purl({ type: 'composer', name, version }),
      });
    }
    return packages;
  },
};
