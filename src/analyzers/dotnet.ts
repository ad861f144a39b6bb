/**
 * .NET dependencies from APP.deps.json: the "libraries" map keyed "Name/Version"; entries of type
 * "package" came from NuGet (type "project" is the application itself), and a self-contained app
 * (`dotnet publish --self-contained`) lists the .NET runtime it carries as type "runtimepack" named
 * "runtimepack.Microsoft.NETCore.App.Runtime.RID": that runtime is reported under its NuGet name, as
 * Trivy does, so its advisories apply. A package the runtime target lists without any runtime,
 * runtimeTargets or native asset loads nothing at run time (a reference-only package, or one whose
 * assemblies the shared framework supersedes, such as System.Net.Http 4.3.0 on .NET 6) and is left
 * out, as Trivy leaves it out.
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { purl } from './purl.js';

const RUNTIME_PACK_PREFIX = 'runtimepack.';

type Json = Record<string, unknown>;

function objectOr(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export const dotnetAnalyzer: Analyzer = {
  id: 'dotnet',
  title: '.NET packages (deps.json)',
  matches: (path) => path.endsWith('.deps.json'),
  parse(file) {
    const json = objectOr(JSON.parse(file.content.toString('utf8')));
    const libraries = objectOr(json?.libraries);
    if (libraries === undefined) return [];
    const runtimeTarget = objectOr(json?.runtimeTarget)?.name;
    const target = typeof runtimeTarget === 'string' ? objectOr(objectOr(json?.targets)?.[runtimeTarget]) : undefined;
    const packages: FoundPackage[] = [];
    for (const [key, value] of Object.entries(libraries)) {
      const type = objectOr(value)?.type;
      if (typeof type !== 'string' || !['package', 'runtimepack'].includes(type.toLowerCase())) continue;
      const slash = key.indexOf('/');
      if (slash <= 0) continue;
      if (target !== undefined && !loadsAtRuntime(target[key])) continue;
      const name = type.toLowerCase() === 'runtimepack' && key.startsWith(RUNTIME_PACK_PREFIX) ? key.slice(RUNTIME_PACK_PREFIX.length, slash) : key.slice(0, slash);
      const version = key.slice(slash + 1);
      packages.push({ name, version, ecosystem: 'nuget', licenses: [], purl: purl({ type: 'nuget', name, version }) });
    }
    return packages;
  },
};

/** A library the runtime target does not list is kept: the file says nothing against it. */
function loadsAtRuntime(entry: unknown): boolean {
  const assets = objectOr(entry);
  if (assets === undefined) return true;
  return ['runtime', 'runtimeTargets', 'native'].some((section) => Object.keys(objectOr(assets[section]) ?? {}).length > 0);
}
