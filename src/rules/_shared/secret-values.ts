/**
 * Recognises credentials inside configuration text: well-known token formats (cloud keys, VCS and
 * chat tokens, private keys, JWTs), `password=...` style assignments and URLs with a password, and
 * values stored under secret-sounding keys. Every pattern is linear (no nested quantifiers over the
 * same characters), so hostile input cannot make matching slow, and callers only ever show values
 * through `redact`.
 */
import { credentialName, FORMAT_RULES, withArticle } from '../../lib/secrets/formats.js';
import { findSecrets } from '../../lib/secrets/scan.js';

export interface SecretMatch {
  /** What was recognised, for the message: "an AWS access key id", "a private key". */
  readonly what: string;
  /** The matched secret itself. Never print it: use `redact`. */
  readonly value: string;
}

/**
 * A password in a URL (`https://user:secret@host`), whatever the scheme: the catalog's
 * url-password rule leaves http(s) out of image scans for speed, but configuration is small.
 */
const URL_PASSWORD = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@"']{1,256}:([^\s/@"']{1,256})@/;

/** Text longer than this is not scanned for formats: the API server refuses a ConfigMap over 1 MiB, so only hostile input is longer. */
const MAX_SCANNED_LENGTH = 1024 * 1024;

/** `password = hunter2`, `DB_PASS: "..."`, `api_key=...` inside a properties, env or YAML file. */
const ASSIGNMENT =
  /((?:password|passwd|pwd|(?<![a-z])pass(?![a-z])|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_.-]{0,64})["']?[ \t]{0,16}(?::=|=|:)[ \t]{0,16}(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'&;,]{1,512}))/gi;

/** Keys whose name says the value is a credential. */
const SECRET_KEY = /(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)/i;
/** ...unless the name says it is about the credential (where it is, how long it lives). */
const METADATA_KEY = /(?:name|names|file|path|dir|ttl|timeout|expiry|expiration|expires|lifetime|length|url|uri|endpoint|enabled|type|ref|header|policy|audience|issuer|mount|key[_-]?id|_id|id)$/i;

/** Values that stand for a credential instead of being one. */
const PLACEHOLDER = /^(?:\$\{[^}]*\}|\$\([^)]*\)|\$[A-Z_][A-Z0-9_]*|\{\{.*\}\}|<[^>]*>|%\([^)]*\)s|%[A-Z_]+%|\*+|x+|\.+|-+|_+|changeme|change[_-]?me|redacted|placeholder|example|none|null|nil|true|false|yes|no|on|off|secret|password|token|required|optional|empty|todo|tbd|n\/a)$/i;

/** Too short, a placeholder, a number, a file path, or one repeated character: not a credential. */
export function isTrivialValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 6) return true;
  if (PLACEHOLDER.test(v)) return true;
  if (/^[0-9.,:-]+$/.test(v)) return true;
  if (/^(?:\/|\.\/|\.\.\/|~\/)/.test(v)) return true;
  // Documentation and test values say so.
  if (/fake|dummy|example|sample|placeholder|redacted|changeme|xxxx/i.test(v)) return true;
  return /^(.)\1*$/.test(v);
}

/** Credentials of a well-known format (Palisade's secret catalog) or in an assignment, anywhere in `text`. */
export function findSecretsInText(text: string): SecretMatch[] {
  if (text.length > MAX_SCANNED_LENGTH) return [];
  const found: SecretMatch[] = findSecrets(text, FORMAT_RULES).map((secret) => ({ what: withArticle(credentialName(secret.rule)), value: secret.value }));
  const url = URL_PASSWORD.exec(text)?.[1];
  if (url !== undefined && !isTrivialValue(url) && !found.some((f) => f.value.includes(url))) found.push({ what: 'a password in a URL', value: url });
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

