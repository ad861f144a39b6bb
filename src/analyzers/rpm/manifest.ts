/**
 * The package manifest of Azure Linux / CBL-Mariner distroless images, which ship without an rpm
 * database: /var/lib/rpmmanifest/container-manifest-2 is the output of
 *
 *   rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{INSTALLTIME}\t%{BUILDTIME}\t%{VENDOR}\t%{EPOCH}\t%{SIZE}\t%{ARCH}\t%{EPOCHNUM}\t%{SOURCERPM}\n'
 *
 * taken before the database was removed (some builders write "(none)" for %{EPOCH}; %{EPOCHNUM}
 * then still carries a declared non-zero epoch). container-manifest-1 is plain `rpm -qa` and adds
 * nothing.
 */
import { type RpmPackageInfo, parseSourceRpm } from './package-info.js';

export const RPM_MANIFEST = '/var/lib/rpmmanifest/container-manifest-2';

export class RpmManifestError extends Error {}

const FIELDS = 10;

export function readRpmManifest(content: Buffer): RpmPackageInfo[] {
  const packages: RpmPackageInfo[] = [];
  content.toString('utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    const [name, versionRelease, , , vendor, epochField, , arch, epochNum, sourceRpm] = fields;
    const hyphen = versionRelease?.lastIndexOf('-') ?? -1;
    if (fields.length !== FIELDS || name === undefined || name === '' || versionRelease === undefined || hyphen <= 0 || hyphen === versionRelease.length - 1) {
      throw new RpmManifestError(`line ${String(i + 1)}: expected ${String(FIELDS)} tab-separated fields starting with NAME and VERSION-RELEASE`);
    }
    const epoch = epochOf(epochField, epochNum, i + 1);
    const source = parseSourceRpm(sourceRpm);
    packages.push({
      name,
      version: versionRelease.slice(0, hyphen),
      release: versionRelease.slice(hyphen + 1),
      ...(epoch === undefined ? {} : { epoch }),
      ...(arch === undefined || arch === '' || arch === '(none)' ? {} : { arch }),
      ...(source === undefined ? {} : { source }),
      ...(vendor === undefined || vendor === '' || vendor === '(none)' ? {} : { vendor }),
    });
  });
  return packages;
}

/** %{EPOCH} when it is a number; else a non-zero %{EPOCHNUM}; else no declared epoch. */
function epochOf(epoch: string | undefined, epochNum: string | undefined, line: number): number | undefined {
  for (const field of [epoch, epochNum]) {
    if (field === undefined || field === '(none)') continue;
    if (!/^\d{1,9}$/.test(field)) throw new RpmManifestError(`line ${String(line)}: the epoch "${field}" is not a number`);
    if (field === epoch || Number(field) !== 0) return Number(field);
  }
  return undefined;
}
