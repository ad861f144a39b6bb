/**
 * The range syntax shared by schemes that have no range grammar of their own (deb, apk, rpm, go):
 * comparison expressions, as advisories and package managers write them.
 *
 *   range       := "*" | alternative ( "||" alternative )*
 *   alternative := constraint ( "," constraint )*          -- all must hold
 *   constraint  := operator spaces? version
 *   operator    := "<" | "<=" | "=" | "==" | "!=" | ">=" | ">"
 *                | "<<" | ">>"                              -- dpkg spellings of strict < and >
 *                | scheme extras (apk: "~" "<~" ">~")
 *
 * Example: ">= 1.2-1, < 1.3 || = 2.0-1". Unlike dpkg's long-deprecated relations, "<" and ">" are
 * strict here: advisories mean them that way, and "<=" / ">=" exist for the other meaning.
 */
import { InvalidRangeError, checkLength } from './errors.js';

export type BaseOperator = '<' | '<=' | '=' | '!=' | '>=' | '>';

export interface Constraint<Op extends string> {
  readonly op: Op;
  readonly version: string;
}

/** One alternative is a conjunction of constraints; a range is a disjunction of alternatives. */
export type ComparisonRange<Op extends string> = readonly (readonly Constraint<Op>[])[];

const BASE_SPELLINGS: Readonly<Record<string, BaseOperator>> = {
  '<<': '<', '<=': '<=', '>>': '>', '>=': '>=', '==': '=', '!=': '!=', '<': '<', '>': '>', '=': '=',
};

/**
 * Parses the grammar above. `extra` maps additional operator spellings to their meaning for one
 * scheme. Versions are not validated here: the caller parses them with its own scheme.
 */
export function parseComparisonRange<Extra extends string = never>(
  ecosystem: string,
  text: string,
  extra: Readonly<Record<string, Extra>> = {},
): ComparisonRange<BaseOperator | Extra> {
  checkLength(ecosystem, text, 'range');
  const spellings: Record<string, BaseOperator | Extra> = { ...BASE_SPELLINGS, ...extra };
  // Longest spelling first, so "<=" is not read as "<" followed by "=1.0".
  const ordered = Object.keys(spellings).sort((a, b) => b.length - a.length);
  const trimmed = text.trim();
  if (trimmed === '*') return [[]];
  if (trimmed === '') throw new InvalidRangeError(ecosystem, text, 'the range is empty (use "*" for any version)');
  return trimmed.split('||').map((alternative) => {
    if (alternative.trim() === '') throw new InvalidRangeError(ecosystem, text, 'an alternative between "||" is empty');
    return alternative.split(',').map((part) => parseConstraint(ecosystem, text, part.trim(), ordered, spellings));
  });
}

function parseConstraint<Op extends string>(
  ecosystem: string,
  text: string,
  part: string,
  ordered: readonly string[],
  spellings: Readonly<Record<string, Op>>,
): Constraint<Op> {
  const spelling = ordered.find((s) => part.startsWith(s));
  if (spelling === undefined) {
    throw new InvalidRangeError(ecosystem, text, `constraint ${JSON.stringify(part)} does not start with an operator (${ordered.join(' ')})`);
  }
  const version = part.slice(spelling.length).trim();
  if (version === '') throw new InvalidRangeError(ecosystem, text, `operator "${spelling}" has no version`);
  if (/\s/.test(version)) throw new InvalidRangeError(ecosystem, text, `constraint ${JSON.stringify(part)} has spaces inside the version; separate constraints with ","`);
  const op = spellings[spelling];
  if (op === undefined) throw new InvalidRangeError(ecosystem, text, `unknown operator "${spelling}"`);
  return { op, version };
}

/** Applies a base operator to the ordering of (candidate, bound). */
export function holds(op: BaseOperator, cmp: -1 | 0 | 1): boolean {
  switch (op) {
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    case '=': return cmp === 0;
    case '!=': return cmp !== 0;
    case '>=': return cmp >= 0;
    case '>': return cmp > 0;
  }
}

/** True when some alternative has every constraint satisfied. */
export function rangeContains<Op extends string>(range: ComparisonRange<Op>, test: (c: Constraint<Op>) => boolean): boolean {
  return range.some((alternative) => alternative.every(test));
}
