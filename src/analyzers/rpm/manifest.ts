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
import { MAX_PACKAGES_PER_DATABASE } from '../analyzer.js';
import { linesOf } from '../stanzas.js';
import type { SkippedRecord } from './database.js';
import { type RpmPackageInfo, parseSourceRpm } from './package-info.js';

export const RPM_MANIFEST = '/var/lib/rpmmanifest/container-manifest-2';

export class RpmManifestError extends Error {}

const FIELDS = 10;

/**
 * The manifest's packages. A malformed line is skipped and reported to `skipped` (rpm -qa printed
 * each package on its own line, so one bad line says nothing about the others); without `skipped`
 * it fails the whole manifest.
 */
export function readRpmManifest(content: Buffer, skipped?: SkippedRecord, tooMany?: () => void): RpmPackageInfo[] {
  const packages: RpmPackageInfo[] = [];
  let number = 0;
  // Line by line, never an array of all of them: a hostile manifest may be 64 MiB of short lines.
  for (const line of linesOf(content.toString('utf8'))) {
    number += 1;
    if (line.trim() === '') continue;
    if (packages.length === MAX_PACKAGES_PER_DATABASE) {
      if (tooMany === undefined) throw new RpmManifestError(`more than ${String(MAX_PACKAGES_PER_DATABASE)} packages listed, more than any distribution has`);
      tooMany();
      break;
    }
    try {
      packages.push(manifestLine(line));
    } catch (error) {
      if (!(error instanceof RpmManifestError)) throw error;
      const location = `line ${String(number)}`;
      if (skipped === undefined) throw new RpmManifestError(`${location}: ${error.message}`);
      skipped(location, error.message);
    }
  }
  return packages;
}

function manifestLine(line: string): RpmPackageInfo {
  const fields = line.split('\t');
  const [name, versionRelease, , , vendor, epochField, , arch, epochNum, sourceRpm] = fields;
  const hyphen = versionRelease?.lastIndexOf('-') ?? -1;
  if (fields.length !== FIELDS || name === undefined || name === '' || versionRelease === undefined || hyphen <= 0 || hyphen === versionRelease.length - 1) {
    throw new RpmManifestError(`expected ${String(FIELDS)} tab-separated fields starting with NAME and VERSION-RELEASE`);
  }
  const epoch = epochOf(epochField, epochNum);
  const source = parseSourceRpm(sourceRpm);
  return {
    name,
    version: versionRelease.slice(0, hyphen),
    release: versionRelease.slice(hyphen + 1),
    ...(epoch === undefined ? {} : { epoch }),
    ...(arch === undefined || arch === '' || arch === '(none)' ? {} : { arch }),
    ...(source === undefined ? {} : { source }),
    ...(vendor === undefined || vendor === '' || vendor === '(none)' ? {} : { vendor }),
  };
}

/** %{EPOCH} when it is a number; else a non-zero %{EPOCHNUM}; else no declared epoch. */
function epochOf(epoch: string | undefined, epochNum: string | undefined): number | undefined {
  for (const field of [epoch, epochNum]) {
    if (field === undefined || field === '(none)') continue;
    if (!/^\d{1,9}$/.test(field)) throw new RpmManifestError(`the epoch "${field}" is not a number`);
    if (field === epoch || Number(field) !== 0) return Number(field);
  }
  return undefined;
}
