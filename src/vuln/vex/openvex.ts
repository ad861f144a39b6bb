/**
 * OpenVEX documents (https://github.com/openvex/spec): statements name a vulnerability, products
 * (the artifact, e.g. an image) and optionally subcomponents (the packages in it), a status and,
 * for not_affected, a justification or impact statement.
 */
import { type JsonObject, arrayAt, isObject, objectAt, stringAt, strings } from '../import/json-shape.js';
import { imageDigestsOf, type VexStatement, type VexStatus } from './statement.js';

const STATUSES: readonly VexStatus[] = ['not_affected', 'fixed', 'affected', 'under_investigation'];

export function looksLikeOpenVex(doc: JsonObject): boolean {
  const context = stringAt(doc, '@context') ?? '';
  return context.includes('openvex') || (Array.isArray(doc.statements) && doc.bomFormat === undefined);
}

export function openVexStatements(doc: JsonObject, source: string): { statements: VexStatement[]; invalid: number } {
  const statements: VexStatement[] = [];
  let invalid = 0;
  const documentTime = stringAt(doc, 'timestamp');
  for (const value of arrayAt(doc, 'statements')) {
    const statement = isObject(value) ? parseStatement(value, source, documentTime) : undefined;
    if (statement === undefined) invalid++;
    else statements.push(statement);
  }
  return { statements, invalid };
}

function parseStatement(value: JsonObject, source: string, documentTime: string | undefined): VexStatement | undefined {
  const status = stringAt(value, 'status') as VexStatus | undefined;
  if (status === undefined || !STATUSES.includes(status)) return undefined;
  const ids = vulnerabilityIds(value.vulnerability);
  if (ids.length === 0) return undefined;
  const purls: string[] = [];
  const productPurls: string[] = [];
  let wholeProduct = false;
  // v0.0.x (vexctl before 0.2, many published Wolfi/Chainguard documents): products and
  // subcomponents are purl strings on the statement itself.
  const legacySubcomponents = strings(arrayAt(value, 'subcomponents')).filter(isPurl);
  for (const product of arrayAt(value, 'products')) {
    if (typeof product === 'string') {
      if (isPurl(product)) productPurls.push(product);
      if (legacySubcomponents.length === 0) {
        wholeProduct = true;
        if (isPurl(product)) purls.push(product);
      }
      continue;
    }
    if (!isObject(product)) continue;
    productPurls.push(...componentPurls(product));
    const subcomponents = arrayAt(product, 'subcomponents').filter(isObject);
    if (subcomponents.length === 0) {
      wholeProduct = true;
      purls.push(...componentPurls(product));
    }
    for (const sub of subcomponents) purls.push(...componentPurls(sub));
  }
  purls.push(...legacySubcomponents);
  const justification = stringAt(value, 'justification');
  const detail = stringAt(value, 'impact_statement') ?? stringAt(value, 'status_notes') ?? stringAt(value, 'action_statement');
  const timestamp = stringAt(value, 'timestamp') ?? documentTime;
  const imageDigests = imageDigestsOf(productPurls);
  return {
    ids,
    purls,
    wholeProduct,
    ...(imageDigests === undefined ? {} : { imageDigests }),
    status,
    source,
    ...(justification === undefined ? {} : { justification }),
    ...(detail === undefined ? {} : { detail }),
    ...(timestamp === undefined ? {} : { timestamp }),
  };
}

/** v0.2: { name, "@id", aliases }; v0.0.x: a plain string. */
function vulnerabilityIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!isObject(value)) return [];
  return [stringAt(value, 'name'), ...strings(arrayAt(value, 'aliases'))].filter((id): id is string => id !== undefined && id !== '');
}

function componentPurls(component: JsonObject): string[] {
  const id = stringAt(component, '@id');
  const identified = objectAt(component, 'identifiers');
  const purl = identified === undefined ? undefined : stringAt(identified, 'purl');
  return [id, purl].filter((p): p is string => p !== undefined && isPurl(p));
}

function isPurl(text: string): boolean {
  return text.startsWith('pkg:');
}
