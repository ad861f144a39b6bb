/**
 * Problems of the command line itself: a flag or argument the command does not accept, or a bug.
 * They are printed like every other problem (`error usage: ... (hint: ...)`), so a script that
 * reads stderr line by line sees one format whatever went wrong.
 */
import type { Problem } from '../sdk/index.js';

/** A flag, argument or combination of them the command refuses: exit 2. */
export function usageProblem(message: string, hint: string): Problem {
  return { code: 'usage', level: 'error', message, hint };
}

/** A bug in Palisade, not bad input: exit 70. */
export function internalProblem(message: string): Problem {
  return { code: 'internal', level: 'error', message, hint: 'Please report this; set PALISADE_DEBUG=1 for the stack trace.' };
}

/**
 * Commander's parse error as a usage problem: its "error: " prefix dropped and its suggestion
 * ("\n(Did you mean --fail-on?)") kept on the same line, with where the usage is as the hint.
 */
export function commanderUsageProblem(text: string, command: string): Problem {
  const message = text.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ').trim();
  return usageProblem(message, `Run \`${command} --help\` for the usage.`);
}
