/**
 * Debian security data -> Advisory, one advisory per (source package, CVE):
 *  - the tracker's JSON (https://security-tracker.debian.org/tracker/data/json):
 *    { package: { "CVE-..": { releases: { codename: { status, fixed_version, urgency } } } } }
 *  - the DSA / DLA lists as JSON lines: { id, cves, fixed: [{ release, package, fixed_version, note }] }
 * Versions are source-package versions, so matching uses the installed package's source.
 */
import type { AffectedPackage, Advisory, SeverityClaim } from '../advisory.js';
import { platformKey } from '../names.js';
import { type JsonObject, arrayAt, isObject, objectAt, stringAt, strings } from './json-shape.js';

/** The tracker marks "never affected" with fixed version "0". */
const NOT_AFFECTED = '0';
const URGENCY = /\b(unimportant|low|medium|high)\b/;

/** Is this document the tracker's per-package map (values are maps keyed by CVE-like ids)? */
export function looksLikeDebianTracker(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  for (const issues of Object.values(value)) {
    if (!isObject(issues)) return false;
    for (const issue of Object.values(issues)) return isObject(issue) && isObject(issue.releases);
  }
  return false;
}

export function* debianTrackerAdvisories(doc: JsonObject): Generator<Advisory> {
  for (const [pkg, issues] of Object.entries(doc)) {
    if (!isObject(issues)) continue;
    for (const [cve, issue] of Object.entries(issues)) {
      if (!isObject(issue)) continue;
      const affected = trackerReleases(pkg, objectAt(issue, 'releases'));
      if (affected.length === 0) continue;
      yield {
        key: `${pkg} ${cve}`,
        id: cve,
        aliases: [],
        related: [],
        summary: stringAt(issue, 'description') ?? '',
        severity: [],
        affected,
      };
    }
  }
}

function trackerReleases(pkg: string, releases: JsonObject | undefined): AffectedPackage[] {
  if (releases === undefined) return [];
  const affected: AffectedPackage[] = [];
  for (const [release, state] of Object.entries(releases)) {
    if (!isObject(state)) continue;
    const status = stringAt(state, 'status');
    const fixed = stringAt(state, 'fixed_version');
    if (fixed === NOT_AFFECTED) continue;
    const urgency = stringAt(state, 'urgency');
    const severity: SeverityClaim[] = urgency === undefined || !URGENCY.test(urgency) ? [] : [{ kind: 'vendor', rating: urgency, by: 'Debian' }];
    const resolved = status === 'resolved' && fixed !== undefined && fixed !== '';
    affected.push(debianAffected(pkg, release, resolved ? fixed : undefined, severity));
  }
  return affected;
}

function debianAffected(pkg: string, release: string, fixed: string | undefined, severity: SeverityClaim[]): AffectedPackage {
  return {
    scheme: 'deb',
    platform: platformKey('debian', release),
    name: pkg,
    ranges: [{ type: 'ECOSYSTEM', events: fixed === undefined ? [{ introduced: '0' }] : [{ introduced: '0' }, { fixed }] }],
    versions: [],
    severity,
  };
}

/** One line of the DSA / DLA list conversion. */
export function looksLikeDebianList(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.id === 'string' && Array.isArray(value.fixed) && Array.isArray(value.cves);
}

export function* debianListAdvisories(line: JsonObject): Generator<Advisory> {
  const advisoryId = stringAt(line, 'id') ?? '';
  const affected: AffectedPackage[] = [];
  for (const row of arrayAt(line, 'fixed')) {
    if (!isObject(row)) continue;
    const release = stringAt(row, 'release');
    const pkg = stringAt(row, 'package');
    const version = stringAt(row, 'fixed_version');
    if (release === undefined || pkg === undefined || version === undefined || version === '<not-affected>') continue;
    const urgency = URGENCY.exec(stringAt(row, 'note') ?? '')?.[1];
    const severity: SeverityClaim[] = urgency === undefined ? [] : [{ kind: 'vendor', rating: urgency, by: 'Debian' }];
    // "<unfixed>" and "<end-of-life>" leave every version affected.
    affected.push(debianAffected(pkg, release, version.startsWith('<') ? undefined : version, severity));
  }
  if (affected.length === 0) return;
  const cves = strings(arrayAt(line, 'cves'));
  const summary = stringAt(line, 'header') ?? '';
  // An advisory without CVEs (regression updates, end of life) is its own vulnerability id.
  for (const cve of cves.length === 0 ? [advisoryId] : cves) {
    yield { key: `${advisoryId} ${cve}`, id: cve, aliases: [], related: cve === advisoryId ? [] : [advisoryId], summary, severity: [], affected };
  }
}
