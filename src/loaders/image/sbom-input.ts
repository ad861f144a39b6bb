/**
 * SBOM files as input: a CycloneDX (JSON, any 1.x) or SPDX 2.x JSON document read back into an
 * inventory, so an SBOM can stand in for the image it describes. Packages are taken from their
 * purls (CycloneDX `components[].purl`, nested components included; SPDX `externalRefs` of type
 * purl); entries without a purl cannot be matched to advisories and are counted in a note.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Inventory, Package, PackageEcosystem } from '../../model/package.js';
import type { Problem } from '../../model/problem.js';
import { ImageError, imageProblem } from './problems.js';

const MAX_SBOM_BYTES = 256 * 1024 * 1024;
const ECOSYSTEMS: readonly PackageEcosystem[] = ['deb', 'apk', 'rpm', 'npm', 'pypi', 'golang', 'maven', 'gem', 'cargo', 'composer', 'nuget'];

/** Whether `path` is a JSON SBOM (checked by content, cheaply: the first 64 KiB). */
export function isSbomFile(path: string): boolean {
  try {
    if (!statSync(path).isFile() || !path.endsWith('.json')) return false;
    const fd = openSync(path, 'r');
    const buffer = Buffer.alloc(65536);
    let head: string;
    try {
      head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
    return /"bomFormat"\s*:\s*"CycloneDX"/.test(head) || /"spdxVersion"\s*:\s*"SPDX-2/.test(head);
  } catch {
    return false;
  }
}

export function readSbomInventory(path: string): Inventory {
  const size = statSync(path).size;
  if (size > MAX_SBOM_BYTES) throw new ImageError('image-invalid', `${path}: SBOM of ${size} bytes is over the limit of ${MAX_SBOM_BYTES}`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ImageError('image-invalid', `${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const purls: { purl: string; licenses: string[] }[] = [];
  let withoutPurl = 0;
  const record = doc as { components?: unknown; packages?: unknown; metadata?: { component?: { name?: unknown } }; name?: unknown };
  if (Array.isArray(record.components)) {
    const walk = (components: unknown[]): void => {
      for (const c of components as { purl?: unknown; components?: unknown; type?: unknown; licenses?: unknown }[]) {
        if (typeof c.purl === 'string') purls.push({ purl: c.purl, licenses: cdxLicenses(c.licenses) });
        else if (c.type !== 'operating-system') withoutPurl += 1;
        if (Array.isArray(c.components)) walk(c.components);
      }
    };
    walk(record.components);
  } else if (Array.isArray(record.packages)) {
    for (const p of record.packages as { externalRefs?: { referenceType?: unknown; referenceLocator?: unknown }[]; licenseDeclared?: unknown; primaryPackagePurpose?: unknown }[]) {
      const ref = (p.externalRefs ?? []).find((r) => r.referenceType === 'purl' && typeof r.referenceLocator === 'string');
      if (ref !== undefined) purls.push({ purl: String(ref.referenceLocator), licenses: typeof p.licenseDeclared === 'string' && p.licenseDeclared !== 'NOASSERTION' && p.licenseDeclared !== 'NONE' ? [p.licenseDeclared] : [] });
      else if (p.primaryPackagePurpose !== 'CONTAINER' && p.primaryPackagePurpose !== 'OPERATING_SYSTEM') withoutPurl += 1;
    }
  } else {
    throw new ImageError('image-invalid', `${path}: neither CycloneDX components nor SPDX packages`);
  }
  const problems: Problem[] = [];
  const packages: Package[] = [];
  for (const { purl, licenses } of purls) {
    const parsed = parsePurl(purl);
    if (parsed === undefined) {
      problems.push(imageProblem('image-invalid', `unsupported or malformed purl "${purl}"`, path));
      continue;
    }
    packages.push({ ...parsed, purl, licenses, file: path, analyzer: 'sbom' });
  }
  if (withoutPurl > 0) problems.push({ ...imageProblem('file-not-read', `${withoutPurl} SBOM entries have no purl and were skipped`, path), level: 'note' });
  packages.sort((a, b) => (a.ecosystem + a.name + a.version < b.ecosystem + b.name + b.version ? -1 : 1));
  return { target: path, packages, problems };
}

function cdxLicenses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return (value as { expression?: unknown; license?: { id?: unknown; name?: unknown } }[]).flatMap((l) => {
    const text = l.expression ?? l.license?.id ?? l.license?.name;
    return typeof text === 'string' ? [text] : [];
  });
}

/** pkg:TYPE/[NAMESPACE/]NAME@VERSION[?qualifiers][#subpath] for the ecosystems Palisade knows. */
export function parsePurl(purl: string): Pick<Package, 'name' | 'version' | 'ecosystem' | 'arch'> | undefined {
  const match = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/([^?#@]+)@([^?#]+)(?:\?([^#]*))?(?:#.*)?$/.exec(purl);
  if (match === null) return undefined;
  const type = (match[1] ?? '').toLowerCase();
  const ecosystem = ECOSYSTEMS.find((e) => e === type);
  if (ecosystem === undefined) return undefined;
  const segments = (match[2] ?? '').split('/').map(decodeURIComponent);
  const last = segments.pop() ?? '';
  // npm and composer names include their namespace (@scope/name, vendor/name); OS packages do not.
  const name = (ecosystem === 'npm' || ecosystem === 'composer' || ecosystem === 'golang' || ecosystem === 'maven') && segments.length > 0
    ? `${segments.join(ecosystem === 'maven' ? ':' : '/')}${ecosystem === 'maven' ? ':' : '/'}${last}`
    : last;
  const arch = new URLSearchParams(match[4] ?? '').get('arch') ?? undefined;
  return { name, version: decodeURIComponent(match[3] ?? ''), ecosystem, ...(arch === undefined ? {} : { arch }) };
}
