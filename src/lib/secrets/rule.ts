/**
 * The contract of a secret rule, and the two ways rules are written. A rule names a credential
 * format by what its issuer documents: a fixed prefix or shape (`ghp_` and 36 characters), or,
 * for formats with no prefix, the service's name assigned a value of the format's shape
 * (`adafruit_key = <32 characters>`). Every rule has cheap keywords that must appear in the text
 * before its regular expression runs, and formats with a random body a minimum Shannon entropy,
 * so placeholders such as "ghp_xxxx…" are not reported.
 *
 * Patterns must stay linear: bounded repetitions only, no nested quantifiers over the same
 * characters (image layers and manifests are attacker-controlled).
 */
export type SecretSeverity = 'critical' | 'high' | 'medium';

export interface SecretRule {
  readonly id: string;
  readonly title: string;
  readonly severity: SecretSeverity;
  /** Lower-case substrings; the rule runs only on text containing one of them. */
  readonly keywords: readonly string[];
  /** Global (`g`). Group 1, when present, is the secret; otherwise the whole match. */
  readonly pattern: RegExp;
  /** Minimum bits per character of the secret (random tokens are well above 3). */
  readonly minEntropy?: number;
  /** A structural check of the captured secret (a checksum, a decodable body); false drops the match. */
  readonly accept?: (secret: string) => boolean;
  /**
   * Whether obvious placeholders (a run of one character, "example", "changeme"…) are dropped.
   * On by default; off for formats whose body is structured text, such as PEM keys.
   */
  readonly placeholders?: 'drop' | 'keep';
  /** Whether the rule applies to a file at `path` (undefined: the path is not known). */
  readonly files?: (path: string | undefined) => boolean;
  /**
   * The secret in a match of `pattern`, or undefined when the match holds none, for values a
   * regular expression cannot delimit alone (quoting that depends on the file's syntax, a
   * manifest's kind). It must be a substring of the match (its place is found there).
   */
  readonly extract?: (match: RegExpMatchArray, context: MatchContext) => string | undefined;
  /** The equivalent gitleaks rule ids, used to measure the rule against gitleaks' published cases. */
  readonly gitleaks?: readonly string[];
  /** The equivalent detect-secrets plugins, used likewise. */
  readonly detectSecrets?: readonly string[];
}

/** What a rule's `extract` sees besides its match. */
export interface MatchContext {
  readonly text: string;
  readonly path: string | undefined;
}

/** A token starts here: not inside a longer word. */
export const B = '(?:^|[^A-Za-z0-9_])';
/** A token ends here: not followed by more word characters. */
export const E = '(?=$|[^A-Za-z0-9_])';
/** A UUID (8-4-4-4-12 hex digits, either case): the shape of many services' keys, found by their name. */
export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Starts a token whose alphabet includes `-`: not inside a longer run of that alphabet ("x-glpat-…" is not a token). */
export const START = '(?<![A-Za-z0-9_-])';
/** Ends a token whose alphabet includes `-`: a longer value of the same alphabet is not cut down to fit. */
export const END = '(?![A-Za-z0-9_-])';

/** A regular-expression source matching `text` in any ASCII case (Node 20 has no `(?i:…)`). */
export function anyCase(text: string): string {
  let source = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    source += lower === upper ? ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&') : `[${lower}${upper}]`;
  }
  return source;
}

/** How assignedTo reads names. */
export interface AssignmentOptions {
  /** Names are matched as written, not in any case (for names that are common word parts in other cases). */
  readonly caseSensitive?: boolean;
}

/**
 * A value of shape `value` (a regular-expression source, matched case-sensitively) assigned to a
 * name that mentions one of `names` (in any case, unless `caseSensitive`):
 * - `ADAFRUIT_API_KEY="…"`, `adafruit: …`, `"adafruitKey": "…"`, `--adafruit-token=…`;
 * - the operators of common languages and formats: `:=`, `::=`, `:::=` (make), `.=` (PHP),
 *   `=>`, `?=`, `||`, and a type between name and operator (`var adafruitKey string = "…"`);
 * - XML element text (`<adafruitKey>…</adafruitKey>`).
 * The name must start a word: not inside a longer lower-case word ("rookTable" holds "okta"),
 * while a camel-case hump ("myOktaToken") or an upper-case name counts. It may carry up to 20
 * more name characters (`_api_key`, `.token`). The value must end at a quote, a blank, a
 * separator or the end of the line, so a longer value of another shape is not cut to fit.
 */
export function assignedTo(names: readonly string[], value: string, options: AssignmentOptions = {}): RegExp {
  const name = names.map((n) => startingAWord(n, options.caseSensitive === true)).join('|');
  const quote = `["'\`]?`;
  const operator = '(?:=|:{1,3}=|:|=>|\\?=|\\.=|\\|\\||,)';
  const type = '(?:[ \\t]{1,3}[A-Za-z][A-Za-z0-9_.]{0,20})?';
  const assignment = `${quote}(?:[ \\t]{0,5}${operator}[ \\t]{0,5}|>\\s{0,20})${quote}`;
  return new RegExp(`(?:${name})[A-Za-z0-9_.-]{0,20}${type}${assignment}(${value})(?=["'\`\\s;,)}\\]<]|\\\\[nrt]|$)`, 'g');
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * A regular-expression source for `name` (in any ASCII case unless `caseSensitive`) at a word
 * start: an upper-case first letter always starts one (a camel-case hump), any other first
 * character only when no lower-case letter precedes it. The test sits after the first character,
 * not before the name: a pattern that opens with a lookaround defeats the engine's scan for the
 * pattern's first characters, and every position of the text is tried (vault-legacy-token over
 * TypeScript's compiler: 15 ns a character that way, 1 ns this way).
 */
function startingAWord(name: string, caseSensitive: boolean): string {
  const [first = '', ...others] = name;
  const rest = others.join('');
  const upper = caseSensitive ? first : first.toUpperCase();
  const lower = caseSensitive ? first : first.toLowerCase();
  const starts: string[] = [];
  if (/[A-Z]/.test(upper)) starts.push(upper);
  if (!/[A-Z]/.test(lower)) starts.push(`${escaped(lower)}(?<![a-z]${escaped(lower)})`);
  return `(?:${starts.join('|')})${caseSensitive ? escaped(rest) : anyCase(rest)}`;
}

/** A rule whose secret is `value` assigned to one of `names` (see assignedTo); the names are its keywords. */
export function namedRule(rule: Omit<SecretRule, 'pattern' | 'keywords'> & { readonly names: readonly string[]; readonly value: string } & AssignmentOptions): SecretRule {
  const { names, value, caseSensitive, ...rest } = rule;
  return { ...rest, keywords: names.map((n) => n.toLowerCase()), pattern: assignedTo(names, value, caseSensitive === undefined ? {} : { caseSensitive }) };
}
