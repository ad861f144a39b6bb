/**
 * RBAC queries for front ends: load the inputs once (files, charts, overlays or a live cluster),
 * then ask who-can, can-i, effective permissions, pod blast radius and escalation paths. Every
 * answer is plain data (JSON-ready) with the binding -> role -> rule chain that justifies it.
 */
import type { Problem } from '../model/problem.js';
import { PalisadeError, problem, type ProblemCode } from '../core/errors.js';
import { loadInputs, problemsOfLoad } from '../loaders/index.js';
import { loadOptionsOf, type InputOptions } from './inputs.js';
import {
  RbacIndex,
  buildEscalationGraph,
  buildInventory,
  describeRequest,
  describeRule,
  effectivePermissions,
  findPaths,
  formatSubject,
  graphToDot,
  graphToJson,
  isSystemSubject,
  objectLabel,
  parseRequest,
  parseSubject,
  podBlastRadius,
  readAuditEvents,
  suggestLeastPrivilege,
  subjectNodeId,
  userInfoOf,
  type EscalationGraph,
  type EscalationPath,
  type Grant,
  type Inventory,
  type PodBlastRadius,
  type Request,
  type ScopePermissions,
  type SubjectRef,
  type Suggestion,
  type Target,
} from '../graph/rbac/index.js';
import { readFileSync, statSync } from 'node:fs';
import { stringify as stringifyYaml } from 'yaml';
import { locate } from '../core/locate.js';
import { withBuiltInRoles } from '../graph/rbac/risks/built-in.js';

export { TARGETS as RBAC_PATH_TARGETS, type Suggestion, type EscalationGraph, type EscalationPath, type PodBlastRadius, type ScopePermissions, type Target as RbacPathTarget } from '../graph/rbac/index.js';

/** What `palisade rbac ...` reads. */
export type RbacLoadOptions = InputOptions;

/** The loaded RBAC state: query it with the functions below. */
export interface RbacModel {
  readonly index: RbacIndex;
  readonly inventory: Inventory;
  readonly inputs: readonly string[];
  /** Loader problems and RBAC problems (invalid rules, bindings to missing roles ...). */
  readonly problems: readonly Problem[];
  /** Built on first use. */
  graph(): EscalationGraph;
}

export async function loadRbac(options: RbacLoadOptions): Promise<RbacModel> {
  const loaded = await loadInputs(loadOptionsOf(options));
  return rbacModelOf(loaded.resources, loaded.inputs, problemsOfLoad(loaded));
}

/** The same model from resources already loaded (the scan pipeline, tests). */
export function rbacModelOf(resources: Parameters<typeof RbacIndex.build>[0], inputs: readonly string[] = [], problems: readonly Problem[] = []): RbacModel {
  // The default roles bindings refer to (cluster-admin, admin, edit, view) are in every cluster, input or not.
  const index = RbacIndex.build(withBuiltInRoles(resources));
  const inventory = buildInventory(resources);
  let graph: EscalationGraph | undefined;
  const dangling = index.danglingBindings().map((b): Problem => {
    const where = locate(b.resource, '/roleRef');
    return { code: 'rbac-missing-role', level: 'note', message: `${objectLabel(b)} refers to ${b.roleRef.kind} ${b.roleRef.name}, which is not in the input`, file: where.file, line: where.line, column: where.column, hint: 'The binding grants nothing until the role exists; add the role to the input (e.g. the cluster\'s default roles) or remove the binding.' };
  });
  return {
    index,
    inventory,
    inputs,
    problems: [...problems, ...index.problems, ...dangling],
    graph: () => (graph ??= buildEscalationGraph(index, inventory)),
  };
}

function usage(code: ProblemCode, message: string, hint?: string): PalisadeError {
  return new PalisadeError(problem(code, message, {}, hint));
}

export function toSubject(text: string): SubjectRef {
  const parsed = parseSubject(text);
  if (!parsed.ok) throw usage('rbac-bad-subject', parsed.message);
  return parsed.subject;
}

