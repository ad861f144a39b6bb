/** Reading typed flag values with their defaults and locations, for the control-plane rules. */
import type { ComponentInvocation } from './control-plane.js';
import { parseGoBool, parseGoInt } from './component-flags.js';

export type FlagReading<T> =
  /** Not on the command line: the component uses its default. */
  | { readonly state: 'default'; readonly value: T; readonly path: string }
  | { readonly state: 'set'; readonly value: T; readonly raw: string; readonly path: string }
  /**
   * Set to something the flag library rejects: the component does not start. `detached`: a
   * boolean given its value as a separate argument, which leaves a stray argument.
   */
  | { readonly state: 'invalid'; readonly raw: string; readonly path: string; readonly detached?: true };

function read<T>(invocation: ComponentInvocation, name: string, fallback: T, parse: (raw: string) => T | undefined): FlagReading<T> {
  const occurrence = invocation.flags.last(name);
  if (occurrence === undefined) return { state: 'default', value: fallback, path: invocation.flagsPath };
  if (occurrence.detached !== undefined) return { state: 'invalid', detached: true, raw: occurrence.detached.value, path: invocation.argPath({ value: occurrence.detached.value, argIndex: occurrence.detached.argIndex }) };
  const path = invocation.argPath(occurrence);
  const value = parse(occurrence.value);
  return value === undefined ? { state: 'invalid', raw: occurrence.value, path } : { state: 'set', value, raw: occurrence.value, path };
}

export function boolFlag(invocation: ComponentInvocation, name: string, fallback: boolean): FlagReading<boolean> {
  return read(invocation, name, fallback, parseGoBool);
}

export function intFlag(invocation: ComponentInvocation, name: string, fallback: number): FlagReading<number> {
  return read(invocation, name, fallback, parseGoInt);
}

/** "is not set (default true)" or "is set to true". */
export function describeReading(name: string, reading: FlagReading<unknown>): string {
  if (reading.state === 'default') return `does not set --${name} (default ${String(reading.value)})`;
  if (reading.state === 'invalid' && reading.detached === true) return `gives --${name} its value "${reading.raw}" as a separate argument, which is read as --${name}=true followed by a stray argument`;
  if (reading.state === 'invalid') return `sets --${name}=${reading.raw}, which is not a valid value`;
  return `sets --${name}=${reading.raw}`;
}

/**
 * One gate of `--feature-gates` (`A=true,B=false`): every occurrence merges into the map, so the
 * last occurrence naming the gate decides, as the components' FeatureGate.Set does. An entry
 * without `=` or with a value strconv.ParseBool rejects stops the component at start-up.
 */
export function featureGate(invocation: ComponentInvocation, gate: string, fallback: boolean): FlagReading<boolean> {
  let found: FlagReading<boolean> = { state: 'default', value: fallback, path: invocation.flagsPath };
  for (const occurrence of invocation.flags.occurrences.get('feature-gates') ?? []) {
    for (const entry of occurrence.value.split(',')) {
      const eq = entry.indexOf('=');
      const name = (eq < 0 ? entry : entry.slice(0, eq)).trim();
      if (name !== gate) continue;
      const raw = eq < 0 ? '' : entry.slice(eq + 1).trim();
      const value = parseGoBool(raw);
      const path = invocation.argPath(occurrence);
      found = value === undefined ? { state: 'invalid', raw: entry.trim(), path } : { state: 'set', value, raw: `${gate}=${raw}`, path };
    }
  }
  return found;
}
