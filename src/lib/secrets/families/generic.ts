/**
 * Formats that belong to no one service: JSON Web Tokens, credentials on a curl command line,
 * Kubernetes Secret manifests, and values assigned to secret-sounding names. They come last in the
 * catalog, so a value a specific rule names is reported under that rule.
 *
 * Assignments are read by the syntax of the file they are in, when its path is known: a
 * configuration file assigns any value (`password = s3cr3t!`), source code assigns literals only in
 * quotes (`password = get_password()` reads one), C-like code only in double quotes ('x' is a
 * character). Values that stand for a secret instead of being one (`${DB_PASSWORD}`, `<redacted>`,
 * `{{ .Values.password }}`) are never reported.
 */
import { isDocumentationValue, isPlaceholder } from '../placeholders.js';
import { B, E, type MatchContext, type SecretRule, START } from '../rule.js';

// ---------------------------------------------------------------------------------------------
// File syntax

type Syntax = 'config' | 'code' | 'c';

const C_LIKE = /\.(?:c|h|cc|cpp|cxx|hpp|hh|cs|m|mm)$/i;
const CODE = /\.(?:py|pyi|pyw|js|mjs|cjs|jsx|ts|mts|cts|tsx|java|kt|kts|scala|groovy|gradle|swift|go|rs|rb|php|pl|pm|lua|dart|cls|tf|hcl|tfvars|vue|svelte|ex|exs|erl|clj|r|jl)$/i;
const CONFIG = /(?:\.(?:conf|cnf|cfg|ini|env|properties|props|prefs|toml|ya?ml|json|xml|plist|sh|bash|zsh|ksh|envrc|netrc|npmrc|pypirc|pgpass|htpasswd|service|desktop|settings|config)|(?:^|\/)(?:\.env[^/]*|[^/.]+rc|\.?netrc|\.?pgpass|credentials|config|Dockerfile|Containerfile|Makefile))$/i;
/** Files under /etc with no extension are configuration (/etc/mysql/debian.cnf, /etc/default/app). */
const ETC = /^\/?etc\/[^.]*$/;

/**
 * How the file at `path` writes values. Unknown files (or no path) require quotes, as source code
 * does: an unquoted word after `password:` in prose or an unknown format is too often not a value.
 */
function syntaxOf(path: string | undefined): Syntax {
  if (path === undefined) return 'code';
  if (C_LIKE.test(path)) return 'c';
  if (CODE.test(path)) return 'code';
  if (CONFIG.test(path) || ETC.test(path)) return 'config';
  return 'code';
}

/** Languages where backticks run a command (`` $pwd = `pwd` ``) instead of quoting a string. */
const BACKTICK_COMMANDS = /\.(?:pl|pm|t|sh|bash|zsh|ksh|rb|php)$/i;

/** The quote characters a file at `path` writes string literals with (C-like files are handled apart). */
function quotesOf(path: string | undefined): string {
  return path !== undefined && BACKTICK_COMMANDS.test(path) ? '"\'' : '"\'`';
}

/**
 * Where a value under a secret-like name is rarely a secret of the image's own: what the
 * distribution's packages install under /usr/lib and /usr/share (the Google Cloud SDK's API
 * documentation, gnupg's and Ruby's libraries; not /usr/share/nginx, where the nginx image serves
 * the application's own files from), translations
 * (labels), other people's packages (node_modules, site-packages, Ruby gems, vendor and
 * third_party trees: their tests and
 * docs set `password: "asdf"`; the Python and Ruby standard libraries under lib/pythonX.Y and
 * lib/ruby/X.Y, whose urllib documents `passwd='geheim$parole'` in every Python image), test and example trees, documentation, type declarations and
 * source maps (their embedded sources are someone's code), examples and templates by name
 * (`.env.example`, `config.sample.yml`, the JDK's `jmxremote.password.template`). The
 * test files by their naming conventions (`_test.go`, `x.spec.ts`, `test_x.py`). The name-based
 * rules skip them; the format rules still read them (a real AWS key is one anywhere).
 */
