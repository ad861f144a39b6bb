/**
 * SBOM files as input: a CycloneDX (JSON, any 1.x) or SPDX 2.x JSON document read back into an
 * inventory, so an SBOM can stand in for the image it describes. Packages are taken from their
 * purls (CycloneDX `components[].purl`, nested components included; SPDX `externalRefs` of type
 * purl); entries without a purl cannot be matched to advisories and are counted in a note.
 *
 * What OS-package matching needs besides the purl is restored too: the operating system (the
 * CycloneDX `operating-system` component, the SPDX OPERATING_SYSTEM package, else the `distro`
 * qualifier the OS packages' purls agree on; with its pretty name and codename when recorded) and
 * each package's source package. LicenseRef-s become the licence texts they stand for. So is where each
 * package was found (file, layer, analyzer), from what Palisade's writers record and, for the
 * source package and the file, from the properties Trivy and Syft write.
 *
 * The file is untrusted (it comes with the image): which kind it is comes from sbom-format.ts, it is
 * read as a stream by sbom-json.ts keeping only the fields sbom-document.ts picks, under SbomLimits.
 */
import { statSync } from 'node:fs';
import type { Inventory, OperatingSystem, Package, PackageEcosystem } from '../../model/package.js';
import type { Problem } from '../../model/problem.js';
import { PalisadeError, problem } from '../../core/errors.js';
import { decode, displayName, ECOSYSTEMS, parsePurl, qualifier, upstreamOf } from './sbom-purl.js';
import { type DocumentShape, type Json, isJson, readDocument } from './sbom-document.js';
import { JsonCursor, type JsonPlace, SbomJsonError } from './sbom-json.js';
import { GzipError, openSbomSource, type SbomFile, sniffSbomFile } from './sbom-format.js';

/** Re-exported: callers of the SBOM input (the image loader's index) name it from here. */
export { parsePurl } from './sbom-purl.js';

/**
 * Bounds on what an SBOM may hold: it is attacker-controlled (it comes with the image), and each
 * bound is far above what Syft or Trivy write for the largest images (tens of thousands of
 * packages, components nested a few levels, fields of a few KB).
 */
export interface SbomLimits {
  readonly maxBytes: number;
  /** Packages kept: each costs some 160 bytes of memory however few bytes of the file it takes. */
  readonly maxPackages: number;
  /** One kept string (a purl, a name, a licence text); strings not read may be any size. */
  readonly maxFieldBytes: number;
  /** Objects and arrays open at once. */
  readonly maxDepth: number;
  /** CycloneDX components nested in one another. */
  readonly maxNesting: number;
}

