/**
 * The RBAC index: every role resolved (aggregation included), every binding indexed by role and by
 * subject, every resource rule indexed by the resource entry it names. It answers the authorizer's
 * question (may this identity make this request?) and its inverse (who may make this request?)
 * with the binding -> role -> rule chain that grants each answer.
 *
 * Scoping, as the authorizer applies it: a ClusterRoleBinding grants everywhere (cluster-scoped
 * requests, every namespace, non-resource URLs); a RoleBinding grants only requests in its own
 * namespace, whether it refers to a Role there or to a ClusterRole.
 */
import type { Problem } from '../../model/problem.js';
import type { Resource } from '../../model/resource.js';
import { resolveRoles } from './aggregation.js';
import { ALL, ruleAllows, type Request, type ResourceRequest } from './match.js';
import { isRbacGroup, readBinding, readRole, type RawRole } from './policy.js';
import { rbacProblem } from './problems.js';
import { MASTERS, lookupKeys, subjectApplies, subjectKey, type UserInfo } from './subjects.js';
import type { BindingDef, BindingSubject, RoleDef, SourcedRule } from './types.js';

/** One reason a request is allowed: this binding (for this subject) refers to this role, whose rule matches. */
export interface Grant {
  readonly binding: BindingDef;
  readonly subject: BindingSubject;
  readonly role: RoleDef;
  readonly rule: SourcedRule;
}

export interface SubjectGrants {
  readonly subject: BindingSubject;
  readonly grants: readonly Grant[];
}

export interface Decision {
  readonly allowed: boolean;
  /** The user is in system:masters, which the API server lets through before RBAC is asked. */
  readonly bypass?: typeof MASTERS;
  readonly grants: readonly Grant[];
}

interface IndexedRule {
  readonly role: RoleDef;
  readonly rule: SourcedRule;
}

interface SubjectEntry {
  readonly binding: BindingDef;
  readonly subject: BindingSubject;
}

const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Whether a binding's grant reaches a request's namespace. */
export function bindingCovers(binding: BindingDef, request: Request): boolean {
  if (binding.kind === 'ClusterRoleBinding') return true;
  return request.type === 'resource' && request.namespace !== '' && request.namespace === binding.namespace;
}

export class RbacIndex {
  readonly roles = new Map<string, RoleDef>();
  readonly bindings: readonly BindingDef[];
  readonly problems: readonly Problem[];
  private readonly bindingsByRole = new Map<string, BindingDef[]>();
  private readonly bySubject = new Map<string, SubjectEntry[]>();
  /** Resource rules keyed by each entry of their `resources` list ("*", "pods", "pods/exec", "* /scale") and each verb. */
  private readonly byResource = new Map<string, IndexedRule[]>();
  private readonly nonResource: IndexedRule[] = [];

  private constructor(roles: readonly RoleDef[], bindings: readonly BindingDef[], problems: Problem[]) {
    for (const role of roles) {
      if (this.roles.has(role.key)) problems.push(rbacProblem('rbac-invalid-rule', role.resource, '', `${role.key} is defined twice; the last definition wins`, 'note'));
      this.roles.set(role.key, role);
    }
    for (const role of this.roles.values()) {
      for (const rule of role.rules) {
        if (rule.rule.type === 'nonResource') {
          this.nonResource.push({ role, rule });
          continue;
        }
        const indexed = { role, rule };
        // Keyed by resource entry and verb, so a query only meets rules that can match both.
        for (const entry of new Set(rule.rule.resources)) for (const verb of new Set(rule.rule.verbs)) push(this.byResource, `${entry}\u0000${verb}`, indexed);
      }
    }
    this.bindings = bindings;
    for (const binding of bindings) {
      push(this.bindingsByRole, binding.roleKey, binding);
      for (const subject of binding.subjects) push(this.bySubject, subjectKey(subject), { binding, subject });
    }
    this.problems = problems;
  }

  /** Reads every RBAC object among the resources; other resources are ignored. */
  static build(resources: readonly Resource[]): RbacIndex {
    const problems: Problem[] = [];
    const raws: RawRole[] = [];
    const bindings: BindingDef[] = [];
    for (const resource of resources) {
      if (!isRbacGroup(resource)) continue;
      if (ROLE_KINDS.has(resource.kind)) {
        const raw = readRole(resource, problems);
        if (raw !== undefined) raws.push(raw);
      } else if (BINDING_KINDS.has(resource.kind)) {
        const binding = readBinding(resource, problems);
        if (binding !== undefined) bindings.push(binding);
      }
    }
    const index = new RbacIndex(resolveRoles(raws, problems), bindings, problems);
    return index;
  }