const NOT_OWN_VALUES = /^\/?usr\/(?:lib|share(?!\/nginx\/))\/|(?:^|\/)(?:locales?|i18n|l10n|lang|translations?|node_modules|site-packages|dist-packages|lib\/python\d[\d.]*|lib\/ruby\/\d[\d.]*|gems|vendor|third_party|bower_components|tests?|__tests__|specs?|testdata|fixtures?|examples?|samples?|docs?)\/|\.(?:md|markdown|rst|adoc|pod|d\.ts|map|example|sample|template)$|\.(?:example|sample)\.[^/]+$|(?:_test\.(?:go|py|rb)|[._-](?:test|spec)\.[cm]?[jt]sx?|(?:^|\/)test_[^/]*\.py)$/i;

/** Whether the name-based rules read the file at `path` (see NOT_OWN_VALUES). */
function ownValues(path: string | undefined): boolean {
  return path === undefined || !NOT_OWN_VALUES.test(path);
}

// ---------------------------------------------------------------------------------------------
// Values

/** Code that reads a credential: `get_password()`, `os.environ["X"]`, `settings.db.password`. */
const EXPRESSION = /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*[([]|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$)/;
/**
 * A name in quotes is a key, a label or a type (`"client_secret"`, `"_DSAPrivateKey"`,
 * `"SuperSecretToken"`), not a password: letters only (no digit, no blank), with a separator or a
 * capital inside. A single lower-case word ("hopenobodyfindsthisone") may be a password.
 */
function isIdentifier(value: string): boolean {
  return /^[A-Za-z_.-]+$/.test(value) && (/[_.-]/.test(value) || /[A-Z]/.test(value.slice(1)));
}
/** Whether `value` may be a credential rather than something that names, reads or stands for one. */
function plausibleValue(value: string): boolean {
  if (value.length < 4 || value.length > 256) return false;
  // A password has letters or digits; ",.:-*?!" alone is punctuation.
  if (!/[\p{L}\p{N}]/u.test(value)) return false;
  if (isPlaceholder(value)) return false;
  // Paths and URLs name where a credential is kept (a URL with a password is another rule's).
  return !/^(?:\/|\.{1,2}\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value);
}

/**
 * An unquoted value must look generated or chosen as a password: a digit, a symbol or a capital
 * after the first letter (blanks do not count: a quoted phrase after a bare name is prose).
 * Plain words after `passwd:` are settings (`passwd: files`, `compat`).
 */
function plausibleBareValue(value: string): boolean {
  return value.length >= 6 && !EXPRESSION.test(value) && /[^a-z\s]/.test(value.slice(1)) && plausibleValue(value);
}

/** The quoted string at the start of `rest` (its content), or undefined if `rest` does not start with one. */
function quoted(rest: string, quotes: string): string | undefined {
  const quote = rest[0];
  if (quote === undefined || !quotes.includes(quote)) return undefined;
  let i = 1;
  for (; i < rest.length && rest[i] !== quote; i += 1) if (rest[i] === '\\') i += 1;
  return i < rest.length ? rest.slice(1, i) : undefined;
}

/** The value at the start of `rest` as `syntax` writes literals (quoted with `quotes`), or undefined. */
function valueAt(rest: string, syntax: Syntax, quotes: string): string | undefined {
  if (syntax === 'c') {
    // Objective-C string literals are @"…"; single quotes are characters.
    const value = quoted(rest.startsWith('@') ? rest.slice(1) : rest, '"');
    return value !== undefined && plausibleValue(value) ? value : undefined;
  }
  const inQuotes = quoted(rest.startsWith('@') ? rest.slice(1) : rest, quotes);
  if (inQuotes !== undefined) return plausibleValue(inQuotes) && !isIdentifier(inQuotes) ? inQuotes : undefined;
  if (syntax !== 'config' || /^["'`]/.test(rest)) return undefined;
  // Unquoted: one token, without the separator or stray quote that follows it.
  const bare = /^[^\s"'`,;]{1,256}/.exec(rest)?.[0];
  return bare !== undefined && plausibleBareValue(bare) ? bare : undefined;
}

// ---------------------------------------------------------------------------------------------
// Secret-sounding names

/**
 * The words that make a name secret-sounding (case-insensitive); `pass` only as a part after a
 * separator (db_pass, not bypass). Every alternative starts with a literal: a leading lookbehind
 * makes the engine try each position of the text (measured 5x slower over /etc and Python's library).
 */
const SECRET_WORDS = 'passw(?:or)?d|passphrase|[_.-]pass(?![a-z])|pwd|secret|api[_.-]?key|private[_.-]?key|access[_.-]?key|auth[_.-]?key|contrase(?:ñ|n)a';
/**
 * Names that say the value is about the secret, not the secret: where it is kept, how it is checked
 * or named, how long it lives (`password_file`, `secretName`, `token_ttl`, `access_key_id`).
 */
const METADATA = /(?:file|files|path|name|names|id|ids|url|uri|dir|len|length|size|type|prompt|field|policy|ttl|timeout|expiry|expires|label|enabled|mode|format|pattern|regex|header|ref|hint|count|min|max|rules?|strength|reset|confirm|confirmation|changed|expired|required|mount|secrets|tokens|passwords|keys|encryption|algorithm|algo|method|scheme|cipher|digest|hashes|check|command|cmd|program|helper|backend|store|provider|version|env|var|key_?id|arn|selector|template|class|kind|hash|salt|args?|arguments?|time|date|timestamp)$/i;
/** Names that are secret-sounding but public by definition. */
const PUBLIC = /^(?:[Pp]ublic|PUBLIC|[Pp]ub|PUB|[Cc]srf|CSRF|[Xx]srf|XSRF)(?![a-z])/;

/**
 * The value after a name and operator, consumed no further than a value can reach: one quoted
 * string (an Objective-C `@"…"` too; unclosed within 256 characters, it stops there) or one bare
 * token. Consuming only the value lets a later assignment on the same line match
 * (`add_password(realm=…, passwd='…')`), and a line of near-misses costs one attempt per value,
 * not one per secret word.
 */
const VALUE = ['"', "'", '`'].map((q) => `@?${q}(?:[^${q}\\\\\\r\\n]|\\\\.){0,256}${q}?`).join('|') + '|[^\\s"\'`,;]{0,256}';

/**
 * `NAME[quote][[n]] OP value`, or `NAME "value"` (a directive: a blank, then a quoted value), or
 * `"NAME", "value"` (a call's arguments: `define('DB_PASSWORD', '…')`) (groups: name, comma,
 * operator, value), or `"value" == NAME` (groups: value with quotes, name).
 */
const ASSIGNMENT = new RegExp(
  `((?:${SECRET_WORDS})[A-Za-z0-9_.-]{0,30})(?:["'\`][ \\t]{0,5}(,)[ \\t]{0,20}(?=["'\`])|["'\`]?(?:\\[[0-9]{0,6}\\])?(?:[ \\t]{0,10}(!==?|===?|=>|:{1,3}=|\\.=|\\?=|=|:)[ \\t]{0,10}|[ \\t]{1,10}(?=["'\`])))(${VALUE})` +
  `|(["'\`](?:[^"'\`\\\\\\r\\n]|\\\\.){1,256}["'\`])[ \\t]{0,5}(?:[!=]==?)[ \\t]{0,5}([A-Za-z0-9_.-]{0,30}(?:${SECRET_WORDS})[A-Za-z0-9_.-]{0,30})`,
  'gi',
);

/** The whole name around a secret word (the pattern starts at the word, so read back to the name's start). */
function fullName(text: string, start: number, name: string): string {
  let from = start;
  while (from > 0 && start - from < 40 && /[A-Za-z0-9_.-]/.test(text[from - 1] ?? '')) from -= 1;
  return text.slice(from, start) + name;
}

/** Whether a full name is a credential's: not metadata, not public, and `pwd` not inside a word (getpwd). */
function secretName(name: string): boolean {
  return !METADATA.test(name) && !PUBLIC.test(name) && !/[a-z]pwd/i.test(name.replace(/passwd/gi, ''));
}

function extractAssignment(match: RegExpMatchArray, { text, path }: MatchContext): string | undefined {
  const syntax = syntaxOf(path);
  const [, name, comma, operator, rest, reversed, reversedName] = match;
  if (reversed !== undefined && reversedName !== undefined) {
    // `if ("value" == password)`: a comparison with a literal, in any syntax.
    if (!secretName(reversedName) || reversed[0] !== reversed.at(-1) || (syntax === 'c' && !reversed.startsWith('"'))) return undefined;
    const value = reversed.slice(1, -1);
    return plausibleValue(value) ? value : undefined;
  }
  if (name === undefined || rest === undefined) return undefined;
  const full = fullName(text, match.index ?? 0, name);
  if (!secretName(full)) return undefined;
  if (comma !== undefined) {
    const start = (match.index ?? 0) - (full.length - name.length);
    const end = (match.index ?? 0) + match[0].length;
    return namedArgument(text.slice(Math.max(0, start - 8), start), match[0].slice(name.length, name.length + 1), rest, text.slice(end, end + 8), syntax);
  }
  // `password "value";` (a directive with no operator): a blank, then a quoted value. Without an
  // operator, words follow names in prose and calls too (`CHECK_PASS "done"`, `extract secret
  // "early"`), so the value must look chosen as a password, as an unquoted one must.
  if (operator === undefined) {
    if (!/^[ \t]/.test(match[0].slice(name.length))) return undefined;
    const value = quoted(rest, syntax === 'c' ? '"' : quotesOf(path));
    return value !== undefined && plausibleBareValue(value) && !isIdentifier(value) ? value : undefined;
  }
  // In code a colon is a key in a literal (`{password: "x"}`) or a type (`password: string`): quoted values only, as everywhere in code.
  return valueAt(rest, syntax, quotesOf(path));
}

/**
 * The value of a call that names the secret in its first argument and gives it in the second:
 * PHP's `define('DB_PASSWORD', '…')` (every wp-config.php), `setenv("API_KEY", "…", 1)`,
 * `os.environ.setdefault("SECRET_KEY", "…")`. The name is a string literal that opens the call's
 * arguments, the value a literal in the same quotes that ends them or is followed by no other
 * string (`MovedAttribute("HTTPPasswordMgr", "urllib2", "urllib.request")` names modules). As for
 * a directive, the value must look chosen as a password (`t('password', 'Mot de passe')` is a
 * label), and a value that says "secret" or "password" itself is a name
 * (`('OAUTH2_CLIENT_SECRET', 'oauth2ClientSecret')` maps names).
 */
function namedArgument(before: string, quote: string, rest: string, after: string, syntax: Syntax): string | undefined {
  if (!before.endsWith(quote) || !/\([ \t]{0,5}$/.test(before.slice(0, -1)) || rest[0] !== quote || !/^[ \t]{0,5}(?:\)|,[ \t]{0,5}[^"'`\s])/.test(after)) return undefined;
  const value = quoted(rest, syntax === 'c' ? '"' : quote);
  if (value === undefined || !plausibleBareValue(value) || isIdentifier(value)) return undefined;
  return new RegExp(SECRET_WORDS, 'i').test(value) ? undefined : value;
}

const SECRET_ASSIGNMENT: SecretRule = {
  id: 'secret-assignment', title: 'Password or secret assigned in configuration or code', severity: 'high',
  // Every secret word contains one of these.
  keywords: ['passw', 'passphrase', '_pass', '-pass', '.pass', 'pwd', 'contrase', 'secret', 'apikey', 'api_key', 'api-key', 'api.key', 'privatekey', 'private_key', 'private-key', 'private.key', 'accesskey', 'access_key', 'access-key', 'access.key', 'authkey', 'auth_key', 'auth-key', 'auth.key'],
  pattern: ASSIGNMENT,
  files: ownValues,
  extract: extractAssignment,
  detectSecrets: ['KeywordDetector'],
};

/**
 * Long random values under credential names, whatever the file (gitleaks' generic-api-key): the
 * value's entropy, not its quoting, says it is a secret, so unquoted values count in code too.
 */
const GENERIC_NAMES = 'token|secret|passw(?:or)?d|pwd|credentials?|creds|[_.-]auth(?![a-z])|auth(?=[-_."\'`=: \\t>])|api[_.-]?key|access[_.-]?key|private[_.-]?key';
const GENERIC_ASSIGNMENT = new RegExp(
  // The name, an optional closing quote and declared type, an operator (or an XML element's end,
  // or a comma between a quoted key and a quoted value: setProperty("TOKEN", "…")), an optional
  // opening quote, then the value up to a delimiter.
  `((?:${GENERIC_NAMES})[A-Za-z0-9_.-]{0,30})["'\`]?(?:[ \\t]{0,3}:?[ \\t]{0,3}(?:string|String|str)\\b)?` +
  `(?:[ \\t]{0,5}(?:=>|:{1,3}=|\\.=|\\?=|=|:)[ \\t]{0,5}|>\\s{0,40}|["'][ \\t]{0,5},[ \\t]{0,5}(?=["']))["'\`]?` +
  `([A-Za-z0-9+/_.=~-]{16,512})(?=["'\`\\s;,)}\\]<]|\\\\[nrt]|$)`,
  'gi',
);

const GENERIC_SECRET_ASSIGNMENT: SecretRule = {
  id: 'generic-secret-assignment', title: 'High-entropy value assigned to a secret-like name', severity: 'medium',
  // "auth" only as a whole name part, spelled with what may follow it: alone it is in every "author".
  keywords: ['token', 'secret', 'passw', 'pwd', 'credential', 'creds', '_auth', '-auth', '.auth', 'auth_', 'auth-', 'auth.', 'auth"', "auth'", 'auth`', 'auth=', 'auth:', 'auth ', 'auth\t', 'auth>', 'apikey', 'api_key', 'api-key', 'api.key', 'accesskey', 'access_key', 'access-key', 'access.key', 'privatekey', 'private_key', 'private-key', 'private.key'],
  pattern: GENERIC_ASSIGNMENT,
  files: ownValues,
  minEntropy: 3.5,
  extract: (match, { text }) => {
    const [, name, value] = match;
    if (name === undefined || value === undefined) return undefined;
    const full = fullName(text, match.index ?? 0, name);
    // "auth" starts a name part, not the end of a word (oauth=, Author:).
    if (!secretName(full) || (/^auth/i.test(name) && /[A-Za-z]$/.test(full.slice(0, full.length - name.length)))) return undefined;
    // Dotted names are references (`X25519.secret_length`); an alphabet spelled out is a constant;
    // a path of lower-case names (`/usr/bin/fullpath`, `./lib/tokenize.js`) says where something
    // is; a value that says "token", "secret" or "key" itself is a name (`"V1TokenRequest":
    // V1TokenRequest`, `PrivateKey: testP256PrivateKey`).
    if (EXPRESSION.test(value) || /(?:abcdefghij|0123456789|ABCDEFGHIJ)/.test(value) || /^\.{0,2}(?:\/[a-z0-9._-]{1,64}){2,}\/?$/.test(value)) return undefined;
    if (/token|secret|passw|pwd|credential|api_?key|private_?key|access_?key|auth/i.test(value)) return undefined;
    // Generated tokens mix letters with digits (or base64's + / =); identifiers (TokenWatcher,
    // callDuringTry=True) do not, and a CONSTANT_CASE value is another constant.
    if (!/[0-9+/]|=$/.test(value) || !/[A-Za-z]/.test(value) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return undefined;
    return value;
  },
  gitleaks: ['generic-api-key'],
};

// ---------------------------------------------------------------------------------------------
// JSON Web Tokens

/** A base64(url)-encoded JSON object, decoded; undefined when the segment is not one. */
function jsonObject(segment: string, encoding: 'base64url' | 'base64'): Record<string, unknown> | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(segment, encoding).toString('utf8'));
    return decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JWT's header and payload are base64url-encoded JSON objects (so both start with "ey", the
 * encoding of '{'). A token whose claims name documentation's people or domains (jwt.io's
 * "John Doe", an issuer or email at example.com) is a sample from documentation, not a credential.
 */
function isJwt(token: string): boolean {
  const [header = '', payload = ''] = token.split('.');
  const claims = jsonObject(payload, 'base64url');
  if (jsonObject(header, 'base64url') === undefined || claims === undefined) return false;
  // Claims are strings or lists of them ("aud" may be either).
  return !Object.values(claims).flat().some((claim) => typeof claim === 'string' && isDocumentationValue(claim));
}

const JWT: SecretRule = {
  id: 'jwt', title: 'JSON Web Token', severity: 'medium', keywords: ['eyj'],
  // Header, payload, then a signature that unsigned tokens (alg "none") leave empty or omit. The
  // token starts where a run of its alphabet starts (START, not B: "-" is in the alphabet), so each
  // attempt scans a run no other attempt scans; from every "eyJ" after a "-", a megabyte of
  // "eyJ-eyJ-…" took 2.2 s.
  pattern: new RegExp(`${START}(eyJ[A-Za-z0-9_-]{8,2048}={0,2}\\.ey[A-Za-z0-9_-]{8,16384}={0,2}(?:\\.[A-Za-z0-9_-]{0,2048}={0,2})?)${E}`, 'g'),
  accept: isJwt,
  detectSecrets: ['JwtTokenDetector'],
  gitleaks: ['jwt'],
};

/** A JWT stored base64-encoded again (in a Kubernetes Secret, an env file): "eyJ" encodes as "ZXlK". */
const JWT_BASE64: SecretRule = {
  id: 'jwt-base64', title: 'Base64-encoded JSON Web Token', severity: 'medium', keywords: ['zxlk'],
  pattern: new RegExp(`${B}(ZXlK[A-Za-z0-9+/]{40,24576}={0,2})${E}`, 'g'),
  accept: (secret) => {
    const token = Buffer.from(secret, 'base64').toString('latin1');
    return /^eyJ[A-Za-z0-9_-]{8,}={0,2}\.ey[A-Za-z0-9_-]{8,}/.test(token) && isJwt(token);
  },
  gitleaks: ['jwt-base64'],
};

// ---------------------------------------------------------------------------------------------
// curl command lines

/** Before an option, how far back its curl command may start (continuation lines included). */
const CURL_REACH = 1000;
const COMMAND_START = /[\s;&|(`#$]/;

/**
 * Whether the option at `index` belongs to a curl command: the nearest "curl " before it (at a
 * command's start) reaches it without a line break, except continuation lines (a trailing
 * backslash, or an indented line that starts with an option: documentation often drops the
 * backslash). The patterns start at the option, not at "curl": a pattern from "curl" to its option
 * would scan up to CURL_REACH characters from every "curl" of the text.
 */
function onCurlCommand(text: string, index: number): boolean {
  const from = Math.max(0, index - CURL_REACH);
  const before = text.slice(from, index);
  for (let at = before.lastIndexOf('curl'); at !== -1; at = at === 0 ? -1 : before.lastIndexOf('curl', at - 1)) {
    const previous = at === 0 ? (from === 0 ? ' ' : text[from - 1] ?? ' ') : before[at - 1] ?? ' ';
    // The blank after "curl" may be the one the option's match starts with.
    const next = text[from + at + 4];
    if (!COMMAND_START.test(previous) || (next !== ' ' && next !== '\t')) continue;
    // Up to the option's dash, so an indented option line is seen to continue the command.
    return !/[\r\n]/.test(text.slice(from + at, index + 2).replace(/\\\r?\n|\r?\n(?=[ \t]{1,40}-)/g, ''));
  }
  return false;
}

/** A value on a command line that stands for the credential: a variable, a template, a bracketed hint. */
const SHELL_REFERENCE = /^(?:\$|%|\{|\[|<|\.{3})/;

const CURL_USER: SecretRule = {
  id: 'curl-auth-user', title: 'Password on a curl command line', severity: 'high', keywords: ['curl'],
  // `-u user:password` or `--user user:password`, quoted whole, quoted in part or not (groups:
  // user, password).
  pattern: /[ \t](?:-u|--user)(?:[ \t]{1,5}|=)["']?([^\s"':]{1,128}):["']?([^\s"']{1,256})["']?(?=\s|$)/g,
  minEntropy: 2,
  extract: (match, { text }) => {
    const [, user, password] = match;
    if (user === undefined || password === undefined || password.length < 6 || password === user || !onCurlCommand(text, match.index ?? 0)) return undefined;
    if (SHELL_REFERENCE.test(password) || SHELL_REFERENCE.test(user) || isPlaceholder(password)) return undefined;
    return password;
  },
  gitleaks: ['curl-auth-user'],
};

/** Header names that carry a credential: Authorization, and names saying token, key, secret or auth. */
const AUTH_HEADER = '(?:proxy-)?authorization|[A-Za-z0-9-]{0,30}(?:token|api-?key|secret|auth(?!or))[A-Za-z0-9-]{0,30}';

const CURL_HEADER: SecretRule = {
  id: 'curl-auth-header', title: 'Credential in a curl request header', severity: 'high', keywords: ['curl'],
  // `-H 'Authorization: Bearer <token>'` (groups: quote, scheme, credential).
  pattern: new RegExp(`[ \\t](?:-H|--header)(?:[ \\t]{1,5}|=)(["'])(?:${AUTH_HEADER}):[ \\t]{0,5}([A-Za-z][A-Za-z-]{1,20}[ \\t]{1,3})?([^\\s"']{1,4096})\\1`, 'gi'),
  minEntropy: 2.75,
  extract: (match, { text }) => {
    const credential = match[3];
    if (credential === undefined || credential.length < 8 || SHELL_REFERENCE.test(credential) || !onCurlCommand(text, match.index ?? 0)) return undefined;
    return /[A-Za-z0-9]/.test(credential) ? credential : undefined;
  },
  gitleaks: ['curl-auth-header'],
};

// ---------------------------------------------------------------------------------------------
// Passwords in URLs

/**
 * Schemes whose URLs carry credentials by convention (DATABASE_URL=postgres://app:…@db/app).
 * http(s) is left out: "://" in the prefilter passed half of all text files (33% -> 49% of /etc
 * and the Python and npm libraries) for no finding; credentials in http URLs are service tokens
 * that specific rules name.
 */
const URL_SCHEMES = ['postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'nats', 'ftp', 'ftps', 'sftp', 'smtp', 'smtps', 'ldap', 'ldaps', 'svn', 'ssh'];

/** The password of a URL's userinfo, percent-decoded (RFC 3986): `p%40ss` is the password `p@ss`. */
function decodedPassword(password: string): string {
  try {
    return decodeURIComponent(password);
  } catch {
    // Not percent-encoding (`%s`, a lone `%`): judged as written.
    return password;
  }
}

/**
 * `scheme://user:password@host` (RFC 3986 userinfo; the user may be empty, as in Redis's
 * `redis://:password@host`), for the schemes `accepts` takes. The pattern starts at the literal
 * "://" (a scheme pattern in front would make the engine try every letter of the text); the scheme
 * is read back. Groups: user, password.
 */
function urlPasswordRule(keywords: readonly string[], accepts: (scheme: string) => boolean): SecretRule {
  return {
    id: 'url-password', title: 'Password in a connection URL', severity: 'high', keywords,
    pattern: /:\/\/([^\s:/?#@"'`<>[\]{}]{0,128}):([^\s/?#@"'`<>[\]{}]{1,256})@(?=[A-Za-z0-9[])/g,
    extract: (match, { text }) => {
      const [, user, password] = match;
      const index = match.index ?? 0;
      const scheme = /(?:^|[^A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30})$/.exec(text.slice(Math.max(0, index - 32), index))?.[1];
      if (user === undefined || password === undefined || scheme === undefined || !accepts(scheme.toLowerCase())) return undefined;
      // Variables, templates and sample words stand for the password; user:user is a default account.
      const clear = decodedPassword(password);
      if (clear === user || SHELL_REFERENCE.test(clear) || isPlaceholder(clear)) return undefined;
      return /[A-Za-z0-9]/.test(clear) ? password : undefined;
    },
    detectSecrets: ['BasicAuthDetector'],
  };
}

/** Connection URLs of the schemes that carry credentials by convention: what image layers are searched for. */
const URL_PASSWORD = urlPasswordRule(URL_SCHEMES.map((scheme) => `${scheme}://`), (scheme) => URL_SCHEMES.includes(scheme));

/**
 * The same rule for any scheme (`https://user:secret@host` too), for configuration values, which
 * are small: the prefilter cost that keeps http(s) out of image scans does not arise there.
 */
export const URL_PASSWORD_ANY_SCHEME = urlPasswordRule(['://'], () => true);

// ---------------------------------------------------------------------------------------------
// Kubernetes Secret manifests

/** The documents of a YAML stream that declare `kind: Secret`, as [start, end) offsets; one text at a time. */
let secretDocuments: { text: string; spans: [number, number][] } | undefined;

function secretDocumentSpans(text: string): [number, number][] {
  if (secretDocuments?.text === text) return secretDocuments.spans;
  const spans: [number, number][] = [];
  const separators = [...text.matchAll(/^---[ \t]*$/gm)].map((m) => m.index);
  const bounds = [0, ...separators, text.length];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const start = bounds[i] ?? 0;
    const end = bounds[i + 1] ?? text.length;
    if (/^[ \t]*kind:[ \t]*["']?secret["']?[ \t]*(?:#.*)?$/im.test(text.slice(start, end))) spans.push([start, end]);
  }
  secretDocuments = { text, spans };
  return spans;
}

/**
 * Whether `index` lies in one of `spans` (in text order, not overlapping), by binary search: a
 * megabyte of one-entry Secret documents has 20,000 of them, and a scan of all spans per entry
 * took 0.7 s.
 */
function inSpan(spans: readonly (readonly [number, number])[], index: number): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const [start = 0, end = 0] = spans[mid] ?? [];
    if (index < start) high = mid;
    else if (index >= end) low = mid + 1;
    else return true;
  }
  return false;
}

/** The last entry found under a data key: entries of one block come in order, so the next one only walks back to it. */
let lastDataEntry: { text: string; index: number; indent: string } | undefined;

/** Whether the entry at `index` (its line's start) sits directly under a `data:` or `stringData:` key. */
function underData(text: string, index: number, indent: string): boolean {
  let end = index;
  // Bounded walk up: an entry more than 200 lines below its block's key (or the block's previous
  // entry) is not reported.
  for (let lines = 0; lines < 200 && end > 0; lines += 1) {
    const start = text.lastIndexOf('\n', end - 2) + 1;
    const line = text.slice(start, end).replace(/\r?\n$/, '');
    end = start;
    if (lastDataEntry !== undefined && lastDataEntry.text === text && lastDataEntry.index === start && lastDataEntry.indent === indent) return remember(text, index, indent);
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (lead.length < indent.length) return /^[ \t]*(?:data|stringData):[ \t]*$/.test(line) && remember(text, index, indent);
  }
  return false;
}

function remember(text: string, index: number, indent: string): true {
  lastDataEntry = { text, index, indent };
  return true;
}

const KUBERNETES_SECRET: SecretRule = {
  id: 'kubernetes-secret-yaml', title: 'Kubernetes Secret manifest with data', severity: 'high', keywords: ['secret'],
  // An indented `key: value` entry whose value is base64 (groups: indent, quote, value); a folded
  // scalar (`key: >`) puts the value on the next line.
  pattern: /^([ \t]+)[A-Za-z0-9._-]{1,253}:[ \t]{0,5}(?:[>|][-+]?[ \t]*\r?\n[ \t]{1,40})?(["']?)([A-Za-z0-9+/]{12,65536}={0,2})\2[ \t]*\r?$/gm,
  files: (path) => path === undefined || /\.(?:ya?ml|json)$/i.test(path),
  extract: (match, { text }) => {
    const [, indent, , value] = match;
    const index = match.index ?? 0;
    if (indent === undefined || value === undefined || value.length % 4 === 1) return undefined;
    if (!inSpan(secretDocumentSpans(text), index)) return undefined;
    if (!underData(text, index, indent)) return undefined;
    // Placeholders are judged on the decoded value (binary data may start with a run of "A"s), and
    // only short ones: a long decoded value that mentions example.com is still a credential file.
    const decoded = Buffer.from(value, 'base64').toString('latin1').trim();
    const placeholder = /^(.)\1*$/s.test(decoded) || (decoded.length <= 32 && isPlaceholder(decoded));
    return placeholder ? undefined : value;
  },
  placeholders: 'keep',
  minEntropy: 2.5,
  gitleaks: ['kubernetes-secret-yaml'],
};

/**
 * The rules that judge a value by the name it is assigned to, not by its own format: callers that
 * know the name themselves (a ConfigMap key, an environment variable) apply their own judgement.
 */
export const NAME_BASED_RULES: readonly SecretRule[] = [SECRET_ASSIGNMENT, GENERIC_SECRET_ASSIGNMENT];

export const GENERIC_RULES: readonly SecretRule[] = [
  KUBERNETES_SECRET,
  JWT,
  JWT_BASE64,
  CURL_HEADER,
  CURL_USER,
  URL_PASSWORD,
  GENERIC_SECRET_ASSIGNMENT,
  SECRET_ASSIGNMENT,
];
