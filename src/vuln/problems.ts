/**
 * The user-facing problems of the advisory store. They have the shape of core's catalogue (stable
 * code, level, location, hint) and are kept here because they only arise from `palisade db`.
 */
import type { Problem } from '../model/problem.js';

const VULN_PROBLEMS = {
  'db-missing': { level: 'error', hint: 'Import advisories first: `palisade db import PATH` or `palisade db update --source URL`.' },
  'db-invalid': { level: 'error', hint: 'The file is not a Palisade advisory store; rebuild it with `palisade db import`.' },
  'db-schema': { level: 'error', hint: 'The store was written by another Palisade version; re-import it with this one.' },
  'db-busy': { level: 'error', hint: 'Another import is running on this store; wait for it, or remove the stale .lock file if no import runs.' },
  'advisory-invalid': { level: 'warning', hint: 'The record was skipped; the rest of the import went on.' },
  'advisory-unsupported': { level: 'note', hint: 'Palisade compares versions of deb, apk, rpm, npm, PyPI, Maven, Go and RubyGems packages only.' },
  'advisory-too-large': { level: 'warning', hint: 'The entry exceeds the size limit for one advisory file and was skipped.' },
  'import-unreadable': { level: 'error', hint: 'Give an OSV directory or zip, a Debian security tracker JSON, or an Alpine secdb JSON.' },
  'import-empty': { level: 'error', hint: 'No advisory was found in the input; the store was left unchanged.' },
  'download-failed': { level: 'error', hint: 'Check the URL and the network; the store was left unchanged.' },
  'checksum-mismatch': { level: 'error', hint: 'The download does not match its published sha256; the store was left unchanged.' },
  'version-invalid': { level: 'note', hint: 'The version could not be parsed in its ecosystem, so it was not matched.' },
  'os-unknown': { level: 'note', hint: 'Scan an image or root file system with /etc/os-release, or pass the release explicitly.' },
  'range-skipped': { level: 'note', hint: 'GIT ranges name commits, not versions; they cannot be matched against installed packages.' },
  'vex-invalid': { level: 'error', hint: 'Give an OpenVEX (https://openvex.dev) or CycloneDX VEX JSON document.' },
} as const satisfies Record<string, { level: Problem['level']; hint: string }>;

export type VulnProblemCode = keyof typeof VULN_PROBLEMS;

export function vulnProblem(code: VulnProblemCode, message: string, file?: string, line?: number): Problem {
  const spec = VULN_PROBLEMS[code];
  return {
    code,
    level: spec.level,
    message,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line }),
    hint: spec.hint,
  };
}
