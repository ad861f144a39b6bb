/**
 * CycloneDX VEX (https://cyclonedx.org/capabilities/vex/): vulnerabilities[] with an analysis
 * state and `affects` references to components (by bom-ref, resolved through the document's
 * components, or a purl / BOM-Link directly).
 */
import { type JsonObject, arrayAt, isObject, objectAt, stringAt } from '../import/json-shape.js';
import type { VexStatement, VexStatus } from './statement.js';

/** CycloneDX analysis states -> the VEX status they amount to. */
const STATES: Readonly<Record<string, VexStatus>> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

const MAX_COMPONENT_DEPTH = 32;

export function looksLikeCycloneDx(doc: JsonObject): boolean {
  return doc.bomFormat === 'CycloneDX';
}

export function cycloneDxStatements(doc: JsonObject, source: string): { statements: VexStatement[]; invalid: number } {
  const refs = new Map<string, string>();
  collectComponents(arrayAt(doc, 'components'), refs, 0);
  const metadata = objectAt(doc, 'metadata');
  const root = metadata === undefined ? undefined : objectAt(metadata, 'component');
  if (root !== undefined) collectComponents([root], refs, 0);
  const statements: VexStatement[] = [];
  let invalid = 0;
  for (const value of arrayAt(doc, 'vulnerabilities')) {
    if (!isObject(value)) continue;
    const id = stringAt(value, 'id');
    const analysis = objectAt(value, 'analysis');
    const state = analysis === undefined ? undefined : stringAt(analysis, 'state');
    const status = state === undefined ? undefined : STATES[state];
    if (id === undefined || status === undefined || analysis === undefined) {
      invalid++;
      continue;
    }
    const purls: string[] = [];
    for (const affect of arrayAt(value, 'affects')) {
      const ref = isObject(affect) ? stringAt(affect, 'ref') : undefined;
      if (ref === undefined) continue;
      const purl = purlOfRef(ref, refs);
      if (purl !== undefined) purls.push(purl);
    }
    const aliases = arrayAt(value, 'references').flatMap((r) => (isObject(r) && typeof r.id === 'string' ? [r.id] : []));
    const justification = stringAt(analysis, 'justification');
    const detail = stringAt(analysis, 'detail');
    statements.push({
      ids: [id, ...aliases],
      purls,
      wholeProduct: false,
      status,
      source,
      ...(justification === undefined ? {} : { justification }),
      ...(detail === undefined ? {} : { detail }),
    });
  }
  return { statements, invalid };
}

/**
 * The package a `ref` names: a bom-ref of this document, a purl, or a BOM-Link
 * ("urn:cdx:<serial>/<version>#<bom-ref>") into the SBOM this VEX accompanies. A standalone VEX
 * lists no components, and SBOM tools (Trivy, Syft) use the purl as bom-ref, so the link's
 * percent-encoded fragment is itself the purl.
 */
function purlOfRef(ref: string, refs: ReadonlyMap<string, string>): string | undefined {
  const direct = refs.get(ref) ?? (ref.startsWith('pkg:') ? ref : undefined);
  if (direct !== undefined || !ref.startsWith('urn:cdx:')) return direct;
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  const fragment = decodeFragment(ref.slice(hash + 1));
  return refs.get(fragment) ?? (fragment.startsWith('pkg:') ? fragment : undefined);
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function collectComponents(components: readonly unknown[], refs: Map<string, string>, depth: number): void {
  if (depth > MAX_COMPONENT_DEPTH) return;
  for (const component of components) {
    if (!isObject(component)) continue;
    const ref = stringAt(component, 'bom-ref');
    const purl = stringAt(component, 'purl');
    if (ref !== undefined && purl !== undefined) refs.set(ref, purl);
    collectComponents(arrayAt(component, 'components'), refs, depth + 1);
  }
}
