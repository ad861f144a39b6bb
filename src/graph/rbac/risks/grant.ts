/**
 * What one policy rule grants on one dangerous target, once bound at a scope, with the
 * authorizer's semantics (match.ts):
 * - a rule bound by a RoleBinding (`clusterWide: false`) never grants cluster-scoped resources,
 *   because such requests carry no namespace for the RoleBinding to match;
 * - a rule with resourceNames matches only requests naming an object, so it never grants create
 *   or deletecollection of the resource itself; create on a subresource (pods/exec,
 *   serviceaccounts/token, nodes/proxy) names its parent object, and list and watch with a
 *   `metadata.name` field selector carry the name too.
 */
import { apiGroupMatches, resourceMatches, verbMatches } from '../match.js';
import type { ResourceRule } from '../types.js';

export interface Target {
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly verbs: readonly string[];
  /** Cluster-scoped resources (nodes, webhook configurations, PersistentVolumes ...). */
  readonly clusterScoped?: boolean;
}

/** Verbs whose requests name no object: a resourceNames rule never grants them. */
const NAMELESS_VERBS: ReadonlySet<string> = new Set(['create', 'deletecollection']);

export interface Granted {
  readonly verbs: readonly string[];
  /** Set when the rule is restricted to these object names. */
  readonly names?: readonly string[];
}

export function granted(rule: ResourceRule, target: Target, clusterWide: boolean): Granted | undefined {
  if (target.clusterScoped === true && !clusterWide) return undefined;
  if (!apiGroupMatches(rule.apiGroups, target.group) || !resourceMatches(rule.resources, target.resource, target.subresource)) return undefined;
  const named = rule.resourceNames.length > 0;
  const verbs = target.verbs.filter((verb) => verbMatches(rule.verbs, verb) && !(named && target.subresource === undefined && NAMELESS_VERBS.has(verb)));
  if (verbs.length === 0) return undefined;
  return named ? { verbs, names: rule.resourceNames } : { verbs };
}

/** "secrets", "pods/exec", "validatingwebhookconfigurations.admissionregistration.k8s.io". */
export function targetLabel(target: Omit<Target, 'verbs'>): string {
  const name = target.subresource === undefined ? target.resource : `${target.resource}/${target.subresource}`;
  return target.group === '' ? name : name.replace(/^([^/]+)/, `$1.${target.group}`);
}