export const SBOM_LIMITS: SbomLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxPackages: 1_000_000,
  maxFieldBytes: 1024 * 1024,
  maxDepth: 2000,
  maxNesting: 500,
};
const OS_ECOSYSTEMS: readonly PackageEcosystem[] = ['deb', 'apk', 'rpm'];
const LIMIT_HINT = 'No scanner writes an SBOM like this for a real image; check where the SBOM came from.';
// The catalog hints of these codes speak of image archives and package databases, not SBOM entries.
const NO_PURL_HINT = 'Packages without a purl cannot be matched against advisories; have the tool that wrote the SBOM record purls, or scan the image itself.';
const MALFORMED_PURL_HINT = 'A purl is pkg:TYPE/[NAMESPACE/]NAME@VERSION with its parts percent-encoded (purl-spec); fix or regenerate the SBOM.';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** Shared by the packages that declare no licence (most of a large SBOM's); never written to. */
const NO_LICENCES: readonly string[] = Object.freeze([]);

/** What an SBOM says about one package besides its purl. */
interface Recorded {
  /** The component's or package's name as written next to the purl. */
  readonly name?: string;
  readonly licenses: readonly string[];
  readonly file?: string;
  readonly layer?: string;
  readonly analyzer?: string;
  readonly source?: { readonly name: string; readonly version: string };
}

interface Entry extends Recorded {
  readonly purl: string;
}

/**
 * Whether `path` is to be read as an SBOM, by its first bytes: a JSON object (compressed or not,
 * UTF-8 or UTF-16), or another SBOM format that readSbomInventory refuses by name.
 */
export function isSbomFile(path: string): boolean {
  return sniffSbomFile(path) !== undefined;
}

/**
 * The inventory an SBOM file describes. The file is read as a stream, keeping only the fields used
 * (memory follows the packages kept, not the file); a file that is not JSON, or is beyond a bound,
 * is a PalisadeError located at the place in the file.
 */
export function readSbomInventory(path: string, overrides: Partial<SbomLimits> = {}): Inventory {
  const limits = { ...SBOM_LIMITS, ...overrides };
  const size = statSync(path).size;
  if (size > limits.maxBytes) throw tooLarge(path, `SBOM of ${size} bytes is over the limit of ${limits.maxBytes} bytes`, undefined);
  const file = sniffSbomFile(path) ?? { kind: 'json', encoding: 'utf8', gzip: false };
  if (file.kind === 'unsupported') {
    throw new PalisadeError(problem('image-unsupported', `${file.format} is not supported; an SBOM input is CycloneDX or SPDX JSON`, { file: path }, file.hint));
  }
  const read = readContent(path, file, limits);
  const format = formatOf(read.shape);
  if (format === undefined) {
    throw new PalisadeError(problem('image-invalid', `neither CycloneDX components nor SPDX packages`, { file: path }, 'An SBOM input is a CycloneDX JSON document (bomFormat "CycloneDX") or an SPDX 2.x JSON document (spdxVersion "SPDX-2.x").'));
  }
  const content = format === 'cyclonedx' ? read.cdx : read.spdx.resolveLicences(read.extracted);
  const problems: Problem[] = [...content.skipped.problems()];
  if (content.withoutPurl > 0) problems.push({ ...problem('file-not-read', `${content.withoutPurl} SBOM entries have no purl and were skipped`, { file: path }, NO_PURL_HINT), level: 'note' });
  const packages = withoutRepeats(content.packages.sort(comparePackages));
  const os = content.os ?? osFromPurls(packages);
  return { target: path, ...(os === undefined ? {} : { os }), packages, problems };
}

/** Both formats' packages as the document is read (which one counts is known at its end); errors located. */
function readContent(path: string, file: SbomFile & { kind: 'json' }, limits: SbomLimits): { shape: DocumentShape; cdx: Collector; spdx: Collector; extracted: Map<string, string> } {
  const cdx = new Collector(path);
  const spdx = new Collector(path);
  const extracted = new Map<string, string>();
  let opened: ReturnType<typeof openSbomSource> | undefined;
  try {
    opened = openSbomSource(path, file, limits.maxBytes);
    const cursor = new JsonCursor(opened.source, limits);
    const kept = (): void => {
      if (cdx.packages.length + spdx.packages.length > limits.maxPackages) throw new SbomJsonError('limit', `more than ${limits.maxPackages} packages`, cursor.place());
    };
    const shape = readDocument(cursor, limits, {
      component: (c, order) => { cdxComponent(cdx, c, order); kept(); },
      spdxPackage: (p) => { spdxPackage(spdx, p); kept(); },
      extractedLicence: (info) => { addExtractedLicence(extracted, info); },
      restart: (key) => { (key === 'components' ? cdx : spdx).clear(); },
    });
    return { shape, cdx, spdx, extracted };
  } catch (error) {
    if (error instanceof SbomJsonError) throw located(path, error);
    if (error instanceof GzipError && error.tooLarge) throw tooLarge(path, `SBOM over a limit: ${error.message}`, undefined);
    if (error instanceof GzipError) throw new PalisadeError(problem('image-invalid', `SBOM is ${error.message}`, { file: path }, 'Check it with `gunzip -t`; re-create it with the tool that wrote it.'));
    throw error;
  } finally {
    opened?.close();
  }
}

/**
 * Which format the document is: by its arrays as JSON.parse read it before, else by what it
 * declares, since both formats make the array optional (an SBOM of an image with no packages).
 */
function formatOf(shape: DocumentShape): 'cyclonedx' | 'spdx' | undefined {
  if (shape.components === 'array') return 'cyclonedx';
  if (shape.packages === 'array') return 'spdx';
  if (shape.bomFormat === 'CycloneDX' && shape.components === 'absent') return 'cyclonedx';
  if (shape.spdxVersion?.startsWith('SPDX-2.') === true && shape.packages === 'absent') return 'spdx';
  return undefined;
}

function located(path: string, error: SbomJsonError): PalisadeError {
  if (error.kind === 'limit') return tooLarge(path, `SBOM over a limit: ${error.message}`, error.place);
  return new PalisadeError(problem('json-syntax', `not a JSON SBOM: ${error.message}`, { file: path, ...error.place }, 'Fix the JSON at the given place; an SBOM is one CycloneDX or SPDX JSON document.'));
}

function tooLarge(path: string, message: string, place: JsonPlace | undefined): PalisadeError {
  return new PalisadeError(problem('input-too-large', message, { file: path, ...place }, LIMIT_HINT));
}

/** The packages of one format's array, made as they are read; the OS element with the lowest order wins. */
class Collector {
  packages: Package[] = [];
  withoutPurl = 0;
  os: OperatingSystem | undefined;
  osOrder = Infinity;
  skipped: ReturnType<typeof skippedPurls>;
  /** SPDX packages naming a LicenseRef-, by index: resolved once the whole document is read. */
  licenceRefs: { readonly index: number; readonly declared: string }[] = [];
  private readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.skipped = skippedPurls(path);
  }

  clear(): void {
    this.packages = [];
    this.withoutPurl = 0;
    this.os = undefined;
    this.osOrder = Infinity;
    this.skipped = skippedPurls(this.path);
    this.licenceRefs = [];
  }

  add(entry: Entry): boolean {
    const parsed = parsePurl(entry.purl);
    if (parsed === undefined) {
      this.skipped.add(entry.purl);
      return false;
    }
    const source = entry.source ?? upstreamOf(parsed, entry.purl);
    // Built in one shape, optional fields set after: objects made of conditional spreads took twice
    // the memory and time, which a million packages make felt.
    const pkg: Mutable<Package> = {
      name: displayName(parsed, entry.name), version: parsed.version, ecosystem: parsed.ecosystem,
      // The SBOM's own string when it is already canonical (the usual case): one flat copy, not a second one built.
      purl: parsed.purl === entry.purl ? entry.purl : parsed.purl,
      licenses: entry.licenses.length === 0 ? NO_LICENCES : entry.licenses, file: entry.file ?? this.path, analyzer: entry.analyzer ?? 'sbom',
    };
    if (parsed.arch !== undefined) pkg.arch = parsed.arch;
    if (source !== undefined) pkg.source = source;
    if (entry.layer !== undefined) pkg.layer = entry.layer;
    this.packages.push(pkg);
    return true;
  }

  /** SPDX licences are read before the hasExtractedLicensingInfos that say what their LicenseRef-s are. */
  resolveLicences(extracted: ReadonlyMap<string, string>): this {
    for (const { index, declared } of this.licenceRefs) {
      const p = this.packages[index];
      if (p !== undefined) this.packages[index] = { ...p, licenses: spdxLicenses(declared, extracted) };
    }
    return this;
  }
}

