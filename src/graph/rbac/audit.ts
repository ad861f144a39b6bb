/**
 * Kubernetes audit events (audit.k8s.io/v1 Event, one JSON object per line) reduced to what each
 * identity actually did: the authorizer requests it made and that were allowed. An event is
 * counted once (by auditID, whatever its stage), and requests the API server refused (401, 403)
 * are not uses.
 */
import type { Problem } from '../../model/problem.js';
import { problem } from '../../core/errors.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Request } from './match.js';

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
  const seen = new Set<string>();
  let events = 0;
  const lines = text.split('\n');
  const bad = (line: number, message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem('rbac-audit-invalid', message, { file, line, column: 1 }));
  };
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
    const id = asString(event.auditID);
    if (id !== undefined) {
      if (seen.has(id)) return;
      seen.add(id);
    }
    const use = useOf(event);
    if (use === undefined) bad(index + 1, 'the event has no user, verb or request');
    else if (use !== 'refused') uses.push(use);
  });
  return { uses, problems, events };
}

function useOf(event: Record<string, unknown>): AuditUse | 'refused' | undefined {
  const user = asRecord(event.user);
  const name = asString(user?.username);
  const verb = asString(event.verb);
  if (name === undefined || verb === undefined) return undefined;
  const code = asRecord(event.responseStatus)?.code;
  if (code === 401 || code === 403) return 'refused';
  const groups = asArray(user?.groups).filter((g): g is string => typeof g === 'string');
  const ref = asRecord(event.objectRef);
  if (ref === undefined) {
    const uri = asString(event.requestURI);
    if (uri === undefined) return undefined;
    return { user: name, groups, request: { type: 'nonResource', verb, path: uri.split('?')[0] ?? uri } };
  }
  const resource = asString(ref.resource);
  if (resource === undefined) return undefined;
  const subresource = asString(ref.subresource);
  return {
    user: name,
    groups,
    request: {
      type: 'resource',
      verb,
      apiGroup: asString(ref.apiGroup) ?? '',
      resource,
      ...(subresource === undefined || subresource === '' ? {} : { subresource }),
      namespace: asString(ref.namespace) ?? '',
      name: asString(ref.name) ?? '',
    },
  };
}
