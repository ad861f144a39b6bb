/**
 * hadolint's ignore pragmas, read with hadolint's grammar (its Hadolint.Pragma module and README):
 *
 *   # hadolint ignore=DL3008,DL3009          the instruction on the next line
 *   # hadolint stage ignore=DL3006           the rest of the stage
 *   # hadolint global ignore=DL3006          the whole file
 *
 * Spaces or tabs may sit around the keywords, the `=` and the commas; `hadolint` is lower-case; a
 * `# comment` may follow a rule name. A rule name is a run of the letters D, L, S, C and digits:
 * a list holding anything else is no pragma at all (hadolint's parser fails as a whole rather than
 * keep the names it could read), so `ignore=crazy,DL3002` ignores nothing, DL3002 included.
 */

export type PragmaScope = 'line' | 'stage' | 'global';

export type HadolintPragma = { readonly ok: true; readonly scope: PragmaScope; readonly ids: string[] } | { readonly ok: false; readonly scope: PragmaScope; readonly error: string };

/** `hadolint`, blanks, an optional `global`/`stage` and blanks, then `ignore`: what makes a comment an ignore pragma. */
const PREFIX = /^[ \t]*hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore(?![A-Za-z0-9_-])/;
const RULE_CHARS = /^[DLSC0-9]+/;

/**
 * Reads one comment's text (without its `#`). Undefined when it is no ignore pragma (an ordinary
 * comment, or another hadolint pragma such as `shell=`); `ok: false` when it starts like one but
 * does not follow the grammar, so hadolint ignores it and so must Palisade.
 */
export function parseHadolintPragma(comment: string): HadolintPragma | undefined {
  const prefix = PREFIX.exec(comment);
  if (prefix === null) return undefined;
  const scope: PragmaScope = prefix[1] === 'global' ? 'global' : prefix[1] === 'stage' ? 'stage' : 'line';
  let rest = comment.slice(prefix[0].length).replace(/^[ \t]*/, '');
  if (!rest.startsWith('=')) return { ok: false, scope, error: 'no "=" after "ignore"' };
  rest = rest.slice(1);
  const ids: string[] = [];
  for (;;) {
    rest = rest.replace(/^[ \t]*/, '');
    const name = RULE_CHARS.exec(rest)?.[0];
    if (name === undefined) return { ok: false, scope, error: rest === '' ? 'a rule id is missing' : `"${firstWord(rest)}" is not a hadolint rule id (DLnnnn or SCnnnn)` };
    ids.push(name);
    rest = rest.slice(name.length).replace(/^[ \t]*/, '');
    // An inline comment after a name runs to the end of the line, commas and all.
    if (rest.startsWith('#') || rest === '') return { ok: true, scope, ids };
    if (!rest.startsWith(',')) return { ok: false, scope, error: `"${firstWord(rest)}" follows the rule list (a comment after it needs its own "#")` };
    rest = rest.slice(1);
  }
}

function firstWord(text: string): string {
  return (/^[^ \t,]+/.exec(text)?.[0] ?? text).slice(0, 40);
}
