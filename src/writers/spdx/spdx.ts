/**
 * SPDX 2.3 JSON from an inventory (https://spdx.github.io/spdx-spec/v2.3/). Deterministic like the
 * CycloneDX writer. Licences that are not SPDX ids or expressions become LicenseRef- entries
 * carrying the declared text in hasExtractedLicensingInfos, as the spec requires.
 */
import { createHash } from 'node:crypto';
import type { Inventory, Package } from '../../model/package.js';
import { contentUuid, isoSeconds, type SbomOptions } from '../cyclonedx/cyclonedx.js';
import { isKnownSpdxId, isSpdxExpression, licenseRef } from './license-ids.js';

export function spdx(inventory: Inventory, options: SbomOptions): string {
  const now = (options.now ?? (() => new Date()))();
  const uuid = options.id ?? contentUuid(inventory);
  const extracted = new Map<string, string>();
  const subject = 'SPDXRef-Subject';
  const ids = spdxIds(inventory.packages);
  const image = inventory.image;
  const packages: Record<string, unknown>[] = [{
    name: inventory.target,
    SPDXID: subject,
    ...(image === undefined ? {} : { versionInfo: image.manifestDigest ?? image.configDigest }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: image === undefined ? 'FILE' : 'CONTAINER',
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
  }];
  if (inventory.os !== undefined) {
    packages.push({
      name: inventory.os.id, SPDXID: 'SPDXRef-OperatingSystem',
      ...(inventory.os.versionId === undefined ? {} : { versionInfo: inventory.os.versionId }),
      downloadLocation: 'NOASSERTION', filesAnalyzed: false, primaryPackagePurpose: 'OPERATING_SYSTEM',
      licenseConcluded: 'NOASSERTION', licenseDeclared: 'NOASSERTION', copyrightText: 'NOASSERTION',
    });
  }
  inventory.packages.forEach((p, i) => packages.push(spdxPackage(p, ids[i] ?? 'SPDXRef-Package', extracted)));
  const relationships = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: subject },
    ...packages.slice(1).map((p) => ({ spdxElementId: subject, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID as string })),
  ];
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: inventory.target,
    documentNamespace: `https://palisade.dev/spdxdocs/${encodeURIComponent(inventory.target)}-${uuid}`,
    creationInfo: { created: isoSeconds(now), creators: [`Tool: palisade-${options.toolVersion}`] },
    documentDescribes: [subject],
    packages,
    relationships,
    ...(extracted.size === 0 ? {} : {
      hasExtractedLicensingInfos: [...extracted].sort(([a], [b]) => (a < b ? -1 : 1)).map(([licenseId, extractedText]) => ({ licenseId, extractedText, name: extractedText })),
    }),
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

function spdxPackage(p: Package, id: string, extracted: Map<string, string>): Record<string, unknown> {
  return {
    name: p.name,
    SPDXID: id,
    versionInfo: p.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    ...(p.source === undefined ? {} : { sourceInfo: `built from source package ${p.source.name} ${p.source.version}` }),
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: declared(p.licenses, extracted),
    copyrightText: 'NOASSERTION',
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
    ...(p.layer === undefined ? { comment: `found in ${p.file}` } : { comment: `found in ${p.file}, added by layer ${p.layer}` }),
  };
}

function declared(licenses: readonly string[], extracted: Map<string, string>): string {
  if (licenses.length === 0) return 'NOASSERTION';
  const terms = [...new Set(licenses)].map((l) => {
    if (isKnownSpdxId(l)) return l;
    if (isSpdxExpression(l)) return `(${l})`;
    const ref = licenseRef(l);
    extracted.set(ref, l);
    return ref;
  });
  // Several declared licences: the package is offered under all of them together.
  return terms.length === 1 ? (terms[0] ?? 'NOASSERTION').replace(/^\((.*)\)$/, '$1') : terms.join(' AND ');
}
