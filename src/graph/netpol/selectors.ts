/**
 * Label selectors as policies use them, validated the way the API server's
 * LabelSelectorAsSelector does (qualified-name keys, label values, operators with or without
 * values), so a policy Kubernetes would reject is refused here too. Matching reuses lib/k8s.
 */
import { selectorMatches, type LabelSelector, type LabelSelectorRequirement, type Labels } from '../../lib/k8s/labels.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** The reason a label key is invalid, or undefined when it is a qualified name. */
export function invalidLabelKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `key: Invalid value: "${key}": prefix part must be a DNS subdomain`;
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) return `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

export function invalidLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) return `values[0]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  return undefined;
}

export type SelectorParse = { readonly ok: true; readonly selector: LabelSelector } | { readonly ok: false; readonly reason: string };

/** Reads a LabelSelector from raw YAML, or says why the API server would refuse it. */
export function parseSelector(raw: unknown): SelectorParse {
  // A mis-indented selector (a string, a list, matchLabels as a list) is refused by the API
  // server; read as empty it would select everything.
  const record = asRecord(raw);
  if (record === undefined) return { ok: false, reason: `a label selector must be a map of matchLabels and matchExpressions, not ${shapeOf(raw)}` };
  if (!absentOr(record.matchLabels, asRecord)) return { ok: false, reason: `matchLabels must be a map of labels, not ${shapeOf(record.matchLabels)}` };
  if (!absentOr(record.matchExpressions, (v) => (Array.isArray(v) ? v : undefined))) return { ok: false, reason: `matchExpressions must be a list, not ${shapeOf(record.matchExpressions)}` };
  const matchLabels: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(record.matchLabels) ?? {})) {
    const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    if (text === undefined) return { ok: false, reason: `matchLabels value of "${key}" is not a string` };
    const bad = invalidLabelKey(key) ?? invalidLabelValue(text);
    if (bad !== undefined) return { ok: false, reason: bad };
    matchLabels[key] = text;
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const item of asArray(record.matchExpressions)) {
    const expr = asRecord(item);
    if (expr === undefined) return { ok: false, reason: `a matchExpressions item must be a map of key, operator and values, not ${shapeOf(item)}` };
    const key = asString(expr.key) ?? '';
    const operator = asString(expr.operator) ?? '';
    const values = asArray(expr.values).map((v) => (typeof v === 'string' ? v : String(v)));
    const badKey = invalidLabelKey(key);
    if (badKey !== undefined) return { ok: false, reason: badKey };
    if (!OPERATORS.has(operator)) return { ok: false, reason: `"${operator}" is not a valid label selector operator` };
    const needsValues = operator === 'In' || operator === 'NotIn';
    if (needsValues && values.length === 0) return { ok: false, reason: 'values: Invalid value: []string(nil): for \'in\', \'notin\' operators, values set can\'t be empty' };
    if (!needsValues && values.length > 0) return { ok: false, reason: `values: Invalid value: ${JSON.stringify(values)}: values set must be empty for exists and does not exist` };
    for (const v of values) {
      const bad = invalidLabelValue(v);
      if (bad !== undefined) return { ok: false, reason: bad };
    }
    matchExpressions.push({ key, operator: operator as LabelSelectorRequirement['operator'], values });
  }
  return { ok: true, selector: { matchLabels, matchExpressions } };
}

/** Whether a field is absent (or null) or has the shape `as` accepts. */
export function absentOr(value: unknown, as: (v: unknown) => unknown): boolean {
  return value === undefined || value === null || as(value) !== undefined;
}

/** What a YAML value is, for messages: `a list`, `a map`, `the string "app=web"`. */
export function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

export function matches(selector: LabelSelector, labels: Labels): boolean {
  return selectorMatches(selector, labels);
}

/** A canonical text for a selector, used to group rule peers that select alike. */
export function selectorKey(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const exprs = (selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} ${[...(e.values ?? [])].sort().join('|')}`).sort();
  return JSON.stringify([labels, exprs]);
}
