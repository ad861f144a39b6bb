/**
 * meta/v1 Status objects, worded as kube-apiserver words them (k8s.io/apimachinery errors), so
 * the client under test sees what a real server sends.
 */
import type { ResourceDef } from './resources.js';

export interface StatusReply {
  readonly code: number;
  readonly body: Record<string, unknown>;
  /** Response headers beyond Content-Type (Retry-After). */
  readonly headers?: Readonly<Record<string, string>>;
}

function failure(code: number, reason: string, message: string, extra: Record<string, unknown> = {}): StatusReply {
  return { code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...extra, code } };
}

export function unauthorized(): StatusReply {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** The generic 404 of a path no resource serves. */
export function pathNotFound(): StatusReply {
  return failure(404, 'NotFound', 'the server could not find the requested resource', { details: {} });
}

export function objectNotFound(resource: ResourceDef, name: string): StatusReply {
  return failure(404, 'NotFound', `${qualified(resource)} "${name}" not found`, { details: { name, ...groupField(resource), kind: resource.plural } });
}

export function forbidden(user: string, verb: string, resource: ResourceDef, namespace: string | undefined): StatusReply {
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const message = `${qualified(resource)} is forbidden: User "${user}" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`;
  return failure(403, 'Forbidden', message, { details: { ...groupField(resource), kind: resource.plural } });
}

export function badRequest(message: string): StatusReply {
  return failure(400, 'BadRequest', message);
}

export function methodNotAllowed(): StatusReply {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', { details: {} });
}

/**
 * 429 from API Priority and Fairness when the caller's priority level is saturated: a
 * Retry-After header and details.retryAfterSeconds, worded as kube-apiserver words it.
 */
export function tooManyRequests(retryAfterSeconds: number): StatusReply {
  const reply = failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { details: { retryAfterSeconds } });
  return { ...reply, headers: { 'Retry-After': String(retryAfterSeconds) } };
}

/** 410 for a continue token older than the last compaction; carries a token to resume inconsistently. */
export function expired(inconsistentContinue: string | undefined): StatusReply {
  const message =
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
  const reply = failure(410, 'Expired', message);
  return inconsistentContinue === undefined ? reply : { code: 410, body: { ...reply.body, metadata: { continue: inconsistentContinue } } };
}

/** "pods", "deployments.apps": how the server names a resource in messages. */
function qualified(resource: ResourceDef): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

function groupField(resource: ResourceDef): Record<string, string> {
  return resource.group === '' ? {} : { group: resource.group };
}
