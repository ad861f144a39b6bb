/**
 * .NET dependencies from APP.deps.json: the "libraries" map keyed "Name/Version"; entries of type
 * "package" came from NuGet (type "project" is the application itself).
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { purl } from './purl.js';

export const dotnetAnalyzer: Analyzer = {
  id: 'dotnet',
  title: '.NET packages (deps.json)',
  matches: (path) => path.endsWith('.deps.json'),
  parse(file) {
    const json = JSON.parse(file.content.toString('utf8')) as { libraries?: unknown } | null;
    const libraries = json?.libraries;
    if (typeof libraries !== 'object' || libraries === null) return [];
    const packages: FoundPackage[] = [];
    for (const [key, value] of Object.entries(libraries as Record<string, unknown>)) {
      if ((value as { type?: unknown } | null)?.type !== 'package') continue;
      const slash = key.indexOf('/');
      if (slash <= 0) continue;
      const name = key.slice(0, slash);
      const version = key.slice(slash + 1);
      packages.push({ name, version, ecosystem: 'nuget', licenses: [], purl: purl({ type: 'nuget', name, version }) });
    }
    return packages;
  },
};
