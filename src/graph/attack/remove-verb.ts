/**
 * `remove-verb` fixes: instead of deleting a binding (which takes away everything the role grants
 * its subject), take the dangerous verbs on one resource out of the role itself.
 *
 * The patch is a merge patch of the role's `rules`. PolicyRule lists have no merge key, so a
 * strategic-merge patch replaces the whole list: the patch writes the full new list. A rule that
 * names the resource's group or the resource among others is split: the others keep every verb,
 * the resource keeps only the verbs that are not dangerous. PolicyRules only add up, so a grant
 * cannot be carved out of a wildcard: a rule that covers the resource through a `*` group or a `*`
 * or `* /sub` resource loses the verbs for everything it covers (narrowing it would mean listing
 * every resource the API serves, which only discovery on a live cluster knows), and a `*` verb is
 * written out as the standard verbs minus the dangerous ones, dropping any other verb. Such a fix
 * says everything its patch revokes and costs what removing the binding costs.
 *
 * Never offered for:
 * - an aggregated ClusterRole (or a rule it aggregates): the aggregation controller rewrites its
 *   rules from the roles it selects, so an edit would be undone;
 * - a default role the API server reconciles (label kubernetes.io/bootstrapping=rbac-defaults,
 *   without autoupdate "false"): the server adds the rule back at its next start;
 * - the built-in cluster-admin stand-in, and any role absent from the input: there is nothing to patch;
 * - `*` on `*`: nothing narrower than the binding exists.
 */
import type { JsonObject, JsonValue, Resource } from '../../model/resource.js';
import { refOf } from '../../model/resource.js';
import { isJsonObject } from '../../lib/k8s/values.js';
import { apiGroupMatches, resourceMatches, verbMatches } from '../rbac/match.js';
import { isBootstrapObject } from '../rbac/defaults.js';
import { isReconciled } from '../rbac/risks/built-in.js';
import { FIX_COSTS } from './fixes.js';
import type { FixCandidate } from './graph.js';

/** What a remove-verb fix takes away: these verbs on this resource (`secrets`, `pods/exec`, `deployments.apps`). */
export interface Revocation {
  readonly resource: string;
  readonly verbs: readonly string[];
}

/** The verbs the API server knows for resources; a `*` is written out as these when some are taken away. */
const STANDARD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch'];
const MODIFY = ['update', 'patch'];
const CONNECT = ['create', 'get'];
const RBAC = 'rbac.authorization.k8s.io';
/** Objects whose creation or rewrite gives the step: controllers (their pod template) and bindings. */
const WRITTEN = new Set(['deployments.apps', 'daemonsets.apps', 'statefulsets.apps', 'replicasets.apps', 'jobs.batch', 'cronjobs.batch', 'replicationcontrollers.', `rolebindings.${RBAC}`, `clusterrolebindings.${RBAC}`]);

/**
 * Every verb that gives the same step as `verb` on `resource` (the escalation graph asks for any of
 * them: reading secrets is get, list or watch; exec is create or, before 1.31, get; a controller's
 * pod template is written by create, update or patch). Removing one alone would leave the step.
 */
export function equivalentVerbs(resource: string, verb: string): string[] {
  const { name, group, subresource } = parseResource(resource);
  const combined = subresource === undefined ? name : `${name}/${subresource}`;
  if (combined === 'pods/exec' || combined === 'pods/attach' || combined === 'nodes/proxy') return CONNECT;
  if (combined === 'pods/ephemeralcontainers' || combined === 'certificatesigningrequests/approval') return MODIFY;
  if (READ.includes(verb)) return READ;
  if ((name === 'roles' || name === 'clusterroles') && group === RBAC) return MODIFY.includes(verb) ? MODIFY : [verb];
  if (WRITE.includes(verb) && WRITTEN.has(`${name}.${group}`)) return WRITE;
  return [verb];
}