export interface RequestQuery {
  readonly verb: string;
  /** `pods`, `pods/exec`, `deployments.apps`, `/metrics` ... */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

function toRequest(query: RequestQuery): { request: Request; notes: string[] } {
  const parsed = parseRequest(query);
  if (!parsed.ok) throw usage('rbac-bad-request', parsed.message);
  const notes = parsed.guessedGroup && parsed.request.type === 'resource' ? [`"${parsed.request.resource}" is not a built-in resource; taken to be in the core API group (write RESOURCE.GROUP otherwise)`] : [];
  return { request: parsed.request, notes };
}

/** One binding -> role -> rule chain. */
export interface GrantChain {
  /** Where the binding grants: `''` cluster-wide, else its namespace. */
  readonly scope: string;
  readonly binding: string;
  readonly role: string;
  /** The ClusterRole the rule was aggregated from, when it differs from `role`. */
  readonly ruleOf?: string;
  readonly rule: string;
  readonly file: string;
  readonly line: number;
}

function chainOf(grant: Grant): GrantChain {
  const where = locate(grant.rule.origin.resource, grant.rule.path);
  return {
    scope: grant.binding.namespace ?? '',
    binding: objectLabel(grant.binding),
    role: objectLabel(grant.role),
    ...(grant.rule.origin === grant.role ? {} : { ruleOf: objectLabel(grant.rule.origin) }),
    rule: describeRule(grant.rule.rule),
    file: where.file,
    line: where.line,
  };
}

export interface WhoCanAnswer {
  readonly request: string;
  readonly notes: readonly string[];
  readonly subjects: readonly { readonly subject: string; readonly system: boolean; readonly grants: readonly GrantChain[] }[];
}

export function whoCan(model: RbacModel, query: RequestQuery): WhoCanAnswer {
  const { request, notes } = toRequest(query);
  const subjects = model.index.whoCan(request).map(({ subject, grants }) => {
    const ref: SubjectRef = subject.kind === 'ServiceAccount' ? { kind: 'ServiceAccount', namespace: subject.namespace, name: subject.name } : { kind: subject.kind, name: subject.name };
    return { subject: formatSubject(subject), system: isSystemSubject(ref, grants.map((g) => g.binding)), grants: grants.map(chainOf) };
  });
  return { request: describeRequest(request), notes, subjects };
}

export interface CanIAnswer {
  readonly subject: string;
  readonly groups: readonly string[];
  readonly request: string;
  readonly allowed: boolean;
  readonly reason: string;
  readonly notes: readonly string[];
  readonly grants: readonly GrantChain[];
}

export function canI(model: RbacModel, query: RequestQuery & { readonly as: string; readonly groups?: readonly string[] }): CanIAnswer {
  const { request, notes } = toRequest(query);
  const subject = toSubject(query.as);
  const user = userInfoOf(subject, query.groups ?? []);
  const decision = model.index.authorize(user, request);
  const reason = decision.bypass !== undefined ? 'member of system:masters, which bypasses authorization' : decision.allowed ? 'allowed by RBAC' : 'no RBAC rule allows it (other authorizers, such as Node, are not modelled)';
  return { subject: formatSubject(subject), groups: user.groups, request: describeRequest(request), allowed: decision.allowed, reason, notes, grants: decision.grants.map(chainOf) };
}

export interface PermissionsAnswer {
  readonly subject: string;
  readonly groups: readonly string[];
  readonly scopes: readonly ScopePermissions[];
}

export function permissions(model: RbacModel, subjectText: string, groups: readonly string[] = []): PermissionsAnswer {
  const subject = toSubject(subjectText);
  const user = userInfoOf(subject, groups);
  return { subject: formatSubject(subject), groups: user.groups, scopes: effectivePermissions(model.index, user) };
}

export function rbacPods(model: RbacModel): PodBlastRadius[] {
  return podBlastRadius(model.index, model.inventory, model.graph());
}

export interface PathsQuery {
  readonly from?: string;
  readonly to?: readonly Target[];
  readonly includeSystem?: boolean;
}

export function escalationPaths(model: RbacModel, query: PathsQuery = {}): EscalationPath[] {
  let graph = model.graph();
  let from: string | undefined;
  if (query.from !== undefined) {
    const subject = toSubject(query.from);
    from = subjectNodeId(subject);
    // An identity the input never mentions still has its groups' permissions: add it.
    if (!graph.nodes.some((n) => n.id === from)) graph = buildEscalationGraph(model.index, model.inventory, [subject]);
  }
  return findPaths(graph, { ...(from === undefined ? {} : { from }), ...(query.to === undefined ? {} : { to: query.to }), ...(query.includeSystem === undefined ? {} : { includeSystem: query.includeSystem }) });
}

export function escalationGraphText(model: RbacModel, format: 'json' | 'dot'): string {
  return format === 'json' ? graphToJson(model.graph()) : graphToDot(model.graph());
}

export interface SuggestAnswer {
  readonly file: string;
  readonly events: number;
  readonly problems: readonly Problem[];
  readonly suggestions: readonly Suggestion[];
}

/** Least privilege from an audit log (JSON lines of audit.k8s.io/v1 Event), against the loaded RBAC. */
export function suggestFromAuditLog(model: RbacModel, file: string, maxBytes = 256 * 1024 * 1024): SuggestAnswer {
  let text: string;
  try {
    if (statSync(file).size > maxBytes) throw usage('input-too-large', `${file} is larger than ${maxBytes} bytes`, 'Split the audit log, or filter it to the identities of interest.');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw usage('input-not-found', `cannot read audit log ${file}`, 'Check the --audit-log path.');
  }
  const read = readAuditEvents(text, file);
  return { file, events: read.events, problems: read.problems, suggestions: suggestLeastPrivilege(model.index, read.uses) };
}

/** The suggested roles as Kubernetes manifests (names `palisade-least-<user>`), one YAML stream. */
export function suggestionManifests(suggestions: readonly Suggestion[]): string {
  const docs: string[] = [];
  for (const s of suggestions) {
    const name = `palisade-least-${s.user.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 200) || 'user'}`;
    for (const role of s.roles) {
      const metadata = role.kind === 'Role' ? { name, namespace: role.namespace, annotations: { 'palisade.dev/suggested-for': s.user } } : { name, annotations: { 'palisade.dev/suggested-for': s.user } };
      const rules = role.rules.map((r) => ('resourceNames' in r && r.resourceNames.length === 0 ? { apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs } : r));
      docs.push(stringifyYaml({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: role.kind, metadata, rules }));
    }
  }
  return docs.map((d) => `---\n${d}`).join('');
}
