/**
 * Cargo (crates.io) versions: SemVer 2.0.0, which Cargo requires of every published crate, ordered
 * by SemVer precedence (build metadata does not order). RustSec advisories in OSV state their
 * bounds as plain versions, so ranges use the comparison syntax (">= 1.2.0, < 1.4.1").
 */
import semver from 'semver';
import { InvalidVersionError, checkLength } from './errors.js';
import type { Ordering } from './sign.js';

function parseCargo(input: string): semver.SemVer {
  checkLength('cargo', input, 'version');
  // node-semver forgives a leading "v" or "="; Cargo does not.
  const parsed = /^\d/.test(input) ? semver.parse(input, { loose: false }) : null;
  if (parsed === null) throw new InvalidVersionError('cargo', input, 'not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])');
  return parsed;
}

export function compareCargo(a: string, b: string): Ordering {
  return semver.compare(parseCargo(a), parseCargo(b));
}