/** Malformed purls named one by one, up to this many; the rest are counted. */
const MAX_NAMED_MALFORMED = 5;
/** Purl types Palisade does not match named one by one, up to this many (purl-spec knows some 30). */
const MAX_NAMED_TYPES = 32;
/** How much of an untrusted purl a message quotes. */
const MAX_QUOTED = 200;

/**
 * The entries whose purl gives no package to match, reported by kind and not one line each (an
 * SBOM lists hundreds of thousands): purls of types Palisade does not match (pkg:generic,
 * pkg:github, pkg:oci, ... which Syft and Trivy write for valid reasons) as one note per type, and
 * malformed or versionless purls, the first few named and the rest counted.
 */
function skippedPurls(path: string): { add: (purl: string) => void; problems: () => Problem[] } {
  const byType = new Map<string, number>();
  /** Entries of types beyond MAX_NAMED_TYPES: a hostile SBOM can make every purl type different. */
  let otherTypes = 0;
  const malformed: string[] = [];
  let more = 0;
  return {
    add(purl) {
      const type = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\//.exec(purl)?.[1]?.toLowerCase();
      if (type !== undefined && !ECOSYSTEMS.some((e) => e === type)) {
        if (byType.has(type) || byType.size < MAX_NAMED_TYPES) byType.set(type, (byType.get(type) ?? 0) + 1);
        else otherTypes += 1;
      } else if (malformed.length < MAX_NAMED_MALFORMED) {
        malformed.push(purl);
      } else {
        more += 1;
      }
    },
    problems() {
      const types = [...byType].sort(([a], [b]) => cmp(a, b)).map(([type, count]) => ({
        ...problem('analyzer-unsupported', `${count} SBOM ${count === 1 ? 'entry' : 'entries'} with purl type "${quoted(type)}" ${count === 1 ? 'is' : 'are'} not matched against advisories (Palisade matches ${ECOSYSTEMS.join(', ')})`, { file: path }),
        level: 'note' as const,
      }));
      if (otherTypes > 0) types.push({ ...problem('analyzer-unsupported', `${otherTypes} more SBOM ${otherTypes === 1 ? 'entry' : 'entries'} with other purl types ${otherTypes === 1 ? 'is' : 'are'} not matched against advisories`, { file: path }), level: 'note' });
      const named = malformed.map((purl) => problem('image-invalid', `SBOM entry with a malformed or versionless purl "${quoted(purl)}" skipped`, { file: path }, MALFORMED_PURL_HINT));
      const rest = more === 0 ? [] : [problem('image-invalid', `${more} more SBOM entries with malformed or versionless purls skipped`, { file: path }, MALFORMED_PURL_HINT)];
      return [...types, ...named, ...rest];
    },
  };
}

