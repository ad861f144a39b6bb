/**
 * RPM packages from the rpm database (Red Hat, Fedora, CentOS, Alma, Rocky, Amazon Linux, SUSE,
 * Mariner...). Every backend stores one binary rpm header per installed package; rpm/ reads the
 * headers out of each backend and decodes them. Distroless Azure Linux / CBL-Mariner images have
 * no database but a manifest of `rpm -qa` output (rpm/manifest.ts).
 *
 * The package list is exactly what `rpm -qa` prints, gpg-pubkey entries included: they are the
 * signing keys `rpm --import` stores as pseudo-packages (no architecture, files or source rpm), and
 * which keys an image trusts to sign its packages belongs in its inventory. Trivy and Syft list
 * them too; no advisory names them, so they never match.
 */
import { type Analyzer, type AnalyzerContext, type FoundPackage, packageLimitReached } from './analyzer.js';
import { distroQualifier, purl } from './purl.js';
import {
  condenseRpmDatabase, isRpmDatabasePath, type RpmPackageInfo, readRpmDatabase, readRpmManifest, RPM_DATABASE_PATHS, RPM_MANIFEST, type SkippedRecord, WAL_SUFFIX,
} from './rpm/index.js';

export const rpmAnalyzer: Analyzer = {
  id: 'rpm',
  title: 'RPM packages (rpm database)',
  matches: (path) => isRpmDatabasePath(path) || path === RPM_MANIFEST,
  alsoReads: (path) => path.endsWith(`/rpmdb.sqlite${WAL_SUFFIX}`) && isRpmDatabasePath(path.slice(0, -WAL_SUFFIX.length)),
  // Each layer's version of the database is kept only as the tags the inventory reads.
  condense: (file) => (file.path === RPM_MANIFEST ? file.content : condenseRpmDatabase(file.path, file.content)),
  parse(file, context) {
    const skipped = skippedBy(context);
    const tooMany = (): void => { packageLimitReached(context); };
    if (file.path !== RPM_MANIFEST) return readRpmDatabase(file.path, file.content, context.read, skipped, tooMany).map((info) => foundPackage(info, context));
    // A distroless image's manifest stands in for its removed database; where a database is
    // present it is the authority, and the manifest would only count its packages twice.
    if (RPM_DATABASE_PATHS.some((path) => context.exists(path))) return [];
    return readRpmManifest(file.content, skipped, tooMany).map((info) => foundPackage(info, context));
  },
};

/** Like rpm, a malformed header (or manifest line) is skipped when the caller listens for it. */
function skippedBy(context: AnalyzerContext): SkippedRecord | undefined {
  const warn = context.warn;
  return warn === undefined ? undefined : (location, reason) => { warn(`${location}: ${reason}; that package is skipped, the others are listed`); };
}

function foundPackage(info: RpmPackageInfo, context: AnalyzerContext): FoundPackage {
  // rpm's own %{EVR}: the epoch shows whenever the package declares one, even 0.
  const epoch = info.epoch === undefined ? '' : `${String(info.epoch)}:`;
  const version = `${epoch}${info.version}-${info.release}`;
  // A source rpm's file name carries no epoch, but every subpackage inherits the Epoch of the
  // spec it was built from, so the binary's epoch is the source's.
  const source = info.source === undefined
    ? { name: info.name, version }
    : { name: info.source.name, version: `${epoch}${info.source.version}-${info.source.release}` };
  return {
    name: info.name,
    version,
    ecosystem: 'rpm',
    licenses: info.license === undefined ? [] : [info.license],
    source,
    ...(info.arch === undefined ? {} : { arch: info.arch }),
    // purl-spec: the rpm version is version-release and the epoch a qualifier; the namespace is
    // the distribution, the os-release ID as for deb and apk.
    purl: purl({
      type: 'rpm',
      ...(context.os === undefined ? {} : { namespace: context.os.id }),
      name: info.name,
      version: `${info.version}-${info.release}`,
      qualifiers: { arch: info.arch, epoch: info.epoch?.toString(), distro: distroQualifier(context.os) },
    }),
  };
}
