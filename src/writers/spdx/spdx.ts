/**
 * SPDX 2.3 JSON from an inventory (https://spdx.github.io/spdx-spec/v2.3/). Deterministic like the
 * CycloneDX writer. Licences that are not SPDX ids or expressions become LicenseRef- entries
 * carrying the declared text in hasExtractedLicensingInfos, as the spec requires, one ref per
 * distinct text (see license-refs.ts).
 */
import { createHash } from 'node:crypto';
import type { Inventory, OperatingSystem, Package } from '../../model/package.js';
import { contentUuid, isoSeconds, type SbomOptions } from '../cyclonedx/cyclonedx.js';
import { imageIdentity } from '../cyclonedx/image-identity.js';
import { isKnownSpdxId, isSpdxExpression } from './license-ids.js';
import { licenseRefs } from './license-refs.js';

/**
 * The analyzers record which packages an image holds, not which needs which: said once, so that
 * the absence of DEPENDS_ON relationships is not read as packages depending on nothing.
 */
const NO_DEPENDENCIES = 'Packages the image contains (CONTAINS); dependencies between them are not recorded: no DEPENDS_ON relationship means none is known, not that there is none.';

export function spdx(inventory: Inventory, options: SbomOptions): string {
  const now = (options.now ?? (() => new Date()))();
  const refs = licenseRefs(inventory.packages.flatMap((p) => p.licenses.filter(needsRef)));
  const subject = 'SPDXRef-Subject';
  const ids = spdxIds(inventory.packages);
  const image = inventory.image;
  // The image by its repository and pkg:oci purl (see image-identity.ts), as the CycloneDX subject.
  const identity = imageIdentity(inventory);
  const packages: Record<string, unknown>[] = [{
    name: identity?.name ?? inventory.target,
    SPDXID: subject,
    ...(image === undefined ? {} : { versionInfo: image.manifestDigest ?? image.configDigest }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: image === undefined ? 'FILE' : 'CONTAINER',
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    ...(identity?.purl === undefined ? {} : { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: identity.purl }] }),
  }];
  if (inventory.os !== undefined) packages.push(operatingSystemPackage(inventory.os));
  inventory.packages.forEach((p, i) => packages.push(spdxPackage(p, ids[i] ?? 'SPDXRef-Package', refs)));
  const relationships = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: subject },
    ...packages.slice(1).map((p) => ({ spdxElementId: subject, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID as string })),
  ];
  const creators = [`Tool: palisade-${options.toolVersion}`];
  const content = {
    documentDescribes: [subject],
    packages,
    relationships,
    ...(refs.size === 0 ? {} : {
      hasExtractedLicensingInfos: [...refs]
        .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([text, licenseId]) => ({ licenseId, extractedText: text, name: licenseName(text) })),
    }),
  };
  // SPDX 2.3 clause 6.5: a namespace unique to this document, which its content identifies.
  const uuid = options.id ?? contentUuid({ name: inventory.target, creators, ...content });
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: inventory.target,
    documentNamespace: `https://palisade.dev/spdxdocs/${encodeURIComponent(inventory.target)}-${uuid}`,
    creationInfo: { created: isoSeconds(now), creators, comment: NO_DEPENDENCIES },
    ...content,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** SPDXRef-Package-<hash of purl and file>: unique and stable under reordering. */
function spdxIds(packages: readonly Package[]): string[] {
  const seen = new Set<string>();
  return packages.map((p) => {
    const base = `SPDXRef-Package-${p.ecosystem}-${createHash('sha256').update(p.purl).update('\0').update(p.file).digest('hex').slice(0, 16)}`;
    let id = base;
    for (let n = 2; seen.has(id); n += 1) id = `${base}-${n}`;
    seen.add(id);
    return id;
  });
}

/**
 * The OS as an OPERATING_SYSTEM package: os-release ID as the name, VERSION_ID as the version,
 * PRETTY_NAME as the description (what SPDX tools show of a package). SPDX has no field for a
 * release codename, so VERSION_CODENAME goes in the comment in os-release(5) syntax, which the
 * SBOM reader parses back and a person can read as it is.
 */
function operatingSystemPackage(os: OperatingSystem): Record<string, unknown> {
  return {
    name: os.id, SPDXID: 'SPDXRef-OperatingSystem',
    ...(os.versionId === undefined ? {} : { versionInfo: os.versionId }),
    downloadLocation: 'NOASSERTION', filesAnalyzed: false, primaryPackagePurpose: 'OPERATING_SYSTEM',
    licenseConcluded: 'NOASSERTION', licenseDeclared: 'NOASSERTION', copyrightText: 'NOASSERTION',
    ...(os.prettyName === undefined ? {} : { description: os.prettyName }),
    ...(os.codename === undefined ? {} : { comment: `VERSION_CODENAME=${osReleaseValue(os.codename)}` }),
  };
}

/** A value as os-release(5) writes it: bare when it is a plain token, else double-quoted with shell escapes. */
function osReleaseValue(value: string): string {
  return /^[A-Za-z0-9._-]+$/.test(value) ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}

/** The licence name field is a single line of text (SPDX 2.3 clause 10.3); the full text is in extractedText. */
function licenseName(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? 'NOASSERTION' : line;
}

function needsRef(license: string): boolean {
  return !isKnownSpdxId(license) && !isSpdxExpression(license);
}

function spdxPackage(p: Package, id: string, refs: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    name: p.name,
    SPDXID: id,
    versionInfo: p.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    // What Trivy and Syft write for installed packages; consumers filter the image's content by it.
    primaryPackagePurpose: 'LIBRARY',
    // Trivy's wording, which `trivy sbom` parses ("built package from: NAME VERSION"): any other
    // text left it taking each binary package for its own source, and advisories filed by source
    // package (libc6's under glibc) went unmatched. Palisade's SBOM input reads both wordings.
    ...(p.source === undefined ? {} : { sourceInfo: `built package from: ${p.source.name} ${p.source.version}` }),
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: declared(p.licenses, refs),
    copyrightText: 'NOASSERTION',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
    ...(p.layer === undefined ? { comment: `found in ${p.file}` } : { comment: `found in ${p.file}, added by layer ${p.layer}` }),
  };
}

function declared(licenses: readonly string[], refs: ReadonlyMap<string, string>): string {
  if (licenses.length === 0) return 'NOASSERTION';
  const terms = [...new Set(licenses)].map((l) => {
    if (isKnownSpdxId(l)) return l;
    if (isSpdxExpression(l)) return `(${l})`;
    return refs.get(l) ?? 'NOASSERTION';
  });
  // Several declared licences: the package is offered under all of them together.
  return terms.length === 1 ? (terms[0] ?? 'NOASSERTION').replace(/^\((.*)\)$/, '$1') : terms.join(' AND ');
}
