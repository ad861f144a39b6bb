/**
 * One answer to "does this value stand for a credential instead of being one?", shared by the
 * secret catalog and the manifest rules (ConfigMaps, env literals, image configuration), so one
 * value is judged the same way wherever it is found. Three kinds of stand-in:
 * - a reference to a value kept elsewhere: a variable (`$DB_PASSWORD`, `${X}`, `$(X)`), a template
 *   (`{{ .Values.password }}`, `{% … %}`, `<%= … %>`, `#{…}`, `@TOKEN@`), a hint (`<password>`,
 *   `[secret]`, `{password}`) or a format hole (`%s`, `%(password)s`, `{0}`);
 * - a word that names the secret or a setting instead of holding it (`password`, `none`, `true`);
 * - a documentation or test value that says so (`example`, `changeme`, `your-api-key`, `fake`,
 *   `xxxx`, `***`, the "John Doe" of sample tokens) or a long run of one character (`00000000`).
 * How long a value must be, and whether a path or a number may be one, depends on where it is
 * written: those checks stay with the callers.
 */

/** The value starts as a reference, or is one whole (`<password>`, `[token]`, `{key}`, `@KEY@`). */
const REFERENCE = /^(?:\$|%\(?[\w.]*\)?[sdr]?$|%[\w.]+%|\{\{|\{%|<%|<[^>]*>$|#\{|@[A-Z_]+@$|\[[\w\s.-]*\]$|\{[\w.]*\}$)/;
/**
 * A whole variable or template inside the value (`pre-${SUFFIX}`, `$(POD_NAME)-x`, `a{{ .b }}`):
 * closed, so a password that merely contains `${` or `{{` among other symbols is still one.
 */
const EMBEDDED_TEMPLATE = /\$\{[A-Za-z_][\w.-]*\}|\$\([A-Za-z_][\w.-]*\)|\{\{[^{}]*\}\}/;
/** printf and format-string holes: `'%s:%s' % (user, password)`, `%(db-pass)s`, `"{0}"`. */
const FORMAT_HOLE = /%[-+ #0-9.]{0,6}[sdrfx]|%\([\w.-]{1,40}\)[sdr]|\{\d{0,2}\}/;
/**
 * Words that are a type, a keyword, a setting or the name of the secret, not its value; `define`
 * and `undef` are what a configure script records for a feature (Perl's Config: `d_getpwent='define'`).
 */
const NOT_A_VALUE = /^(?:password|passwd|pass|pwd|secret|token|api[_-]?key|none|null|nil|undefined|true|false|yes|no|on|off|required|optional|empty|string|str|bool|int|any|unknown|hidden|masked|n\/a|todo|tbd|define|undef)$/i;
/**
 * Test and documentation values say so. "John Doe" and "Jane Doe" are the sample names of
 * documentation tokens (jwt.io's among them).
 */
const SAMPLE = /dummy|example|sample|placeholder|changeme|change[_-]me|redacted|insert|j(?:oh|a)n[_ -]?doe/i;
/**
 * Short sample words, written in one case (`your-api-key`, `YOUR_TOKEN`, `FAKE`): in any mix of
 * cases four letters occur by chance in long random tokens ("…Xw937qtWSXJss1lFaKe").
 */
const SHORT_SAMPLE = /fake|Fake|FAKE|your|Your|YOUR|xxxx|XXXX|\*\*\*/;
/**
 * Values only documentation and tests use: the sample people of documentation tokens (jwt.io's
 * "John Doe") and the names RFC 2606 reserves for them (example.com, .org, .net; *.example,
 * *.test, *.invalid).
 */
const DOCUMENTATION = /^j(?:oh|a)n[_ -]?doe$|(?:^|[@./])example\.(?:com|org|net)(?:$|[/:])|\.(?:example|test|invalid)(?:$|[/:])/i;
/** A long run of one character (`AKIA0000000000000000`), or a value made of one character only. */
const RUN = /(.)\1{7,}|^(.)\2*$/s;

/** Whether `value` is a reference, a template or a format hole standing for the credential. */
function isReference(value: string): boolean {
  return REFERENCE.test(value) || EMBEDDED_TEMPLATE.test(value) || FORMAT_HOLE.test(value);
}

/** Whether `value` is one that only documentation uses (a sample name, an RFC 2606 domain); narrower than isPlaceholder, for values inside a structure. */
export function isDocumentationValue(value: string): boolean {
  return DOCUMENTATION.test(value.trim());
}

/** Whether `value` (trimmed) stands for a credential instead of being one: see the module comment. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v === '' || isReference(v) || NOT_A_VALUE.test(v) || SAMPLE.test(v) || SHORT_SAMPLE.test(v) || RUN.test(v);
}
