/**
 * VEX: a supplier's statements that a vulnerability does not affect (or is fixed in) a product.
 * Findings they cover stay in the report, marked suppressed with the justification, and stop
 * counting against gates. For one vulnerability and package the latest statement wins, so a later
 * "affected" revokes an earlier "not_affected".
 */
import { readFileSync, statSync } from 'node:fs';
import { PalisadeError } from '../../core/errors.js';
import { jsonErrorPlace } from '../../lib/json-error-offset.js';
import { isObject } from '../import/json-shape.js';
import type { VulnerabilityMatch } from '../match/merge.js';
import { vulnProblem } from '../problems.js';
import { cycloneDxStatements, looksLikeCycloneDx } from './cyclonedx.js';
import { looksLikeOpenVex, openVexStatements } from './openvex.js';
import { isImagePurl, type VexStatement, suppresses } from './statement.js';
import { jsonErrorMessage } from '../../lib/json-error.js';

export type { VexStatement, VexStatus } from './statement.js';

const MAX_VEX_BYTES = 64 * 1024 * 1024;

export interface VexDocument {
  readonly format: 'openvex' | 'cyclonedx';
  readonly statements: readonly VexStatement[];
  /** Statements skipped for lacking a vulnerability or a known status. */
  readonly invalid: number;
}

export function parseVex(value: unknown, source: string): VexDocument {
  if (isObject(value) && looksLikeCycloneDx(value)) return { format: 'cyclonedx', ...cycloneDxStatements(value, source) };
  if (isObject(value) && looksLikeOpenVex(value)) return { format: 'openvex', ...openVexStatements(value, source) };
  throw new PalisadeError(vulnProblem('vex-invalid', `${source} is neither an OpenVEX nor a CycloneDX document`, source));
}

export function loadVex(file: string): VexDocument {
  let text: string;
  try {
    if (statSync(file).size > MAX_VEX_BYTES) throw new PalisadeError(vulnProblem('vex-invalid', `${file} is larger than ${MAX_VEX_BYTES} bytes`, file));
    // RFC 8259 lets a parser ignore a byte order mark; Windows tools (PowerShell 5) write one.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError(vulnProblem('vex-invalid', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, file));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorPlace(text);
    throw new PalisadeError(vulnProblem('vex-invalid', `${file} is not JSON: ${jsonErrorMessage(error)}`, file, at?.line, at?.column));
  }
  return parseVex(value, file);
}

/** The scanned image, so that statements about another image leave its findings alone. */
export interface VexArtifact {
  /** Its manifest and config digests ("sha256:..."). */
  readonly digests: readonly string[];
}

/**
 * Marks the matches the statements cover; unmatched statements change nothing. With `artifact`,
 * a statement whose products are images named by digest applies only to those images (one VEX
 * document given for a scan of several images speaks about each image separately).
 */
export function applyVex(matches: readonly VulnerabilityMatch[], statements: readonly VexStatement[], artifact?: VexArtifact): VulnerabilityMatch[] {
  const digests = new Set(artifact?.digests.map((d) => d.toLowerCase()));
  const about = artifact === undefined ? statements : statements.filter((s) => s.imageDigests === undefined || s.imageDigests.some((d) => digests.has(d)));
  const ordered = [...about].sort((a, b) => timeOf(a) - timeOf(b));
  return matches.map((match) => {
    let last: VexStatement | undefined;
    for (const statement of ordered) if (covers(statement, match)) last = statement;
    if (last === undefined || !suppresses(last.status)) return match;
    return { ...match, suppression: { kind: 'vex', reason: reasonOf(last), source: last.source } };
  });
}

/**
 * When a statement was made, as an instant: ISO 8601 timestamps with different offsets do not
 * sort as text ("10:00+02:00" is before "09:00Z"). Undated or unreadable ones count as oldest.
 */
function timeOf(statement: VexStatement): number {
  const time = statement.timestamp === undefined ? Number.NaN : Date.parse(statement.timestamp);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function covers(statement: VexStatement, match: VulnerabilityMatch): boolean {
  const ids = new Set([match.id, ...match.aliases]);
  if (!statement.ids.some((id) => ids.has(id))) return false;
  const purl = match.package.purl;
  if (purl !== undefined && statement.purls.some((p) => samePackage(p, purl))) return true;
  // A product named without subcomponents covers all its packages, but only when it names no package.
  return statement.wholeProduct && statement.purls.every(isImagePurl);
}

function reasonOf(statement: VexStatement): string {
  const parts = [statement.status, statement.justification, statement.detail].filter((p): p is string => p !== undefined && p !== '');
  return parts.join(': ');
}

interface PurlParts {
  readonly base: string;
  readonly version?: string;
}

function parts(purl: string): PurlParts {
  const bare = (purl.split('#', 1)[0] ?? '').split('?', 1)[0] ?? '';
  const at = bare.lastIndexOf('@');
  const slash = bare.indexOf('/');
  const [base, version] = at > slash ? [bare.slice(0, at), bare.slice(at + 1)] : [bare, undefined];
  let decoded = base;
  try {
    decoded = decodeURIComponent(base);
  } catch {
    // keep the raw text; it then only equals itself
  }
  const typeEnd = Math.max(decoded.indexOf('/'), 0);
  const type = decoded.slice(0, typeEnd).toLowerCase();
  return { base: `${type}${samePackageName(type, decoded.slice(typeEnd))}`, ...(version === undefined ? {} : { version: safeDecode(version) }) };
}

/**
 * Tools spell one package's purl differently: Trivy lower-cases npm and Go names
 * (pkg:npm/jsonstream), the analyzers keep the author's case (pkg:npm/JSONStream), so a VEX
 * written from one tool's report must still meet the other's. No two real packages of a registry
 * differ only by case; PyPI names are also equal up to runs of "-", "_" and "." (PEP 503).
 */
function samePackageName(type: string, path: string): string {
  const lower = path.toLowerCase();
  return type === 'pkg:pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Same package: type, namespace and name equal, and the version too when the statement gives one. */
function samePackage(statementPurl: string, packagePurl: string): boolean {
  const s = parts(statementPurl);
  const p = parts(packagePurl);
  return s.base === p.base && (s.version === undefined || s.version === p.version);
}
