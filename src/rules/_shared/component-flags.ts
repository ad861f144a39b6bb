/**
 * Command-line flags of the control-plane components, parsed as their flag libraries do:
 * Kubernetes components use spf13/pflag, etcd uses Go's standard `flag` package.
 *
 * - `--name=value` always; `--name value` for non-boolean flags (the next argument is consumed
 *   whatever it looks like); a boolean flag without `=` is true and never consumes the next argument
 *   (a following `false` is a stray argument, recorded as `detached`).
 * - `--` ends the flags.
 * - Scalar flags: the last occurrence wins. Slice flags (`--enable-admission-plugins`,
 *   `--authorization-mode`, ...): the first occurrence replaces the default and later ones append,
 *   which is pflag's stringSlice behaviour; `values()` returns that union in order.
 * - pflag reads a single dash as shorthand letters, so `-anonymous-auth=false` is not the long flag
 *   (the component refuses to start); Go's `flag` package (etcd) accepts one or two dashes and
 *   stops at the first positional argument.
 * - For a flag this module does not know to be boolean, `--flag` followed by another `--...`
 *   argument is read as a boolean, which is the only way such a command line starts.
 */

export interface FlagOccurrence {
  readonly value: string;
  /** Index of the argument that holds the value within the combined argument list. */
  readonly argIndex: number;
  /**
   * A boolean flag followed by a separate true/false argument (`--anonymous-auth false`): the
   * flag reads true and the value is a stray positional argument, which the components refuse.
   */
  readonly detached?: { readonly value: string; readonly argIndex: number };
}

export type FlagSyntax = 'pflag' | 'goflag';

export interface ParsedFlags {
  /** Every occurrence of each flag, in command-line order. */
  readonly occurrences: ReadonlyMap<string, readonly FlagOccurrence[]>;
  /** The effective value of a scalar flag: its last occurrence. */
  last(name: string): FlagOccurrence | undefined;
  /** The effective value of a comma-separated slice flag: every occurrence split and appended. */
  values(name: string): string[];
  has(name: string): boolean;
}

export function parseFlags(argv: readonly string[], booleanFlags: ReadonlySet<string>, syntax: FlagSyntax = 'pflag'): ParsedFlags {
  const occurrences = new Map<string, FlagOccurrence[]>();
  const record = (name: string, value: string, argIndex: number, detached?: FlagOccurrence['detached']): void => {
    const occurrence: FlagOccurrence = detached === undefined ? { value, argIndex } : { value, argIndex, detached };
    const list = occurrences.get(name);
    if (list === undefined) occurrences.set(name, [occurrence]);
    else list.push(occurrence);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const body = longFlagBody(arg, syntax);
    if (body === undefined) {
      // Go's flag package stops at the first positional argument; pflag parses flags after it.
      if (syntax === 'goflag') break;
      continue;
    }
    const eq = body.indexOf('=');
    if (eq >= 0) {
      record(body.slice(0, eq), body.slice(eq + 1), i);
      continue;
    }
    const next = argv[i + 1];
    if (booleanFlags.has(body) || next === undefined || next.startsWith('--')) {
      const separate = booleanFlags.has(body) && next !== undefined && parseGoBool(next) !== undefined;
      record(body, 'true', i, separate ? { value: next, argIndex: i + 1 } : undefined);
      continue;
    }
    record(body, next, i + 1);
    i++;
  }
  return {
    occurrences,
    last: (name) => occurrences.get(name)?.at(-1),
    values: (name) => (occurrences.get(name) ?? []).flatMap((o) => o.value.split(',').map((v) => v.trim()).filter((v) => v !== '')),
    has: (name) => occurrences.has(name),
  };
}

/** The name (and `=value`) of a long flag, or undefined for positional arguments and shorthands. */
function longFlagBody(arg: string, syntax: FlagSyntax): string | undefined {
  if (arg.startsWith('--') && arg.length > 2 && arg[2] !== '=') return arg.slice(2);
  if (syntax === 'goflag' && arg.startsWith('-') && arg.length > 1 && arg[1] !== '-' && arg[1] !== '=') return arg.slice(1);
  return undefined;
}

/** strconv.ParseBool, which both flag libraries use: anything else is an error at start-up. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}

/** strconv.Atoi for the integer flags (maxage, maxbackup, ...). */
export function parseGoInt(value: string): number | undefined {
  return /^[+-]?\d{1,15}$/.test(value) ? Number(value) : undefined;
}
