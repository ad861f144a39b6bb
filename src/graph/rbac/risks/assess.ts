/**
 * The risks of an RBAC state, judged as the authorizer grants: per binding, the risks of the role
 * it refers to (aggregation resolved) at the binding's scope, held by the binding's subjects; per
 * role bound to nothing, the risks it would carry once bound.
 *
 * What the platform ships is not the user's risk: bindings of the bootstrap policy (labelled
 * `kubernetes.io/bootstrapping: rbac-defaults`) and subjects that are cluster components
 * (`system:kube-scheduler`, `system:nodes` ...) are left out. A default role the user binds to
 * their own subjects is theirs.
 */
import type { Resource } from '../../../model/resource.js';
import { RbacIndex } from '../authorizer.js';
import { isBootstrapObject, isSystemSubject } from '../defaults.js';
import { subjectRefOf } from '../subjects.js';
import { roleKey, type BindingDef, type BindingSubject, type RoleDef, type SourcedRule } from '../types.js';
import { BUILT_IN_CLUSTER_ADMIN, isBuiltInStandIn, isReconciled } from './built-in.js';
import { assessRules, type RiskHit } from './catalog.js';

export interface BindingRisks {
  readonly binding: BindingDef;
  readonly role: RoleDef;
  /** The subjects that are not cluster components. */
  readonly subjects: readonly BindingSubject[];
  readonly hits: readonly RiskHit[];
}

export interface UnboundRoleRisks {
  readonly role: RoleDef;
  /** Judged as if bound by a ClusterRoleBinding (ClusterRoles) or in the Role's namespace. */
  readonly hits: readonly RiskHit[];
}

const CLUSTER_ADMIN_KEY = roleKey('ClusterRole', 'cluster-admin');
/** Labels that aggregate a ClusterRole into the default admin, edit and view roles every cluster has. */
const DEFAULT_AGGREGATION = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/;


export class RiskAssessment {
  private readonly bindingsByResource = new Map<Resource, BindingDef>();
  private readonly rolesByResource = new Map<Resource, RoleDef>();
  /** Role keys that grant something to someone: bound with a subject, or aggregated into another role. */
  private readonly used = new Set<string>();
  /** Hits per role, judged cluster-wide [0] or in a namespace [1]: each rule asks for every binding. */
  private readonly hitCache = [new Map<RoleDef, readonly RiskHit[]>(), new Map<RoleDef, readonly RiskHit[]>()] as const;
  private readonly bindingCache = new Map<Resource, BindingRisks | null>();
  private readonly unboundCache = new Map<Resource, UnboundRoleRisks | null>();
  private builtIn: RoleDef | undefined;

  constructor(private readonly index: RbacIndex) {
    for (const binding of index.bindings) {
      this.bindingsByResource.set(binding.resource, binding);
      if (binding.subjects.length > 0) this.used.add(binding.roleKey);
    }
    for (const role of index.roles.values()) {
      this.rolesByResource.set(role.resource, role);
      for (const rule of role.rules) if (rule.origin !== role) this.used.add(rule.origin.key);
      if (Object.entries(role.labels).some(([label, value]) => value === 'true' && DEFAULT_AGGREGATION.test(label))) this.used.add(role.key);
    }
  }

  /** The binding read from one resource, when it is a valid binding. */
  bindingOf(resource: Resource): BindingDef | undefined {
    return this.bindingsByResource.get(resource);
  }

  /** The role read from one resource (the last definition of a duplicated name). */
  roleOf(resource: Resource): RoleDef | undefined {
    return this.rolesByResource.get(resource);
  }

  /** The risks one binding hands out; undefined when it is not a binding or hands out none to user subjects. */
  binding(resource: Resource): BindingRisks | undefined {
    let risks = this.bindingCache.get(resource);
    if (risks === undefined) {
      risks = this.assessBinding(resource) ?? null;
      this.bindingCache.set(resource, risks);
    }
    return risks ?? undefined;
  }

  private assessBinding(resource: Resource): BindingRisks | undefined {
    const binding = this.bindingsByResource.get(resource);
    if (binding === undefined || isBootstrapObject(binding.resource)) return undefined;
    const subjects = binding.subjects.filter((s) => !isSystemSubject(subjectRefOf(s), [binding]));
    if (subjects.length === 0) return undefined;
    // The index holds the built-in stand-ins of the default roles a binding refers to (withBuiltInRoles).
    const role = this.index.role(binding.roleKey);
    if (role === undefined) return undefined;
    const hits = this.hitsOf(role, binding.kind === 'ClusterRoleBinding');
    return hits.length === 0 ? undefined : { binding, role, subjects, hits };
  }

  /** The risks of a role nothing binds yet (a latent grant); undefined when it is bound, a default, or harmless. */
  unboundRole(resource: Resource): UnboundRoleRisks | undefined {
    let risks = this.unboundCache.get(resource);
    if (risks === undefined) {
      const role = this.rolesByResource.get(resource);
      const hits = role === undefined || !this.isUnbound(role) ? [] : this.hitsOf(role, role.kind === 'ClusterRole');
      risks = role === undefined || hits.length === 0 ? null : { role, hits };
      this.unboundCache.set(resource, risks);
    }
    return risks ?? undefined;
  }

  /** A role of the user's that no binding with a subject refers to and no other role aggregates. */
  isUnbound(role: RoleDef): boolean {
    // `system:` names are reserved for the platform and its components, which bind them as they need.
    return !isBootstrapObject(role.resource) && !role.name.startsWith('system:') && !this.used.has(role.key);
  }

  /** Every role the input defines (the last of a duplicated name), for whole-input passes. */
  roles(): Iterable<RoleDef> {
    return this.index.roles.values();
  }

  /** The built-in cluster-admin: the API server recreates it at every start. */
  private builtInRole(): RoleDef | undefined {
    this.builtIn ??= RbacIndex.build([BUILT_IN_CLUSTER_ADMIN]).role(CLUSTER_ADMIN_KEY);
    return this.builtIn;
  }

  /** A stored cluster-admin gets its built-in rules back from the API server's reconciliation. */
  private effectiveRules(role: RoleDef): readonly SourcedRule[] {
    if (role.key !== CLUSTER_ADMIN_KEY || isBuiltInStandIn(role.resource) || !isReconciled(role.resource)) return role.rules;
    return [...role.rules, ...(this.builtInRole()?.rules ?? [])];
  }

  private hitsOf(role: RoleDef, clusterWide: boolean): readonly RiskHit[] {
    const cache = this.hitCache[clusterWide ? 0 : 1];
    let hits = cache.get(role);
    if (hits === undefined) {
      hits = assessRules(this.effectiveRules(role), clusterWide);
      cache.set(role, hits);
    }
    return hits;
  }
}