  role(key: string): RoleDef | undefined {
    return this.roles.get(key);
  }

  bindingsOf(role: RoleDef): readonly BindingDef[] {
    return this.bindingsByRole.get(role.key) ?? [];
  }

  /** Bindings whose role is not in the input. */
  danglingBindings(): BindingDef[] {
    return this.bindings.filter((b) => !this.roles.has(b.roleKey));
  }

  /** The (role, rule) pairs that allow a request, ignoring who holds them. */
  matchingRules(request: Request): IndexedRule[] {
    const candidates = request.type === 'resource' ? this.resourceCandidates(request) : this.nonResource;
    return candidates.filter((c) => ruleAllows(c.rule.rule, request));
  }

  private resourceCandidates(request: ResourceRequest): IndexedRule[] {
    const keys = new Set([ALL, request.resource]);
    if (request.subresource !== undefined && request.subresource !== '') {
      keys.add(`${request.resource}/${request.subresource}`).add(`*/${request.subresource}`);
      keys.delete(request.resource);
    }
    const out: IndexedRule[] = [];
    // A rule naming several matching entries is listed under each; keep it once.
    const seen = new Set<IndexedRule>();
    for (const key of keys) {
      for (const candidate of [...(this.byResource.get(`${key}\u0000${request.verb}`) ?? []), ...(request.verb === ALL ? [] : (this.byResource.get(`${key}\u0000${ALL}`) ?? []))]) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        out.push(candidate);
      }
    }
    return out;
  }

  /** Every subject allowed to make the request, each with the chains that allow it. */
  whoCan(request: Request): SubjectGrants[] {
    const bySubject = new Map<string, { subject: BindingSubject; grants: Grant[] }>();
    for (const { role, rule } of this.matchingRules(request)) {
      for (const binding of this.bindingsOf(role)) {
        if (!bindingCovers(binding, request)) continue;
        for (const subject of binding.subjects) {
          const key = subjectKey(subject);
          const entry = bySubject.get(key) ?? { subject, grants: [] };
          entry.grants.push({ binding, subject, role, rule });
          bySubject.set(key, entry);
        }
      }
    }
    return [...bySubject.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
  }

  /** The bindings (with the matching subject) that apply to an identity, wherever they grant. */
  bindingsFor(user: UserInfo): SubjectEntry[] {
    const out: SubjectEntry[] = [];
    for (const key of lookupKeys(user)) {
      for (const entry of this.bySubject.get(key) ?? []) if (subjectApplies(entry.subject, user)) out.push(entry);
    }
    return out;
  }

  /** The authorizer's decision, with every chain that allows the request. */
  authorize(user: UserInfo, request: Request): Decision {
    const grants: Grant[] = [];
    for (const { binding, subject } of this.bindingsFor(user)) {
      if (!bindingCovers(binding, request)) continue;
      const role = this.roles.get(binding.roleKey);
      if (role === undefined) continue;
      for (const rule of role.rules) if (ruleAllows(rule.rule, request)) grants.push({ binding, subject, role, rule });
    }
    if (user.groups.includes(MASTERS)) return { allowed: true, bypass: MASTERS, grants };
    return { allowed: grants.length > 0, grants };
  }

  /** Every rule an identity holds, with where it holds it: `''` for cluster-wide, else a namespace. */
  grantsOf(user: UserInfo): { scope: string; grant: Grant }[] {
    const out: { scope: string; grant: Grant }[] = [];
    for (const { binding, subject } of this.bindingsFor(user)) {
      const role = this.roles.get(binding.roleKey);
      if (role === undefined) continue;
      for (const rule of role.rules) out.push({ scope: binding.namespace ?? '', grant: { binding, subject, role, rule } });
    }
    return out;
  }
}

const KIND_ORDER = { User: 0, Group: 1, ServiceAccount: 2 } as const;

export function compareSubjects(a: BindingSubject, b: BindingSubject): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const an = a.kind === 'ServiceAccount' ? `${a.namespace}/${a.name}` : a.name;
  const bn = b.kind === 'ServiceAccount' ? `${b.namespace}/${b.name}` : b.name;
  return an < bn ? -1 : an > bn ? 1 : 0;
}