/**
 * An untrusted purl for a message: shortened, and without the user:password of a URL in it (a
 * vcs_url or download_url qualifier, percent-encoded or not, may carry a token).
 */
function quoted(text: string): string {
  const redacted = text.replace(/(\/\/|%2F%2F)[^/@\s]*(@|%40)/gi, '$1***$2');
  return redacted.length <= MAX_QUOTED ? redacted : `${redacted.slice(0, MAX_QUOTED)}…`;
}

/** A CycloneDX component (nested ones come separately): the first `operating-system` one is the OS. */
function cdxComponent(into: Collector, c: Json, order: number): void {
  if (c.type === 'operating-system') {
    if (order < into.osOrder) {
      const os = cdxOperatingSystem(c);
      if (os !== undefined) {
        into.os = os;
        into.osOrder = order;
      }
    }
  } else if (typeof c.purl === 'string') {
    into.add({ purl: c.purl, ...cdxRecorded(c) });
  } else if (text(c.version) !== undefined) {
    // A package that cannot be matched. Components without a version are not packages: Trivy's
    // per-file groups of language packages ("Node.js", "app/package-lock.json"), files, the image.
    into.withoutPurl += 1;
  }
}

function cdxOperatingSystem(c: Json): OperatingSystem | undefined {
  const props = properties(c.properties);
  // Syft also records the os-release fields as properties; they are more exact than the name.
  const id = props.get('syft:distro:id') ?? text(c.name);
  if (id === undefined) return undefined;
  const versionId = props.get('syft:distro:versionID') ?? text(c.version);
  const prettyName = props.get('syft:distro:prettyName') ?? (typeof c.description === 'string' ? c.description : undefined);
  // CycloneDX has no codename field: Palisade's writer and Syft each record it as a property.
  const codename = props.get('palisade:os:codename') ?? props.get('syft:distro:versionCodename');
  return osOf(id, versionId, prettyName, codename);
}

/**
 * Trivy splits a source package's version into SrcEpoch, SrcVersion and SrcRelease; read alone,
 * SrcVersion ("2.36" of glibc 2.36-9+deb12u4) would match every advisory fixed in any revision.
 */
function trivySourceVersion(props: ReadonlyMap<string, string>): string | undefined {
  const version = props.get('aquasecurity:trivy:SrcVersion');
  if (version === undefined) return undefined;
  const epoch = props.get('aquasecurity:trivy:SrcEpoch');
  const release = props.get('aquasecurity:trivy:SrcRelease');
  return `${epoch === undefined || epoch === '' || epoch === '0' ? '' : `${epoch}:`}${version}${release === undefined || release === '' ? '' : `-${release}`}`;
}

