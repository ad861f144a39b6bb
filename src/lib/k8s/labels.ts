/**
 * Kubernetes label selectors (metav1.LabelSelector) with the API server's semantics: matchLabels
 * and matchExpressions are ANDed; an empty selector matches everything; a null selector matches
 * nothing (callers decide which applies to their field).
 */

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Thrown for selectors the API server would reject; callers turn it into a located problem. */
export class InvalidSelectorError extends Error {}

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      if (values.length === 0) throw new InvalidSelectorError(`operator In on key "${req.key}" needs values`);
      return has && values.includes(labels[req.key] ?? '');
    case 'NotIn':
      if (values.length === 0) throw new InvalidSelectorError(`operator NotIn on key "${req.key}" needs values`);
      return !has || !values.includes(labels[req.key] ?? '');
    case 'Exists':
      if (values.length > 0) throw new InvalidSelectorError(`operator Exists on key "${req.key}" takes no values`);
      return has;
    case 'DoesNotExist':
      if (values.length > 0) throw new InvalidSelectorError(`operator DoesNotExist on key "${req.key}" takes no values`);
      return !has;
    default:
      throw new InvalidSelectorError(`unknown selector operator "${String((req as { operator: unknown }).operator)}"`);
  }
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, labels));
}

/** Equality-based selectors as used by Services and ReplicationControllers (a plain map). */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
