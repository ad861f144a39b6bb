/**
 * Problems of the command line itself: a flag or argument the command does not accept, or a bug.
 * They are printed like every other problem (`error usage: ... (hint: ...)`), so a script that
 * reads stderr line by line sees one format whatever went wrong.
 */
import { existsSync } from 'node:fs';
import { problem, type Problem } from '../sdk/index.js';

/** A flag, argument or combination of them the command refuses: exit 2. */
export function usageProblem(message: string, hint: string): Problem {
  return problem('usage', message, {}, hint);
}

/**
 * Flags that only act together with another, given without it: silently ignored they would
 * mislead (a --fail-on that gates nothing passes every CI run). Undefined when none was given.
 */
export function unusedFlagsProblem(given: Readonly<Record<string, unknown>>, reason: string, hint: string): Problem | undefined {
  const unused = Object.entries(given).filter(([, value]) => value !== undefined && value !== false).map(([flag]) => flag);
  if (unused.length === 0) return undefined;
  return usageProblem(`${unused.join(', ')} ${unused.length === 1 ? 'has' : 'have'} no effect ${reason}`, hint);
}

/**
 * Files named by a flag that do not exist (--helm-values prod.yml for prod.yaml): said once, before
 * the inputs are read, rather than as a failed render of every chart afterwards.
 */
export function missingFileProblems(flag: string, files: readonly string[] | undefined): Problem[] {
  return (files ?? []).filter((file) => !existsSync(file)).map((file) => problem('input-not-found', `${flag} names a file that does not exist`, { file }, `Check the ${flag} path.`));
}

/** A bug in Palisade, not bad input: exit 70. */
export function internalProblem(message: string): Problem {
  return problem('internal', message);
}

/**
 * Commander's parse error as a usage problem: its "error: " prefix dropped and its suggestion
 * ("\n(Did you mean --fail-on?)") kept on the same line, with where the usage is as the hint.
 */
export function commanderUsageProblem(text: string, command: string): Problem {
  const message = text.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ').trim();
  return usageProblem(message, `Run \`${command} --help\` for the usage.`);
}
