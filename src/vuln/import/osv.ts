/**
 * OSV records (https://ossf.github.io/osv-schema/) -> Advisory. Only what matching needs is kept;
 * affected packages in ecosystems Palisade cannot order are dropped and counted, so one exotic
 * ecosystem does not fail an osv.dev "all.zip".
 */
import { type Ecosystem, ecosystemOf } from '../../lib/versions/index.js';
import type { AffectedPackage, AffectedRange, Advisory, RangeEvent, SeverityClaim } from '../advisory.js';
import { normaliseName, osvPlatformKey } from '../names.js';
import { type JsonObject, arrayAt, isObject, objectAt, stringAt, strings } from './json-shape.js';

export type OsvParse =
  | { readonly ok: true; readonly advisory: Advisory; readonly unsupported: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly unsupported: readonly string[] };

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/** Is this JSON value shaped like an OSV record at all (used to recognise input formats)? */
export function looksLikeOsv(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.id === 'string' && (Array.isArray(value.affected) || typeof value.modified === 'string');
}

export function parseOsv(value: unknown): OsvParse {
  if (!isObject(value)) return { ok: false, reason: 'an OSV record must be a JSON object', unsupported: [] };
  const id = stringAt(value, 'id');
  if (id === undefined || id === '') return { ok: false, reason: 'the OSV record has no "id"', unsupported: [] };
  const unsupported: string[] = [];
  const affected: AffectedPackage[] = [];
  for (const entry of arrayAt(value, 'affected')) {
    const parsed = parseAffected(entry, unsupported);
    if (parsed !== undefined) affected.push(parsed);
  }
  if (affected.length === 0 && unsupported.length > 0) return { ok: false, reason: `${id}: no affected package in a supported ecosystem`, unsupported };
  const withdrawn = stringAt(value, 'withdrawn');
  const published = stringAt(value, 'published');
  const modified = stringAt(value, 'modified');
  // OSV 1.7 `upstream` names the records this one derives from. Distro feeds on osv.dev now put the
  // CVE there instead of in `aliases` (UBUNTU-CVE-X and DEBIAN-CVE-X: upstream [CVE-X]). With one
  // upstream id the record is that vulnerability as the distro sees it: it merges like an alias, so
  // the finding is reported, excepted and VEX-suppressed under its CVE. Several make it a notice
  // (a USN or DSA fixing many CVEs): they are shown as related, never merged, or one notice would
  // fold unrelated CVEs into one finding.
  const upstream = strings(arrayAt(value, 'upstream')).filter((u) => u !== id);
  const advisory: Advisory = {
    key: id,
    id,
    aliases: unique([...strings(arrayAt(value, 'aliases')), ...(upstream.length === 1 ? upstream : [])]).filter((a) => a !== id),
    related: unique([...strings(arrayAt(value, 'related')), ...(upstream.length > 1 ? upstream : [])]),
    summary: stringAt(value, 'summary') ?? firstLine(stringAt(value, 'details') ?? ''),
    ...(published === undefined ? {} : { published }),
    ...(modified === undefined ? {} : { modified }),
    ...(withdrawn === undefined ? {} : { withdrawn }),
    severity: [...severityList(arrayAt(value, 'severity')), ...vendorSeverity(objectAt(value, 'database_specific'), databaseOf(id))],
    affected,
  };
  return { ok: true, advisory, unsupported };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** The database an OSV id comes from: its prefix ("GHSA", "PYSEC", "GO"). */
function databaseOf(id: string): string {
  return id.split('-', 1)[0] ?? id;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function parseAffected(entry: unknown, unsupported: string[]): AffectedPackage | undefined {
  if (!isObject(entry)) return undefined;
  const pkg = objectAt(entry, 'package');
  const ecosystem = pkg === undefined ? undefined : stringAt(pkg, 'ecosystem');
  const name = pkg === undefined ? undefined : stringAt(pkg, 'name');
  if (ecosystem === undefined || name === undefined || name === '') return undefined;
  const scheme = ecosystemOf(ecosystem);
  if (scheme === undefined) {
    unsupported.push(ecosystem);
    return undefined;
  }
  const parsed = arrayAt(entry, 'ranges').map(parseRange).filter((r): r is AffectedRange => r !== undefined);
  const ranges = closeOpenRanges(parsed, objectAt(entry, 'database_specific'));
  return {
    scheme,
    platform: platformOf(scheme, ecosystem),
    name: normaliseName(scheme, name),
    ranges,
    versions: strings(arrayAt(entry, 'versions')),
    severity: [...severityList(arrayAt(entry, 'severity')), ...vendorSeverity(objectAt(entry, 'ecosystem_specific'), ecosystem)],
  };
}

/** OS ecosystems carry their release after ":" ("Debian:11", "Alpine:v3.19", "Ubuntu:22.04:LTS"). */
function platformOf(scheme: Ecosystem, ecosystem: string): string {
  const os: readonly Ecosystem[] = ['deb', 'apk', 'rpm'];
  if (!os.includes(scheme)) return '';
  return osvPlatformKey(ecosystem);
}

function parseRange(value: unknown): AffectedRange | undefined {
  if (!isObject(value)) return undefined;
  const type = stringAt(value, 'type');
  if (type !== 'ECOSYSTEM' && type !== 'SEMVER' && type !== 'GIT') return undefined;
  const events: RangeEvent[] = [];
  for (const event of arrayAt(value, 'events')) {
    if (!isObject(event)) continue;
    for (const kind of EVENT_KINDS) {
      const version = stringAt(event, kind);
      if (version !== undefined) events.push({ [kind]: version } as RangeEvent);
    }
  }
  return { type, events };
}

/**
 * GitHub's OSV export cannot say "versions below X, none fixed" (xlsx: "< 0.19.3", the fix only
 * on the vendor's CDN): it writes the range open ({"introduced": "0"}) and the bound in
 * `database_specific.last_known_affected_version_range`. Read by the schema's letter every later
 * version would be affected, unfixed, which GitHub and Trivy (reading GitHub's own data) do not
 * say. The bound closes the open ranges of that entry: "< X" as a limit (below X, no fix known),
 * "<= X" as last_affected. Ranges that already end are left as they are.
 */
function closeOpenRanges(ranges: readonly AffectedRange[], specific: JsonObject | undefined): AffectedRange[] {
  const known = specific === undefined ? undefined : stringAt(specific, 'last_known_affected_version_range');
  const bound = known === undefined ? null : /^\s*(<=?)\s*(\S+)\s*$/.exec(known);
  if (bound === null) return [...ranges];
  const [, op, version = ''] = bound;
  const end: RangeEvent = op === '<' ? { limit: version } : { last_affected: version };
  return ranges.map((range) => {
    const open = range.type !== 'GIT' && range.events.every((e) => 'introduced' in e);
    return open ? { type: range.type, events: [...range.events, end] } : range;
  });
}

function severityList(values: readonly unknown[]): SeverityClaim[] {
  const claims: SeverityClaim[] = [];
  for (const value of values) {
    if (!isObject(value)) continue;
    const type = stringAt(value, 'type');
    const score = stringAt(value, 'score');
    if (type === undefined || score === undefined) continue;
    if (type.startsWith('CVSS_')) claims.push({ kind: 'cvss', vector: score });
    else claims.push({ kind: 'vendor', rating: score, by: type });
  }
  return claims;
}

/** GHSA's database_specific.severity, and distro ecosystem_specific severities / urgencies. */
function vendorSeverity(specific: JsonObject | undefined, by: string): SeverityClaim[] {
  if (specific === undefined) return [];
  const rating = stringAt(specific, 'severity') ?? stringAt(specific, 'urgency');
  return rating === undefined ? [] : [{ kind: 'vendor', rating, by }];
}
