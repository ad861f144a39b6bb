/** Exact RBAC semantics, who-can, effective permissions and escalation paths over the whole input. */
export { RbacIndex, bindingCovers, compareSubjects, type Decision, type Grant, type SubjectGrants } from './authorizer.js';
export { isBootstrapObject, isSystemSubject, isUserBinding } from './defaults.js';
export { buildEscalationGraph, subjectNodeId } from './escalation/build.js';
export { graphToDot, graphToJson, GRAPH_FORMAT_VERSION } from './escalation/export.js';
export { findPaths, TARGETS, type EscalationPath, type PathQuery, type Target } from './escalation/paths.js';
export type { EdgeKind, Evidence, EscalationGraph, GraphEdge, GraphNode, NodeKind } from './escalation/types.js';
export { buildInventory, type Inventory, type PodRun } from './inventory.js';
export { describeRequest, nonResourceURLMatches, resourceMatches, ruleAllows, type Request } from './match.js';
export { describeRule, effectivePermissions, type EffectiveRule, type RuleSource, type ScopePermissions } from './permissions.js';
export { podBlastRadius, type PodBlastRadius } from './pods.js';
export { parseRequest, type RequestSpec } from './resources.js';
export { formatSubject, parseSubject, userInfoOf, type SubjectRef, type UserInfo } from './subjects.js';
export { objectLabel, type BindingDef, type BindingSubject, type RoleDef, type Rule } from './types.js';
export { readAuditEvents, type AuditUse } from './audit.js';
export { suggestLeastPrivilege, type SuggestedRole, type Suggestion, type UnusedGrant } from './suggest.js';
