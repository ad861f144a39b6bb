/**
 * One glob over one value, as the configuration's selectors mean it (picomatch, dotfiles
 * included). Selectors are tested against every workload of a scan, so each pattern is compiled
 * once; a pattern picomatch cannot compile matches only itself.
 */
import picomatch from 'picomatch';

const compiled = new Map<string, RegExp | undefined>();
/** Patterns come from the configuration: a few dozen at most, but never let them grow without bound. */
const MAX_PATTERNS = 1024;

/** Whether `value` matches `pattern`; an absent pattern matches anything. */
export function globMatches(pattern: string | undefined, value: string, nocase = false): boolean {
  if (pattern === undefined) return true;
  const key = `${nocase ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined && !compiled.has(key)) {
    try {
      regex = picomatch.makeRe(pattern, { dot: true, nocase });
    } catch {
      regex = undefined;
    }
    if (compiled.size >= MAX_PATTERNS) compiled.clear();
    compiled.set(key, regex);
  }
  return regex === undefined ? pattern === value : regex.test(value);
}
