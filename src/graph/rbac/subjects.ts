/**
 * Who a request comes from, and which binding subjects match it, as the authenticator and the RBAC
 * authorizer decide:
 * - a ServiceAccount authenticates as user `system:serviceaccount:<ns>:<name>` with the groups
 *   `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`;
 * - every other authenticated user is also in `system:authenticated`;
 * - an anonymous request is user `system:anonymous` in group `system:unauthenticated`.
 * A binding's User subject matches the user name exactly (so `User system:serviceaccount:ns:x`
 * matches that ServiceAccount), a Group subject any of the groups, and a ServiceAccount subject the
 * ServiceAccount's user name.
 */
import type { BindingSubject } from './types.js';

export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
/** The group the API server lets bypass authorization entirely (it never reaches RBAC). */
export const MASTERS = 'system:masters';
const SA_PREFIX = 'system:serviceaccount:';

/** A subject given on the command line or to the SDK. */
export type SubjectRef =
  | { readonly kind: 'User'; readonly name: string }
  | { readonly kind: 'Group'; readonly name: string }
  | { readonly kind: 'ServiceAccount'; readonly namespace: string; readonly name: string };

/** The identity the authorizer sees. */
export interface UserInfo {
  /** Empty for a bare group (a hypothetical member of it). */
  readonly name: string;
  readonly groups: readonly string[];
}

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** The namespace and name of a ServiceAccount user name, or undefined for any other user. */
export function parseServiceAccountUser(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const parts = user.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0] ?? '', name: parts[1] ?? '' };
}

export type SubjectParse = { readonly ok: true; readonly subject: SubjectRef } | { readonly ok: false; readonly message: string };

/**
 * kubectl-style subjects: `system:serviceaccount:NS:NAME` (or `serviceaccount:NS:NAME`, `sa:NS:NAME`),
 * `user:NAME`, `group:NAME`; a bare NAME is a user, as with `kubectl --as`.
 */
export function parseSubject(text: string): SubjectParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'empty subject' };
  const lower = trimmed.toLowerCase();
  for (const prefix of ['serviceaccount:', 'sa:']) {
    if (lower.startsWith(prefix)) return serviceAccountSubject(trimmed.slice(prefix.length), trimmed);
  }
  if (lower.startsWith(SA_PREFIX)) return serviceAccountSubject(trimmed.slice(SA_PREFIX.length), trimmed);
  if (lower.startsWith('user:')) return named('User', trimmed.slice(5), trimmed);
  if (lower.startsWith('group:')) return named('Group', trimmed.slice(6), trimmed);
  return { ok: true, subject: { kind: 'User', name: trimmed } };
}

function named(kind: 'User' | 'Group', name: string, text: string): SubjectParse {
  return name === '' ? { ok: false, message: `"${text}" names no ${kind.toLowerCase()}` } : { ok: true, subject: { kind, name } };
}

function serviceAccountSubject(rest: string, text: string): SubjectParse {
  const parts = rest.split(/[:/]/);
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return { ok: false, message: `"${text}" is not a ServiceAccount; write system:serviceaccount:NAMESPACE:NAME` };
  }
  return { ok: true, subject: { kind: 'ServiceAccount', namespace: parts[0] ?? '', name: parts[1] ?? '' } };
}

/** The identity a subject authenticates as, with its implicit groups (plus any extra groups given). */
export function userInfoOf(subject: SubjectRef, extraGroups: readonly string[] = []): UserInfo {
  const groups = new Set<string>();
  let name = '';
  if (subject.kind === 'ServiceAccount') {
    name = serviceAccountUser(subject.namespace, subject.name);
    groups.add(ALL_SERVICE_ACCOUNTS).add(`${ALL_SERVICE_ACCOUNTS}:${subject.namespace}`).add(AUTHENTICATED);
  } else if (subject.kind === 'User') {
    name = subject.name;
    const sa = parseServiceAccountUser(subject.name);
    if (sa !== undefined) groups.add(ALL_SERVICE_ACCOUNTS).add(`${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`);
    groups.add(subject.name === ANONYMOUS ? UNAUTHENTICATED : AUTHENTICATED);
  } else {
    groups.add(subject.name);
    if (subject.name !== UNAUTHENTICATED) groups.add(AUTHENTICATED);
  }
  for (const g of extraGroups) groups.add(g);
  return { name, groups: [...groups] };
}

/** Whether a binding subject matches the identity (the authorizer's appliesTo). */
export function subjectApplies(subject: BindingSubject, user: UserInfo): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name !== '' && subject.name === user.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return user.name !== '' && serviceAccountUser(subject.namespace, subject.name) === user.name;
  }
}

/** "system:serviceaccount:ns:name", "user:alice", "group:dev": the same syntax parseSubject reads. */
export function formatSubject(subject: SubjectRef | BindingSubject): string {
  if (subject.kind === 'ServiceAccount') return serviceAccountUser(subject.namespace, subject.name);
  return `${subject.kind.toLowerCase()}:${subject.name}`;
}

export function subjectRefOf(subject: BindingSubject): SubjectRef {
  return subject.kind === 'ServiceAccount' ? { kind: 'ServiceAccount', namespace: subject.namespace, name: subject.name } : { kind: subject.kind, name: subject.name };
}

/** Index keys for a binding subject, and the keys an identity is looked up by. */
export function subjectKey(subject: BindingSubject | SubjectRef): string {
  if (subject.kind === 'ServiceAccount') return `u:${serviceAccountUser(subject.namespace, subject.name)}`;
  return subject.kind === 'User' ? `u:${subject.name}` : `g:${subject.name}`;
}

export function lookupKeys(user: UserInfo): string[] {
  return [...(user.name === '' ? [] : [`u:${user.name}`]), ...user.groups.map((g) => `g:${g}`)];
}
