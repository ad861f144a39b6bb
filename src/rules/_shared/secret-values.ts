/**
 * Recognises credentials inside configuration text: well-known token formats (cloud keys, VCS and
 * chat tokens, private keys, JWTs), `password=...` style assignments and URLs with a password, and
 * values stored under secret-sounding keys. Every pattern is linear (no nested quantifiers over the
 * same characters), so hostile input cannot make matching slow, and callers only ever show values
 * through `redact`.
 */
import { Buffer } from 'node:buffer';

export interface SecretMatch {
  /** What was recognised, for the message: "an AWS access key id". */
  readonly what: string;
  /** The matched secret itself. Never print it: use `redact`. */
  readonly value: string;
}

interface TokenPattern {
  readonly what: string;
  readonly pattern: RegExp;
  /** Capture group holding the secret (0 = the whole match). */
  readonly group: number;
}

const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { what: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/, group: 0 },
  { what: 'an AWS access key id', pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/, group: 0 },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})\b/, group: 0 },
  { what: 'a GitLab token', pattern: /\b(?:gl(?:pat|ptt|cbt|dt|rt|soat|agent|oas|ffct|imt|ft)-[A-Za-z0-9_-]{20,256}|GR1348941[A-Za-z0-9_-]{20,256})/, group: 0 },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/, group: 0 },
  { what: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,200}/, group: 0 },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, group: 0 },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{20,200}\b/, group: 0 },
  { what: 'a password in a URL', pattern: /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@"']{1,256}:([^\s/@"']{1,256})@/, group: 1 },
];

/**
 * JWTs: a header and a payload that are base64url-encoded JSON objects (so both start with "ey",
 * the encoding of '{'), then an optional signature (unsigned tokens are still credentials).
 * Candidates are decoded, so random "eyJ..." text is not reported.
 */
const JWT_CANDIDATE = /\bey[A-Za-z0-9_-]{8,4096}\.ey[A-Za-z0-9_-]{8,8192}(?:\.[A-Za-z0-9_-]{0,4096})?/g;

function isJsonObject(segment: string): boolean {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded);
  } catch {
    return false;
  }
}

function findJwt(text: string): string | undefined {
  for (const [candidate] of text.matchAll(JWT_CANDIDATE)) {
    const [header = '', payload = ''] = candidate.split('.');
    if (isJsonObject(header) && isJsonObject(payload)) return candidate;
  }
  return undefined;
}

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

/** Credentials of a well-known format or in an assignment, anywhere in `text`. */
export function findSecretsInText(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { what, pattern, group } of TOKEN_PATTERNS) {
    const match = pattern.exec(text);
    const value = match?.[group];
    if (value !== undefined && !(group > 0 && isTrivialValue(value))) found.push({ what, value });
  }
  const jwt = findJwt(text);
  if (jwt !== undefined) found.push({ what: 'a JSON Web Token', value: jwt });
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