/** `deployments.apps`, `certificatesigningrequests.certificates.k8s.io/approval`, `pods/exec` (the escalation graph's evidence form). */
export function parseResource(text: string): { name: string; group: string; subresource?: string } {
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  const dot = head.indexOf('.');
  const base = { name: dot < 0 ? head : head.slice(0, dot), group: dot < 0 ? '' : head.slice(dot + 1) };
  return slash < 0 ? base : { ...base, subresource: text.slice(slash + 1) };
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The new rules and what they take away, phrase by phrase ("get, list, watch on secrets of the
 * core group"); `broad` when that is more than the verbs on the resource: a wildcard rule cannot be
 * narrowed to one resource or group (that needs API discovery), and a `*` verb written out drops
 * every non-standard verb with it.
 */
export interface Narrowed {
  readonly rules: JsonValue[];
  readonly revoked: readonly string[];
  readonly broad: boolean;
}

/**
 * The rules without `revocation.verbs` on `revocation.resource`; undefined when no rule grants
 * them (nothing to remove) or the rules are not a list.
 */
export function revokeRules(rules: JsonValue | undefined, revocation: Revocation): JsonValue[] | undefined {
  return narrowRules(rules, revocation)?.rules;
}

/**
 * revokeRules with what the patch revokes. A granting rule is narrowed as far as RBAC can say it:
 * the groups it lists besides the resource's keep every verb, as do the resources it names besides
 * this one; what a wildcard covers (`*` groups, `*` or `* /sub` resources) loses the verbs with the
 * resource, since PolicyRules only add up and a grant cannot be carved out of a wildcard.
 */
export function narrowRules(rules: JsonValue | undefined, revocation: Revocation): Narrowed | undefined {
  if (!Array.isArray(rules)) return undefined;
  const { name, group, subresource } = parseResource(revocation.resource);
  const dangerous = new Set(revocation.verbs);
  const grants = (rule: JsonObject): boolean =>
    apiGroupMatches(strings(rule.apiGroups), group) && resourceMatches(strings(rule.resources), name, subresource) && strings(rule.verbs).some((v) => v === '*' || dangerous.has(v));
  const out: JsonValue[] = [];
  const revoked: string[] = [];
  let broad = false;
  for (const rule of rules) {
    // Entries that are not rules grant nothing: left as they are, the patch changes only what it must.
    if (!isJsonObject(rule) || !grants(rule)) {
      out.push(rule);
      continue;
    }
    const { kept, target } = splitRule(rule, group, subresource === undefined ? name : `${name}/${subresource}`, dangerous, out);
    if (kept.length > 0) out.push({ ...target, verbs: kept });
    const scope = scopeOf(target, dangerous);
    if (!revoked.includes(scope.text)) revoked.push(scope.text);
    broad ||= scope.broad;
  }
  if (revoked.length === 0) return undefined;
  // By construction no rule grants a dangerous verb any more; checked, since a wrong patch would be a false fix.
  const verbs = [...dangerous];
  if (out.some((r) => isJsonObject(r) && apiGroupMatches(strings(r.apiGroups), group) && resourceMatches(strings(r.resources), name, subresource) && verbs.some((v) => verbMatches(strings(r.verbs), v)))) return undefined;
  return { rules: out, revoked, broad };
}

/**
 * Splits off (into `out`) the parts of a granting rule that keep every verb: the other groups it
 * lists, then the other resources it names. Returns the part that loses the dangerous verbs, and
 * the verbs it keeps (a `*` written out as the standard verbs minus the dangerous ones).
 */
function splitRule(rule: JsonObject, group: string, combined: string, dangerous: ReadonlySet<string>, out: JsonValue[]): { kept: string[]; target: JsonObject } {
  const verbs = strings(rule.verbs);
  const kept = (verbs.includes('*') ? STANDARD_VERBS : verbs).filter((v) => !dangerous.has(v));
  const groups = strings(rule.apiGroups);
  let target = rule;
  if (!groups.includes('*')) {
    const otherGroups = groups.filter((g) => g !== group);
    if (otherGroups.length > 0) {
      out.push({ ...rule, apiGroups: otherGroups });
      target = { ...rule, apiGroups: [group] };
    }
  }
  const resources = strings(rule.resources);
  const slash = combined.indexOf('/');
  const viaWildcard = resources.includes('*') || (slash >= 0 && resources.includes(`*${combined.slice(slash)}`));
  if (resources.includes(combined) && !viaWildcard) {
    const others = resources.filter((r) => r !== combined);
    if (others.length > 0) {
      out.push({ ...target, resources: others });
      target = { ...target, resources: [combined] };
    }
  }
  return { kept, target };
}

/** What the narrowed rule `target` loses, in words; `broad` past the verbs on one named resource of one group. */
function scopeOf(target: JsonObject, dangerous: ReadonlySet<string>): { text: string; broad: boolean } {
  const verbs = strings(target.verbs);
  const starVerb = verbs.includes('*');
  const left = STANDARD_VERBS.filter((v) => !dangerous.has(v));
  const lost = !starVerb ? verbs.filter((v) => dangerous.has(v)).join(', ') : left.length === 0 ? 'every verb' : `every verb but ${left.join(', ')}`;
  const resources = strings(target.resources);
  const groups = strings(target.apiGroups);
  const wildResource = resources.some((r) => r === '*' || r.startsWith('*/'));
  const on = resources.includes('*') ? 'every resource' : resources.map((r) => (r.startsWith('*/') ? `the ${r.slice(2)} subresource of every resource` : r)).join(', ');
  const names = strings(target.resourceNames);
  const named = names.length === 0 ? '' : ` named ${names.join(', ')}`;
  const where = groups.includes('*') ? 'in every API group' : `of the ${groups.map((g) => (g === '' ? 'core' : g)).join(' and ')} group${groups.length > 1 ? 's' : ''}`;
  return { text: `${lost} on ${on}${named} ${where}`, broad: starVerb || wildResource || groups.includes('*') };
}

/** Why a role cannot be patched by a remove-verb fix, or undefined when it can. */
function unpatchable(role: Resource): string | undefined {
  if (role.kind === 'ClusterRole' && isJsonObject(role.object.aggregationRule)) return 'aggregated';
  if (isBootstrapObject(role) && isReconciled(role)) return 'reconciled default role';
  return undefined;
}

function roleLabel(role: Resource): string {
  return role.kind === 'Role' ? `Role ${role.namespace ?? 'default'}/${role.name}` : `ClusterRole ${role.name}`;
}

/**
 * The remove-verb fix for one piece of RBAC evidence (a verb on a resource granted by a rule of
 * `role`), or undefined when the role cannot be patched. `bindings` are every binding of the role:
 * removing the verb changes what each of them grants, and the description says so.
 */
export function removeVerbFix(role: Resource, evidence: { readonly verb: string; readonly resource: string; readonly ruleOf?: string }, bindings: readonly string[]): FixCandidate | undefined {
  if (evidence.ruleOf !== undefined || unpatchable(role) !== undefined) return undefined;
  if (evidence.verb === '*' || evidence.resource === '*') return undefined;
  const revoke: Revocation = { resource: evidence.resource, verbs: equivalentVerbs(evidence.resource, evidence.verb) };
  const narrowed = narrowRules(role.object.rules, revoke);
  if (narrowed === undefined) return undefined;
  const label = roleLabel(role);
  const who = bindings.length <= 1 ? `${bindings[0] ?? 'its binding'} loses them` : `this changes what all ${bindings.length} bindings of it grant: ${bindings.join(', ')}`;
  // Past the step's verbs on its resource the description says all the patch takes, and the fix
  // costs what removing a binding costs: it can take as much from every subject of the role.
  const scope = narrowed.broad
    ? `: a wildcard rule or verb cannot be narrowed to ${revoke.resource} alone (that needs the resources the API serves), so the patch revokes ${narrowed.revoked.join('; and ')}`
    : '';
  return {
    id: `remove-verb:${label.replace(' ', '/')}:${revoke.resource}:${revoke.verbs.join(',')}`,
    kind: 'remove-verb',
    description: `Remove ${revoke.verbs.join(', ')} on ${revoke.resource} from the rules of ${label}${scope} (${who})`,
    cost: narrowed.broad ? FIX_COSTS['remove-binding'] : FIX_COSTS['remove-verb'],
    resource: refOf(role),
    patchType: 'merge',
    patch: { rules: narrowed.rules },
    revoke,
  };
}

/**
 * Patches for the chosen remove-verb fixes when several edit one role: each is written as the
 * role's rules with every chosen revocation applied, so applying any or all of them gives the
 * same role (separate patches would each replace `rules` and undo the others).
 */
export function combinedPatches(resources: readonly Resource[], chosen: readonly FixCandidate[]): Map<string, JsonObject> {
  const byRole = new Map<string, FixCandidate[]>();
  for (const fix of chosen) {
    if (fix.revoke === undefined || fix.resource === undefined) continue;
    const key = `${fix.resource.kind}/${fix.resource.namespace ?? ''}/${fix.resource.name}`;
    byRole.set(key, [...(byRole.get(key) ?? []), fix]);
  }
  const out = new Map<string, JsonObject>();
  for (const fixes of byRole.values()) {
    const ref = fixes[0]?.resource;
    if (fixes.length < 2 || ref === undefined) continue;
    const role = resources.find((r) => r.kind === ref.kind && r.name === ref.name && (r.namespace ?? 'default') === (ref.namespace ?? 'default'));
    let rules: JsonValue | undefined = role?.object.rules;
    for (const fix of fixes) if (fix.revoke !== undefined) rules = revokeRules(rules, fix.revoke) ?? rules;
    if (rules !== undefined) for (const fix of fixes) out.set(fix.id, { rules });
  }
  return out;
}
