/**
 * CycloneDX 1.6 JSON from an inventory (https://cyclonedx.org/docs/1.6/json/). Deterministic: the
 * clock is injected and the serial number is derived from the content unless given, so the same
 * image gives byte-identical SBOMs. Not a report writer: it sees an Inventory, not findings.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../model/finding.js';
import type { Inventory, OperatingSystem, Package } from '../../model/package.js';
import { isKnownSpdxId, isSpdxExpression } from '../spdx/license-ids.js';
import { imageIdentity } from './image-identity.js';
import { diffIdsByDigest, toolProperties } from './tool-properties.js';
import { vulnerabilitiesSection } from './vulnerabilities.js';

export interface SbomOptions {
  readonly toolVersion: string;
  /** Injected clock (default: now). */
  readonly now?: () => Date;
  /** A urn:uuid / namespace id; derived from the inventory when omitted. */
  readonly id?: string;
  /** Vulnerability findings about the inventory's packages: written as the `vulnerabilities` section. */
  readonly vulnerabilities?: readonly Finding[];
}

/**
 * A UUID (RFC 9562 layout, version 5 bits) from a hash of a document's content, the clock's
 * reading left out: the same content gives the same id run after run, and any difference (a
 * licence, the OS, a vulnerability added to the section) another one. Hashing only the packages'
 * purls gave two different SBOMs of one image the same serial number, which CycloneDX consumers
 * take for the same BOM (serialNumber and version identify one).
 */
export function contentUuid(content: unknown): string {
  const hex = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function cycloneDx(inventory: Inventory, options: SbomOptions): string {
  const now = (options.now ?? (() => new Date()))();
  const subjectRef = 'palisade:subject';
  const refs = bomRefs(inventory.packages);
  const components: Record<string, unknown>[] = [];
  if (inventory.os !== undefined) components.push(operatingSystemComponent(inventory.os));
  const diffIds = diffIdsByDigest(inventory.image?.layers);
  inventory.packages.forEach((p, i) => components.push(component(p, refs[i] ?? p.purl, diffIds)));
  const tools = { components: [{ type: 'application', name: 'palisade', version: options.toolVersion }] };
  const subject = subjectComponent(inventory, subjectRef);
  const content = {
    components,
    dependencies: [{ ref: subjectRef, dependsOn: components.map((c) => c['bom-ref'] as string) }],
    ...(refs.length === 0 ? {} : { compositions: [unknownDependencies(refs)] }),
    ...(options.vulnerabilities === undefined ? {} : { vulnerabilities: vulnerabilitiesSection(options.vulnerabilities, refLookup(inventory.packages, refs)) }),
  };
  const uuid = options.id ?? contentUuid({ tools, subject, ...content });
  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuid}`,
    version: 1,
    metadata: { timestamp: isoSeconds(now), tools, component: subject },
    ...content,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

/**
 * The inventory says which packages an image holds, not which needs which (the analyzers record no
 * edges), so the packages have no entry of their own in `dependencies`: CycloneDX reads an absent
 * entry as "unknown", an empty one as "depends on nothing". The composition says it in so many
 * words for the consumers that grade completeness (the NTIA "known unknowns" element).
 */
function unknownDependencies(refs: readonly string[]): Record<string, unknown> {
  return { aggregate: 'unknown', dependencies: [...refs] };
}

/**
 * The image (type container: its repository, manifest digest and pkg:oci purl), else the scanned
 * directory (type file, named by the target). The target as typed stays a property when the
 * image's name replaces it.
 */
function subjectComponent(inventory: Inventory, ref: string): Record<string, unknown> {
  const image = inventory.image;
  const identity = imageIdentity(inventory);
  if (image === undefined || identity === undefined) return { type: 'file', 'bom-ref': ref, name: inventory.target };
  return {
    type: 'container', 'bom-ref': ref, name: identity.name,
    version: image.manifestDigest ?? image.configDigest,
    ...(identity.purl === undefined ? {} : { purl: identity.purl }),
    properties: [
      { name: 'palisade:image:config-digest', value: image.configDigest },
      { name: 'palisade:image:platform', value: `${image.os}/${image.architecture}${image.variant === undefined ? '' : `/${image.variant}`}` },
      ...image.repoTags.map((t) => ({ name: 'palisade:image:tag', value: t })),
      ...(identity.name === inventory.target ? [] : [{ name: 'palisade:image:target', value: inventory.target }]),
    ],
  };
}

/**
 * The OS as an `operating-system` component: os-release ID as the name, VERSION_ID as the version,
 * PRETTY_NAME as the description (where Syft puts it too). CycloneDX 1.6 has no field for a
 * release codename, so VERSION_CODENAME is the `palisade:os:codename` property.
 */
function operatingSystemComponent(os: OperatingSystem): Record<string, unknown> {
  return {
    type: 'operating-system', 'bom-ref': 'palisade:os', name: os.id,
    ...(os.versionId === undefined ? {} : { version: os.versionId }),
    ...(os.prettyName === undefined ? {} : { description: os.prettyName }),
    ...(os.codename === undefined ? {} : { properties: [{ name: 'palisade:os:codename', value: os.codename }] }),
  };
}

/** The bom-ref of the component for a package, found by purl and the file it was read from. */
function refLookup(packages: readonly Package[], refs: readonly string[]): (purl: string, file: string) => string | undefined {
  const byKey = new Map<string, string>();
  packages.forEach((p, i) => {
    const ref = refs[i];
    if (ref !== undefined && !byKey.has(`${p.purl}\u0000${p.file}`)) byKey.set(`${p.purl}\u0000${p.file}`, ref);
  });
  return (purl, file) => byKey.get(`${purl}\u0000${file}`);
}

/** bom-refs must be unique: the purl, qualified by the file when one package is installed twice. */
function bomRefs(packages: readonly Package[]): string[] {
  const counts = new Map<string, number>();
  for (const p of packages) counts.set(p.purl, (counts.get(p.purl) ?? 0) + 1);
  const seen = new Set<string>();
  return packages.map((p) => {
    let ref = (counts.get(p.purl) ?? 0) > 1 ? `${p.purl}#${p.file}` : p.purl;
    for (let n = 2; seen.has(ref); n += 1) ref = `${p.purl}#${p.file}#${n}`;
    seen.add(ref);
    return ref;
  });
}

