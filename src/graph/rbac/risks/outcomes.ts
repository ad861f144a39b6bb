/**
 * RBAC risks as rule outcomes. The rbac-* rules target bindings and roles one object at a time,
 * but each needs the whole RBAC state (aggregation, the role a binding refers to, whether anything
 * binds a role), so the state is read once per scan, keyed by the scan's ResourceIndex.
 *
 * A binding that hands a risk to user subjects fails, naming the binding -> role -> rule chain and
 * the subjects. A role nothing binds yet gets a warning: it is a grant waiting for a binding,
 * often made outside the scanned files.
 */
import { locate } from '../../../core/locate.js';
import type { ResourceIndex } from '../../../core/resource-index.js';
import { fail, warn, type Violation } from '../../../core/rule.js';
import type { Resource } from '../../../model/resource.js';
import { isClusterSource } from '../../../model/source.js';
import { RbacIndex } from '../authorizer.js';
import type { BindingSubject, RoleDef, SourcedRule } from '../types.js';
import { isBuiltInStandIn, withBuiltInRoles } from './built-in.js';
import { RiskAssessment, type BindingRisks, type UnboundRoleRisks } from './assess.js';
import type { RiskHit, RiskId } from './catalog.js';

const ASSESSMENTS = new WeakMap<ResourceIndex, RiskAssessment>();
const RBAC_INDEXES = new WeakMap<ResourceIndex, RbacIndex>();
/** A binding's subjects named in a message, at most; the rest are counted. */
const MAX_SUBJECTS = 5;

/** The RBAC index of a scan, built once. */
export function rbacIndexOf(index: ResourceIndex): RbacIndex {
  let rbac = RBAC_INDEXES.get(index);
  if (rbac === undefined) {
    // The default roles bindings refer to are there in every cluster, whether the input has them or not.
    rbac = RbacIndex.build(withBuiltInRoles(index.resources));
    RBAC_INDEXES.set(index, rbac);
  }
  return rbac;
}

/**
 * Lets the rules use an RBAC index a front end already built from the same resources (the rbac
 * command, the benchmark), instead of reading every role and binding again. Built as rbacIndexOf
 * builds it: from withBuiltInRoles(resources).
 */
export function shareRbacIndex(index: ResourceIndex, rbac: RbacIndex): void {
  if (!RBAC_INDEXES.has(index)) RBAC_INDEXES.set(index, rbac);
}

export function riskAssessmentOf(index: ResourceIndex): RiskAssessment {
  let assessment = ASSESSMENTS.get(index);
  if (assessment === undefined) {
    assessment = new RiskAssessment(rbacIndexOf(index));
    ASSESSMENTS.set(index, assessment);
  }
  return assessment;
}

/** `RoleBinding "ns/name"`, `ClusterRole "name"`. */
export function quoted(object: { readonly kind: string; readonly namespace?: string; readonly name: string }): string {
  return object.namespace === undefined ? `${object.kind} "${object.name}"` : `${object.kind} "${object.namespace}/${object.name}"`;
}

/** "ServiceAccount dev/ci", "User alice", "Group devs". */
export function describeBindingSubject(subject: BindingSubject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace}/${subject.name}` : `${subject.kind} ${subject.name}`;
}

export function describeSubjects(subjects: readonly BindingSubject[]): string {
  const named = subjects.slice(0, MAX_SUBJECTS).map(describeBindingSubject);
  const more = subjects.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''}` : named.join('');
}

/** `rule /rules/2 at roles.yaml:14`, `rule /rules/0 of ClusterRole "extra" (aggregated) at extra.yaml:5`. */
/** Hits are shared by every binding of a role, so the chain text is built once per hit. */
const CHAINS = new WeakMap<RiskHit, string>();

function chainOf(role: RoleDef, hit: RiskHit): string {
  let text = CHAINS.get(hit);
  if (text === undefined) {
    text = `${quoted(role)} → ${describeRules(role, hit.rules)}`;
    CHAINS.set(hit, text);
  }
  return text;
}

function describeRules(role: RoleDef, rules: readonly SourcedRule[]): string {
  const builtIn = 'its built-in rules (the API server restores them at every start)';
  const parts = new Set<string>();
  for (const r of rules) {
    if (isBuiltInStandIn(r.origin.resource)) {
      parts.add(builtIn);
      continue;
    }
    const where = locate(r.origin.resource, r.path);
    const origin = r.origin === role ? '' : ` of ${quoted(r.origin)} (aggregated)`;
    // A live cluster's objects have no lines: the rule's path is the place to look.
    parts.add(isClusterSource(where.file) ? `rule ${r.path}${origin}` : `rule ${r.path}${origin} at ${where.file}:${where.line}`);
  }
  return [...parts].join('; ');
}

/** Per binding, the parts of its messages every risk rule repeats: the binding, the subjects and the scope. */
const BINDING_TEXTS = new WeakMap<BindingRisks, { readonly binding: string; readonly who: string; readonly scope: string }>();

function bindingTexts(risks: BindingRisks): { readonly binding: string; readonly who: string; readonly scope: string } {
  let texts = BINDING_TEXTS.get(risks);
  if (texts === undefined) {
    const { binding, subjects } = risks;
    texts = {
      binding: quoted(binding),
      who: `${describeSubjects(subjects)} ${subjects.length === 1 ? 'holds' : 'hold'}`,
      scope: binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace "${binding.namespace ?? ''}"`,
    };
    BINDING_TEXTS.set(risks, texts);
  }
  return texts;
}

function bindingViolation(risks: BindingRisks, hit: RiskHit): Violation {
  const texts = bindingTexts(risks);
  return fail(`${texts.binding} → ${chainOf(risks.role, hit)}: ${texts.who} ${hit.grants} ${texts.scope}; ${hit.impact}`, '/roleRef', hit.severity);
}

function unboundViolation(risks: UnboundRoleRisks, hit: RiskHit): Violation {
  const { role } = risks;
  const scope = role.kind === 'ClusterRole' ? 'wherever it is bound' : `in namespace "${role.namespace ?? ''}"`;
  const own = hit.rules.find((r) => r.origin === role);
  const path = own === undefined ? (role.resource.object.aggregationRule === undefined ? '' : '/aggregationRule') : `${own.path}${own === hit.rules[0] ? (hit.at ?? '') : ''}`;
  const message = `${quoted(role)} (${describeRules(role, hit.rules)}) grants ${hit.grants} ${scope}, and no binding in the input refers to it yet; ${hit.impact}`;
  return warn(message, path, hit.severity);
}

/** The outcomes of one risk for one binding or role of the scan. */
export function riskOutcomes(resource: Resource, index: ResourceIndex, risk: RiskId): Violation[] {
  const assessment = riskAssessmentOf(index);
  const bound = assessment.binding(resource);
  if (bound !== undefined) return bound.hits.filter((h) => h.risk === risk).map((h) => bindingViolation(bound, h));
  const unbound = assessment.unboundRole(resource);
  if (unbound !== undefined) return unbound.hits.filter((h) => h.risk === risk).map((h) => unboundViolation(unbound, h));
  return [];
}

/** The kinds a risk rule looks at: bindings (granted risks) and roles (latent ones). */
export const RISK_RULE_KINDS: readonly string[] = ['ClusterRoleBinding', 'RoleBinding', 'ClusterRole', 'Role'];
