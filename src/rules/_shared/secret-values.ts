/**
 * Recognises credentials inside configuration text: well-known token formats (cloud keys, VCS and
 * chat tokens, private keys, JWTs, passwords in URLs), `password=...` style assignments, and
 * values stored under secret-sounding keys. What stands for a credential instead of being one
 * (`${VAR}`, `<password>`, `changeme`) is judged by src/lib/secrets/placeholders.ts, as in image scans. Every pattern is linear (no nested quantifiers over the
 * same characters), so hostile input cannot make matching slow, and callers only ever show values
 * through `redact`.
 */
import { credentialName, FORMAT_RULES, withArticle } from '../../lib/secrets/formats.js';
import { isPlaceholder } from '../../lib/secrets/placeholders.js';
import { findSecrets } from '../../lib/secrets/scan.js';
import { summariseSecrets } from '../../lib/secrets/summary.js';

export interface SecretMatch {
  /** What was recognised, for the message: "an AWS access key id", "a private key". */
  readonly what: string;
  /** The matched secret itself. Never print it: use `redact`. */
  readonly value: string;
  /** Further distinct values of the same kind in the text, not listed (src/lib/secrets/summary.ts); on the last one listed. */
  readonly more?: number;
}

/** What a message adds about the values of a match's kind that are not listed: "" or " (and 12 more like it, not listed)". */
export function notListed(match: SecretMatch): string {
  return match.more === undefined ? '' : ` (and ${String(match.more)} more like it, not listed)`;
}

/** Text longer than this is not scanned for formats: the API server refuses a ConfigMap over 1 MiB, so only hostile input is longer. */
const MAX_SCANNED_LENGTH = 1024 * 1024;

/** `password = hunter2`, `DB_PASS: "..."`, `api_key=...` inside a properties, env or YAML file. */
const ASSIGNMENT =
  /((?:password|passwd|pwd|(?<![a-z])pass(?![a-z])|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_.-]{0,64})["']?[ \t]{0,16}(?::=|=|:)[ \t]{0,16}(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'&;,]{1,512}))/gi;

/** Keys whose name says the value is a credential. */
const SECRET_KEY = /(?:password|passwd|pwd|(?<![a-z])pass(?![a-z])|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)/i;
/** ...unless the name says it is about the credential (where it is, how long it lives). */
const METADATA_KEY = /(?:name|names|file|path|dir|ttl|timeout|expiry|expiration|expires|lifetime|length|url|uri|endpoint|enabled|type|ref|header|policy|audience|issuer|mount|key[_-]?id|_id|id)$/i;

/** Too short, a placeholder (src/lib/secrets/placeholders.ts), a number or a file path: not a credential. */
export function isTrivialValue(value: string): boolean {
  const v = value.trim();
  return v.length < 6 || isPlaceholder(v) || /^[0-9.,:-]+$/.test(v) || /^(?:\/|\.\/|\.\.\/|~\/)/.test(v);
}

/** Credentials of a well-known format (Palisade's secret catalog) or in an assignment, anywhere in `text`. */
export function findSecretsInText(text: string): SecretMatch[] {
  if (text.length > MAX_SCANNED_LENGTH) return [];
  // Passwords in URLs of any scheme are among the formats (FORMAT_RULES). A value repeated is one
  // match, and a kind's values past the limit are counted on its last listed one.
  const { listed, omitted } = summariseSecrets(findSecrets(text, FORMAT_RULES));
  const found: SecretMatch[] = listed.map((secret) => {
    const last = listed.findLast((other) => other.rule === secret.rule) === secret ? omitted.find((o) => o.rule === secret.rule) : undefined;
    return { what: withArticle(credentialName(secret.rule)), value: secret.value, ...(last === undefined ? {} : { more: last.values }) };
  });
  if (found.length > 0) return found;
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [, key, doubleQuoted, singleQuoted, bare] = match;
    const value = doubleQuoted ?? singleQuoted ?? bare;
    if (key !== undefined && value !== undefined && !METADATA_KEY.test(key) && !isTrivialValue(value)) {
      return [{ what: `a credential assignment (${key})`, value }];
    }
  }
  return found;
}

/** Whether a key name says its value is a credential (DB_PASSWORD, apiToken; not TOKEN_TTL, secretName). */
export function isSecretKeyName(key: string): boolean {
  return SECRET_KEY.test(key) && !METADATA_KEY.test(key);
}

/**
 * The credentials in one configuration entry: recognised formats in its value, or the whole value
 * when the key names a credential and the value is not trivial.
 */
export function findSecretsInEntry(key: string, value: string): SecretMatch[] {
  const inText = findSecretsInText(value);
  if (inText.length > 0) return inText;
  if (isSecretKeyName(key) && !value.includes('\n') && !isTrivialValue(value)) return [{ what: `a credential (key "${key}")`, value: value.trim() }];
  return [];
}

