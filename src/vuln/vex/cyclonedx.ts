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
      const purl = refs.get(ref) ?? (ref.startsWith('pkg:') ? ref : refs.get(ref.split('#').pop() ?? ''));
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
