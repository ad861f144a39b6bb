/**
 * Which environment variable names announce a secret. Names are split into words on `_`, `-` and
 * `.` (and camelCase); a name is secret-looking when a word or adjacent pair of words is a secret
 * noun, unless its last word says the value only points at the secret (a file, a path, a name).
 */
import { credentialName, FORMAT_RULES } from '../../lib/secrets/formats.js';
import { URL_PASSWORD_ANY_SCHEME } from '../../lib/secrets/families/generic.js';
import { isPlaceholder } from '../../lib/secrets/placeholders.js';
import { findSecrets } from '../../lib/secrets/scan.js';

/** Longer values are not scanned for URLs or formats: env values are small, and this bounds the regex work. */
const MAX_SCANNED_LENGTH = 16_384;

/** Words that on their own mean the value is a credential. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'AUTHKEY', 'CLIENTSECRET', 'CONNECTIONSTRING', 'DSN']);

/** Secret nouns that appear glued inside a longer word (`DBPASSWORD`, `MYSQLROOTPASSWORD`). */
const SECRET_SUBSTRINGS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'CREDENTIAL', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'AUTHTOKEN'];

/** Pairs of adjacent words that make a credential (`API_KEY`, `PRIVATE_KEY`). */
const SECRET_PAIRS = new Set(['API KEY', 'PRIVATE KEY', 'ACCESS KEY', 'SECRET KEY', 'SIGNING KEY', 'ENCRYPTION KEY', 'AUTH KEY', 'MASTER KEY', 'CONNECTION STRING', 'CLIENT SECRET', 'SESSION KEY', 'WEBHOOK KEY', 'LICENSE KEY', 'ACCOUNT KEY', 'SAS KEY']);

/** Last words that mean the value is about the secret, not the secret itself. */
const POINTER_SUFFIXES = new Set(['FILE', 'PATH', 'DIR', 'NAME', 'REF', 'ID', 'ARN', 'KEYID', 'TTL', 'EXPIRY', 'EXPIRATION', 'EXPIRES', 'LIFETIME', 'TIMEOUT', 'LENGTH', 'LEN', 'SIZE', 'COUNT', 'MAX', 'MIN', 'ENABLED', 'DISABLED', 'ENABLE', 'REQUIRED', 'TYPE', 'FORMAT', 'HEADER', 'ALGORITHM', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'POLICY', 'MOUNT', 'VERSION', 'USER', 'USERNAME', 'LOGIN', 'PREFIX', 'FIELD', 'KEY_NAME', 'ROTATION', 'REFRESH_INTERVAL', 'INTERVAL', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES']);

/** Words before a trailing KEY that make it a key into data, not a credential. */
const DATA_KEY_QUALIFIERS = new Set(['PUBLIC', 'CACHE', 'PARTITION', 'SORT', 'PRIMARY', 'FOREIGN', 'ROUTING', 'HASH', 'RANGE', 'IDEMPOTENCY', 'LOOKUP', 'OBJECT', 'S3', 'PREFIX', 'SHARD', 'GROUP', 'LABEL', 'ANNOTATION', 'MAP', 'CONFIG', 'JSON', 'REDIS', 'LOCK', 'TENANT', 'FEATURE', 'DEDUP', 'DEDUPLICATION', 'MESSAGE', 'EVENT', 'RECORD', 'ROW', 'SEARCH', 'INDEX']);

/** First words that make the name a quantity. */
const QUANTITY_PREFIXES = new Set(['MAX', 'MIN', 'NUM', 'NUMBER', 'COUNT', 'TOTAL']);

/** The upper-case words of a variable name: `dbPassword-file` -> [DB, PASSWORD, FILE]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || POINTER_SUFFIXES.has(last)) return false;
  // PWD alone is the shell's working directory, not a password.
  if (words.length === 1 && last === 'PWD') return false;
  // MAX_TOKENS, NUM_SECRETS: a count of the things, not one of them.
  if (QUANTITY_PREFIXES.has(words[0] ?? '')) return false;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  if (words.some((word) => SECRET_SUBSTRINGS.some((noun) => word.includes(noun)))) return true;
  for (let i = 0; i + 1 < words.length; i++) if (SECRET_PAIRS.has(`${words[i] ?? ''} ${words[i + 1] ?? ''}`)) return true;
  // STRIPE_KEY, AZURE_BATCH_KEY: a trailing KEY is a credential unless it names a data key.
  return last === 'KEY' && words.length > 1 && !DATA_KEY_QUALIFIERS.has(words.at(-2) ?? '');
}

/**
 * Values that cannot be a literal secret: a placeholder (src/lib/secrets/placeholders.ts: empty, a
 * reference such as `$(OTHER)`, which the kubelet expands, a boolean, a sample word) or a path to a file.
 */
export function isPlaceholderValue(value: string): boolean {
  return isPlaceholder(value) || /^\/[\w./-]*$/.test(value.trim());
}

/**
 * One array for the life of the process: the secret scan builds its keyword automaton once per
 * rule list (by identity), and a fresh `[rule]` per call built one per env value (1.7 s of a
 * 50,000-pod scan).
 */
const URL_PASSWORD_RULES = [URL_PASSWORD_ANY_SCHEME];

/** `scheme://user:password@host`: a credential embedded in a URL, whatever the variable is called. */
export function urlPassword(value: string): string | undefined {
  if (value.length > MAX_SCANNED_LENGTH) return undefined;
  return findSecrets(value, URL_PASSWORD_RULES)[0]?.value;
}

/**
 * What kind of credential the value is by its format (Palisade's secret catalog: private keys,
 * cloud keys, tokens whose issuers give them a recognisable shape), whatever the variable is called.
 */
export function credentialFormat(value: string): string | undefined {
  if (value.length > MAX_SCANNED_LENGTH) return undefined;
  const [first] = findSecrets(value, FORMAT_RULES);
  return first === undefined ? undefined : credentialName(first.rule);
}