function cdxRecorded(c: Json): Recorded {
  const props = properties(c.properties);
  const sourceName = props.get('palisade:package:source-name') ?? props.get('aquasecurity:trivy:SrcName');
  const sourceVersion = props.get('palisade:package:source-version') ?? trivySourceVersion(props) ?? '';
  const file = props.get('palisade:package:file') ?? props.get('syft:location:0:path') ?? props.get('aquasecurity:trivy:FilePath');
  // Trivy's LayerDigest is the blob digest, as Palisade's layer is (its LayerDiffID and Syft's layerID are not).
  const layer = props.get('palisade:package:layer') ?? digestOrUndefined(props.get('aquasecurity:trivy:LayerDigest'));
  const analyzer = props.get('palisade:package:analyzer');
  const name = text(c.name);
  return {
    ...(name === undefined ? {} : { name }),
    licenses: cdxLicenses(c.licenses),
    ...(file === undefined ? {} : { file: absolute(file) }),
    ...(layer === undefined ? {} : { layer }),
    ...(analyzer === undefined ? {} : { analyzer }),
    ...(sourceName === undefined ? {} : { source: { name: sourceName, version: sourceVersion } }),
  };
}

function digestOrUndefined(value: string | undefined): string | undefined {
  return value !== undefined && /^sha256:[0-9a-f]{64}$/.test(value) ? value : undefined;
}

/** The first value of each property name (CycloneDX allows repeats, e.g. image tags). */
function properties(value: unknown): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(value)) return map;
  for (const p of value.filter(isJson)) {
    if (typeof p.name === 'string' && typeof p.value === 'string' && !map.has(p.name)) map.set(p.name, p.value);
  }
  return map;
}

/**
 * Licence ids, names and expressions as written; an expression of several licences joined by a
 * top-level AND (what the writer makes of a package's several licences) is those licences.
 */
function cdxLicenses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter(isJson).flatMap((l) => {
    const expression = text(l.expression);
    if (expression !== undefined) {
      const terms = topLevelTerms(expression);
      return terms.length > 1 ? terms : [expression];
    }
    const license = isJson(l.license) ? l.license : {};
    const found = text(license.id) ?? text(license.name);
    return found === undefined ? [] : [found];
  }))];
}

/** An SPDX package with a purl reference; the first OPERATING_SYSTEM package is the OS. */
function spdxPackage(into: Collector, p: Json): void {
  const purpose = p.primaryPackagePurpose ?? trivyPurpose(p.SPDXID);
  // The JSON schema spells it OPERATING_SYSTEM; tag-value (and some JSON writers) OPERATING-SYSTEM.
  if (purpose === 'OPERATING_SYSTEM' || purpose === 'OPERATING-SYSTEM') {
    into.os ??= spdxOperatingSystem(p);
    return;
  }
  // The image itself (pkg:oci in Palisade's, Trivy's and Syft's SBOMs), not a package in it; Trivy's
  // groups of language packages (its SPDX 2.2 puts the group's type, "jar", in versionInfo).
  if (purpose === 'CONTAINER' || purpose === TRIVY_GROUP) return;
  const refs = Array.isArray(p.externalRefs) ? p.externalRefs.filter(isJson) : [];
  const ref = refs.find((r) => r.referenceType === 'purl' && typeof r.referenceLocator === 'string');
  if (ref === undefined) {
    // As for CycloneDX: a package without a version is a grouping (Trivy's per-file APPLICATION ones), not one to match.
    if (purpose !== 'FILE' && text(p.versionInfo) !== undefined) into.withoutPurl += 1;
    return;
  }
  const declared = text(p.licenseDeclared);
  if (into.add({ purl: String(ref.referenceLocator), ...spdxRecorded(p) }) && declared !== undefined && /licenseref-/i.test(declared)) {
    into.licenceRefs.push({ index: into.packages.length - 1, declared });
  }
}

const TRIVY_GROUP = 'trivy:application';

/**
 * SPDX 2.2 has no primaryPackagePurpose; Trivy's SPDX 2.2 tells its elements apart by their
 * SPDXID instead (SPDXRef-OperatingSystem-HASH, SPDXRef-ContainerImage-HASH, SPDXRef-Application-HASH
 * for a group of language packages), as its own SBOM reader does.
 */