function component(p: Package, ref: string, diffIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const properties = [
    { name: 'palisade:package:ecosystem', value: p.ecosystem },
    { name: 'palisade:package:file', value: p.file },
    { name: 'palisade:package:analyzer', value: p.analyzer },
    ...(p.layer === undefined ? [] : [{ name: 'palisade:package:layer', value: p.layer }]),
    ...(p.source === undefined ? [] : [{ name: 'palisade:package:source-name', value: p.source.name }, { name: 'palisade:package:source-version', value: p.source.version }]),
    ...(p.arch === undefined ? [] : [{ name: 'palisade:package:arch', value: p.arch }]),
    // The same facts under the names Trivy and Syft read (see tool-properties.ts).
    ...toolProperties(p, diffIds),
  ];
  return {
    type: 'library', 'bom-ref': ref, name: p.name, version: p.version, purl: p.purl,
    ...(p.licenses.length === 0 ? {} : { licenses: licenses(p.licenses) }),
    properties,
  };
}

/**
 * CycloneDX allows either one expression or a list of licence objects, not a mix. Several
 * licences of which one is an expression are one expression joined by AND (as the SPDX writer
 * declares them) when all are SPDX; an expression is never a licence `name`, which consumers would
 * take for an unknown licence. Names (not SPDX) keep the list form.
 */
function licenses(declared: readonly string[]): unknown[] {
  const unique = [...new Set(declared)];
  const [only] = unique;
  if (unique.length === 1 && only !== undefined && isSpdxExpression(only)) return [{ expression: only }];
  if (unique.some(isSpdxExpression) && unique.every((l) => isKnownSpdxId(l) || isSpdxExpression(l))) {
    return [{ expression: unique.map((l) => (isKnownSpdxId(l) || enclosed(l) ? l : `(${l})`)).join(' AND ') }];
  }
  return unique.map((l) => ({ license: isKnownSpdxId(l) ? { id: l } : { name: l } }));
}

/** Whether one pair of parentheses encloses the whole expression ("(A) OR (B)" is not enclosed: AND binds tighter than OR). */
function enclosed(expression: string): boolean {
  if (!expression.startsWith('(')) return false;
  let depth = 0;
  for (let i = 0; i < expression.length; i += 1) {
    if (expression[i] === '(') depth += 1;
    else if (expression[i] === ')') depth -= 1;
    if (depth === 0) return i === expression.length - 1;
  }
  return false;
}
