/**
 * The RBAC authorizer's matching, exactly as Kubernetes evaluates a PolicyRule against a request
 * (rbac/v1 evaluation helpers):
 * - `*` in verbs, apiGroups or resources matches anything, including every subresource;
 * - a resource entry matches `resource` or `resource/subresource` literally, and `* /sub` (no
 *   space) matches that subresource of every resource; `pods/*` is NOT a wildcard;
 * - resourceNames, when present, match only requests naming one of them: list, watch (without a
 *   field selector on the name) and create carry no name, so such rules never grant them;
 * - a non-resource URL entry matches literally, `*` matches all, and a trailing `*` matches any
 *   URL with the preceding prefix.
 */
import type { NonResourceRule, ResourceRule, Rule } from './types.js';

export const ALL = '*';

/** A request to the API server, as the authorizer receives it. */
export type Request = ResourceRequest | NonResourceRequest;

export interface ResourceRequest {
  readonly type: 'resource';
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Empty for cluster-scoped requests and requests across all namespaces. */
  readonly namespace: string;
  /** Empty when the request names no object (list, create, watch). */
  readonly name: string;
}

export interface NonResourceRequest {
  readonly type: 'nonResource';
  readonly verb: string;
  readonly path: string;
}

export function verbMatches(verbs: readonly string[], verb: string): boolean {
  return verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(groups: readonly string[], group: string): boolean {
  return groups.some((g) => g === ALL || g === group);
}

export function resourceMatches(resources: readonly string[], resource: string, subresource?: string): boolean {
  const combined = subresource === undefined || subresource === '' ? resource : `${resource}/${subresource}`;
  for (const r of resources) {
    if (r === ALL || r === combined) return true;
    if (subresource !== undefined && subresource !== '' && r === `*/${subresource}`) return true;
  }
  return false;
}

export function resourceNameMatches(names: readonly string[], name: string): boolean {
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(urls: readonly string[], path: string): boolean {
  for (const url of urls) {
    if (url === ALL || url === path) return true;
    // Every trailing `*` goes (strings.TrimRight in the authorizer), so `/api**` is the prefix `/api`.
    if (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function resourceRuleAllows(rule: ResourceRule, request: ResourceRequest): boolean {
  return (
    verbMatches(rule.verbs, request.verb) &&
    apiGroupMatches(rule.apiGroups, request.apiGroup) &&
    resourceMatches(rule.resources, request.resource, request.subresource) &&
    resourceNameMatches(rule.resourceNames, request.name)
  );
}

export function nonResourceRuleAllows(rule: NonResourceRule, request: NonResourceRequest): boolean {
  return verbMatches(rule.verbs, request.verb) && nonResourceURLMatches(rule.nonResourceURLs, request.path);
}

export function ruleAllows(rule: Rule, request: Request): boolean {
  if (request.type === 'resource') return rule.type === 'resource' && resourceRuleAllows(rule, request);
  return rule.type === 'nonResource' && nonResourceRuleAllows(rule, request);
}

/** "get pods/exec in dev named x", "get /metrics": a request in words. */
export function describeRequest(request: Request): string {
  if (request.type === 'nonResource') return `${request.verb} ${request.path}`;
  const resource = request.subresource === undefined ? request.resource : `${request.resource}/${request.subresource}`;
  const group = request.apiGroup === '' ? '' : `.${request.apiGroup}`;
  const where = request.namespace === '' ? ' cluster-wide' : ` in namespace ${request.namespace}`;
  const name = request.name === '' ? '' : ` named ${request.name}`;
  return `${request.verb} ${resource.replace(/^([^/]+)/, `$1${group}`)}${name}${where}`;
}
