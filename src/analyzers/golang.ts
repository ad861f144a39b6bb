/**
 * Go modules compiled into executables, from the build info every Go binary built with modules
 * carries (see go/buildinfo.ts): the main module, each dependency at the version built (the
 * replacement's, when a replace directive applies) and the Go standard library as `stdlib` at the
 * toolchain's version, which is what Go vulnerability databases key standard-library advisories on.
 * A main module built from a checkout carries no release version; the one -ldflags stamped is used
 * (go/ldflags.ts).
 * Executables are recognised by their permission bits, wherever they are, and condensed to their
 * build info while the layer streams, in the form all binary analyzers share (binary/condense.ts);
 * one too large to buffer is read as a stream (Go 1.18+).
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { isExecutableCandidate } from './binary/candidate.js';
import { GO_BUILDINFO_RECORD, condenseExecutable, condenseExecutableStream } from './binary/condense.js';
import { recordOrWhole } from './binary/condensed.js';
import { readBuildInfo } from './go/buildinfo.js';
import { ldflagsVersion } from './go/ldflags.js';
import { type GoModule, parseModInfo } from './go/modinfo.js';
import { stdlibVersion } from './go/toolchain.js';
import { purl } from './purl.js';

export const golangAnalyzer: Analyzer = {
  id: 'golang',
  title: 'Go modules (build info of Go executables)',
  matches: isExecutableCandidate,
  condense: condenseExecutable,
  condenseStream: condenseExecutableStream,
  parse(file) {
    const blob = recordOrWhole(file.content, GO_BUILDINFO_RECORD);
    const info = blob === undefined ? undefined : readBuildInfo(blob);
    if (info === undefined) return [];
    const packages: FoundPackage[] = [];
    const std = stdlibVersion(info.goVersion);
    if (std !== undefined) packages.push(goPackage('stdlib', std));
    const mod = parseModInfo(info.modInfo);
    if (mod.main !== undefined) packages.push(mainModule(mod.main, mod.settings.get('-ldflags')));
    for (const dep of mod.deps) packages.push(fromModule(dep));
    return packages;
  },
};

/**
 * The main module, at the release version -ldflags stamped when the build info names none: `(devel)`
 * or a v0.0.0 pseudo-version (Go 1.24+ in an untagged checkout), which would match every advisory
 * of the module as a version older than all fixes.
 */
function mainModule(main: GoModule, ldflags: string | undefined): FoundPackage {
  const found = fromModule(main);
  const unreleased = found.version === '(devel)' || found.version.startsWith('v0.0.0-');
  const stamped = unreleased && ldflags !== undefined ? ldflagsVersion(found.name, ldflags) : undefined;
  return stamped === undefined ? found : goPackage(found.name, stamped);
}

function fromModule(module: GoModule): FoundPackage {
  const replace = module.replace;
  if (replace === undefined) return goPackage(module.path, module.version === '' ? '(devel)' : module.version);
  // A replacement by a local directory has no version: what was built is a development tree.
  return replace.version === '' || replace.version === '(devel)' ? goPackage(module.path, '(devel)') : goPackage(replace.path, replace.version);
}

function goPackage(path: string, version: string): FoundPackage {
  const slash = path.lastIndexOf('/');
  return {
    name: path, version, ecosystem: 'golang', licenses: [],
    purl: purl({ type: 'golang', ...(slash === -1 ? {} : { namespace: path.slice(0, slash) }), name: path.slice(slash + 1), version }),
  };
}