function trivyPurpose(spdxId: unknown): string | undefined {
  if (typeof spdxId !== 'string') return undefined;
  if (spdxId.startsWith('SPDXRef-OperatingSystem-')) return 'OPERATING_SYSTEM';
  if (spdxId.startsWith('SPDXRef-ContainerImage-')) return 'CONTAINER';
  return spdxId.startsWith('SPDXRef-Application-') ? TRIVY_GROUP : undefined;
}

/**
 * The OS package: name and versionInfo are os-release ID and VERSION_ID; Palisade's writer puts
 * PRETTY_NAME in the description and VERSION_CODENAME in the comment, in os-release syntax.
 */
function spdxOperatingSystem(p: Json): OperatingSystem | undefined {
  const id = text(p.name);
  if (id === undefined) return undefined;
  // An empty PRETTY_NAME is still the one the image has: kept, as the os-release analyzer keeps it.
  const prettyName = typeof p.description === 'string' ? p.description : undefined;
  return osOf(id, text(p.versionInfo), prettyName, osReleaseCodename(text(p.comment) ?? ''));
}

/** VERSION_CODENAME=VALUE, bare or double-quoted with shell escapes (os-release(5)); undefined for any other comment. */
function osReleaseCodename(comment: string): string | undefined {
  const match = /^VERSION_CODENAME=(?:"((?:[^"\\]|\\.)*)"|([^\s"'\\]*))$/s.exec(comment.trim());
  if (match === null) return undefined;
  return match[1] === undefined ? match[2] : match[1].replace(/\\(.)/gs, '$1');
}

/**
 * LicenseRef id -> the licence text it stands for: the extracted text (what Palisade's writer
 * stores the declared licence in), else the licence name. Keyed in lower case because SPDX matches
 * licence ids without regard to case (SPDX 2.3 annex D).
 */
function addExtractedLicence(extracted: Map<string, string>, info: Json): void {
  if (typeof info.licenseId !== 'string') return;
  const name = text(info.name);
  const licence = typeof info.extractedText === 'string' ? info.extractedText : name === 'NOASSERTION' ? undefined : name;
  if (licence !== undefined && !extracted.has(info.licenseId.toLowerCase())) extracted.set(info.licenseId.toLowerCase(), licence);
}

/**
 * Palisade's SPDX writer says where a package was found in its comment ("found in FILE[, added
 * by layer DIGEST]") and its source package in sourceInfo ("built from source package NAME
 * VERSION"); Trivy writes "built package from: NAME VERSION", Syft the files it read the package
 * from ("acquired package info from DPKG DB: /var/lib/dpkg/status, /usr/share/doc/...").
 */
function spdxRecorded(p: Json): Recorded {
  const found = /^found in (\/.*?)(?:, added by layer (sha256:[0-9a-f]{64}))?$/.exec(text(p.comment) ?? '')
    ?? /^acquired package info from .+?: (\/[^,]*)/.exec(text(p.sourceInfo) ?? '');
  const source = /^(?:built from source package|built package from:) (\S+) (\S+)$/.exec(text(p.sourceInfo) ?? '');
  const name = text(p.name);
  return {
    ...(name === undefined ? {} : { name }),
    licenses: spdxLicenses(text(p.licenseDeclared), NO_EXTRACTED),
    ...(found?.[1] === undefined ? {} : { file: found[1] }),
    ...(found?.[2] === undefined ? {} : { layer: found[2] }),
    ...(source?.[1] === undefined || source[2] === undefined ? {} : { source: { name: source[1], version: source[2] } }),
  };
}

/**
 * A declared licence expression back into the licences it lists: the writers join several
 * licences with AND, so top-level AND terms are separate licences (an expression "A AND B" comes
 * back as A and B, which means the same); LicenseRef-s become the text they stand for.
 */
const NO_EXTRACTED: ReadonlyMap<string, string> = new Map();

