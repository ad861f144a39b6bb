/**
 * Kubernetes audit events (audit.k8s.io/v1 Event, one JSON object per line) reduced to what each
 * identity actually did: the authorizer requests it made and that were allowed. An event is
 * counted once (by auditID, whatever its stage), and requests the API server refused (401, 403, at
 * any stage of the event) are not uses. An impersonated request was authorized as the impersonated
 * identity, so it is that identity's use; the impersonator's own use is `impersonate` on the user
 * (or ServiceAccount) and on each group it asked for.
 */
import type { Problem } from '../../model/problem.js';
import { problem } from '../../core/errors.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Request } from './match.js';
import { ALL_SERVICE_ACCOUNTS, AUTHENTICATED, parseServiceAccountUser } from './subjects.js';

export interface AuditUse {
  readonly user: string;
  readonly groups: readonly string[];
  readonly request: Request;
}

const MAX_PROBLEMS = 50;

/** Reads JSON lines; bad lines become located problems (at most 50), never exceptions. */
export function readAuditEvents(text: string, file: string): { uses: AuditUse[]; problems: Problem[]; events: number } {
  const uses: AuditUse[] = [];
  const problems: Problem[] = [];
  // Per auditID: the indexes of its uses in `uses`, or 'refused' once any stage was refused.
  const seen = new Map<string, number[] | 'refused'>();
  let events = 0;
  const lines = text.split('\n');
  const bad = (line: number, message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem('rbac-audit-invalid', message, { file, line, column: 1 }));
  };
  const dropped = new Set<number>();
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad(index + 1, 'not a JSON object');
      return;
    }
    const event = asRecord(value);
    if (event === undefined || asString(event.kind) !== 'Event') {
      bad(index + 1, 'not an audit Event');
      return;
    }
    events++;
    const found = usesOf(event);
    if (found === undefined) {
      bad(index + 1, 'the event has no user, verb or request');
      return;
    }
    const id = asString(event.auditID);
    const before = id === undefined ? undefined : seen.get(id);
    // The RequestReceived stage carries no status: a later stage of the same request may still refuse it.
    if (found === 'refused') {
      if (Array.isArray(before)) for (const i of before) dropped.add(i);
      if (id !== undefined) seen.set(id, 'refused');
      return;
    }
    if (before !== undefined) return;
    const added = found.map((use) => uses.push(use) - 1);
    if (id !== undefined) seen.set(id, added);
  });
  return { uses: dropped.size === 0 ? uses : uses.filter((_, i) => !dropped.has(i)), problems, events };
}

function userOf(value: unknown): { name: string; groups: string[] } | undefined {
  const user = asRecord(value);
  const name = asString(user?.username);
  if (name === undefined) return undefined;
  return { name, groups: asArray(user?.groups).filter((g): g is string => typeof g === 'string') };
}

/** The impersonator's own requests: the impersonation filter authorizes the user (or ServiceAccount) and each group it asked for. */
function impersonationUses(impersonator: { name: string; groups: string[] }, as: { name: string; groups: string[] }): AuditUse[] {
  const sa = parseServiceAccountUser(as.name);
  const target = sa === undefined ? { resource: 'users', namespace: '', name: as.name } : { resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name };
  // The groups the API server adds by itself (system:authenticated, a ServiceAccount's own groups) were not asked for.
  const implicit = new Set([AUTHENTICATED, ...(sa === undefined ? [] : [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`])]);
  const use = (resource: string, namespace: string, name: string): AuditUse => ({ user: impersonator.name, groups: impersonator.groups, request: { type: 'resource', verb: 'impersonate', apiGroup: '', resource, namespace, name } });
  return [use(target.resource, target.namespace, target.name), ...as.groups.filter((g) => !implicit.has(g)).map((g) => use('groups', '', g))];
}

function usesOf(event: Record<string, unknown>): AuditUse[] | 'refused' | undefined {
  const requestor = userOf(event.user);
  const verb = asString(event.verb);
  if (requestor === undefined || verb === undefined) return undefined;
  const code = asRecord(event.responseStatus)?.code;
  if (code === 401 || code === 403) return 'refused';
  const impersonated = userOf(event.impersonatedUser);
  const request = requestOf(event, verb);
  if (request === undefined) return undefined;
  if (impersonated === undefined) return [{ user: requestor.name, groups: requestor.groups, request }];
  return [...impersonationUses(requestor, impersonated), { user: impersonated.name, groups: impersonated.groups, request }];
}

function requestOf(event: Record<string, unknown>, verb: string): Request | undefined {
  const ref = asRecord(event.objectRef);
  if (ref === undefined) {
    const uri = asString(event.requestURI);
    if (uri === undefined) return undefined;
    return { type: 'nonResource', verb, path: uri.split('?')[0] ?? uri };
  }
  const resource = asString(ref.resource);
  if (resource === undefined) return undefined;
  const subresource = asString(ref.subresource);
  return {
    type: 'resource',
    verb,
    apiGroup: asString(ref.apiGroup) ?? '',
    resource,
    ...(subresource === undefined || subresource === '' ? {} : { subresource }),
    namespace: asString(ref.namespace) ?? '',
    name: asString(ref.name) ?? '',
  };
}
