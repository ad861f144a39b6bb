/** Turns zod issues into located `config-invalid` problems, with "did you mean" hints for unknown keys. */
import type { z } from 'zod';
import { problem, type ProblemPlace } from '../core/errors.js';
import type { Problem } from '../model/problem.js';
import { didYouMean } from '../lib/did-you-mean.js';
import { configSchema } from './schema.js';
import { keysAt } from './schema-walk.js';

export type Path = readonly PropertyKey[];
/** Where a path of the configuration was written, when known. */
export type Locator = (path: Path) => ProblemPlace | undefined;

/** exceptions[0].reason, rules.host-pid.severity */
export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function unknownKeyProblems(issue: z.core.$ZodIssueUnrecognizedKeys, locate: Locator, root: z.ZodType): Problem[] {
  const valid = keysAt(root, issue.path);
  return issue.keys.map((key) => {
    const where = issue.path.length === 0 ? '' : ` in ${formatPath(issue.path)}`;
    const suggestion = didYouMean(key, valid);
    const hint = `${suggestion === '' ? '' : `${suggestion} `}Valid keys here: ${valid.join(', ')}.`;
    return problem('config-invalid', `unknown key "${key}"${where}`, locate([...issue.path, key]) ?? {}, hint);
  });
}

function messageOf(issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path);
  // zod says "expected string, received undefined" for a missing key; say it plainly.
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `${field} is required`;
  return field === '' ? issue.message : `${field}: ${issue.message}`;
}

/** One problem per issue (one per key for unknown keys), each located where the locator can. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], locate: Locator, root: z.ZodType = configSchema): Problem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? unknownKeyProblems(issue, locate, root) : [problem('config-invalid', messageOf(issue), locate(issue.path) ?? {})],
  );
}