function spdxLicenses(declared: string | undefined, extracted: ReadonlyMap<string, string>): string[] {
  if (declared === undefined || declared === 'NOASSERTION' || declared === 'NONE') return [];
  // A licence repeated in an AND is the same licence once.
  return [...new Set(topLevelTerms(declared).map((term) => extracted.get(term.toLowerCase()) ?? term))];
}

function topLevelTerms(expression: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i += 1) {
    const c = expression[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (depth === 0 && expression.startsWith(' AND ', i)) {
      terms.push(expression.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  terms.push(expression.slice(start));
  return terms.map((t) => unwrap(t.trim())).filter((t) => t !== '');
}

/** "(A OR B)" -> "A OR B" when the parentheses enclose the whole term. */
function unwrap(term: string): string {
  if (!term.startsWith('(') || !term.endsWith(')')) return term;
  let depth = 0;
  for (let i = 0; i < term.length - 1; i += 1) {
    if (term[i] === '(') depth += 1;
    else if (term[i] === ')') depth -= 1;
    if (depth === 0) return term;
  }
  return term.slice(1, -1);
}

/**
 * Without an OS element, the `distro` qualifier of the OS packages' purls (debian-12,
 * alpine-3.19.1, rhel-9.3), when they all agree: Trivy and Syft write it on every OS package.
 * Trivy writes an Alpine one as the bare version (distro=3.19.1); the purl namespace names the
 * distribution then.
 */
function osFromPurls(packages: readonly Package[]): OperatingSystem | undefined {
  let only: string | undefined;
  for (const p of packages) {
    if (!OS_ECOSYSTEMS.includes(p.ecosystem)) continue;
    const distro = qualifier(p.purl, 'distro');
    if (distro === undefined) continue;
    const namespace = /^pkg:[^/]+\/([^/?#@]+)\//.exec(p.purl)?.[1];
    const named = /^\d/.test(distro) && namespace !== undefined ? `${decode(namespace) ?? namespace}-${distro}` : distro;
    if (only !== undefined && only !== named) return undefined;
    only = named;
  }
  if (only === undefined) return undefined;
  const match = /^(.+?)-(\d[^-]*)$/.exec(only);
  return match?.[1] === undefined ? osOf(only, undefined, undefined, undefined) : osOf(match[1], match[2], undefined, undefined);
}

/**
 * Trivy names operating systems by its own family names, not os-release IDs; advisories are keyed
 * by os-release ID, so an SBOM naming "alma" or "redhat" would never meet them.
 */
const OS_RELEASE_ID_OF_FAMILY: Readonly<Record<string, string>> = {
  alma: 'almalinux',
  amazon: 'amzn',
  'cbl-mariner': 'mariner',
  oracle: 'ol',
  redhat: 'rhel',
  'opensuse.leap': 'opensuse-leap',
  'opensuse.tumbleweed': 'opensuse-tumbleweed',
  'suse linux enterprise server': 'sles',
  'suse linux enterprise micro': 'sle-micro',
};

function osOf(id: string, versionId: string | undefined, prettyName: string | undefined, codename: string | undefined): OperatingSystem {
  const lower = id.toLowerCase();
  return {
    id: OS_RELEASE_ID_OF_FAMILY[lower] ?? lower,
    ...(versionId === undefined || versionId === '' ? {} : { versionId }),
    ...(prettyName === undefined ? {} : { prettyName }),
    ...(codename === undefined || codename === '' ? {} : { codename }),
  };
}

/** Syft records paths relative to the image root without the leading slash in some versions. */
function absolute(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The order takeInventory gives: ecosystem, name, version, file; then purl and layer, which puts repeats side by side. */
function comparePackages(a: Package, b: Package): number {
  return cmp(a.ecosystem, b.ecosystem) || cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.file, b.file) || cmp(a.purl, b.purl) || cmp(a.layer ?? '', b.layer ?? '');
}

/**
 * Sorted packages with each one listed once: an SBOM merged from others (cyclonedx merge), or one
 * repeating a component under another bom-ref or SPDXID, lists a package twice, and every
 * vulnerability of it would be reported twice. A package at another file or layer is another one.
 */
function withoutRepeats(sorted: Package[]): Package[] {
  return sorted.filter((p, i) => {
    const before = sorted[i - 1];
    return before === undefined || comparePackages(before, p) !== 0;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

