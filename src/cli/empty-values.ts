/**
 * Flag values and arguments given empty, which is nearly always an unset shell variable
 * (`-o "$REPORT"`, `--kubeconfig "$KUBECONFIG_PATH"`). Taken at face value they did the wrong
 * thing quietly or late: `--output ''` failed after the whole scan (ENOENT, naming no file),
 * `--kubeconfig ''` and `scan ''` read the working directory, `--rules ''` ran every rule and
 * `--focus-workload ''` listed every connection, the opposite of the restriction asked for. They
 * are refused before the command runs, naming the flag, as a value outside its choices is.
 */
import type { Command, Option } from 'commander';
import type { Problem } from '../sdk/index.js';
import { usageProblem } from './usage.js';

/** '' itself, a list holding '', or a comma-separated list that named nothing (`--rules ,`). */
function isEmptyValue(value: unknown): boolean {
  return value === '' || (Array.isArray(value) && (value.length === 0 || value.includes('')));
}

/** The command as typed (`palisade netpol list`), for the hint. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** Problems for every option given on the command line with an empty value, and every empty argument. */
export function emptyValueProblems(command: Command): Problem[] {
  const help = `\`${commandPath(command)} --help\` says what it takes.`;
  const problems: Problem[] = [];
  for (const option of command.options) {
    const key = option.attributeName();
    if (!takesValue(option) || command.getOptionValueSource(key) !== 'cli' || !isEmptyValue(command.getOptionValue(key))) continue;
    const flag = option.long ?? option.flags;
    problems.push(usageProblem(`${flag} was given an empty value`, `Give ${flag} a value, or leave the flag out; ${help}`));
  }
  command.registeredArguments.forEach((argument, i) => {
    const value: unknown = command.processedArgs[i];
    // An optional list left out is [] and fine; an argument typed as '' is not.
    if (value !== '' && !(Array.isArray(value) && value.includes(''))) return;
    problems.push(usageProblem(`the <${argument.name()}> argument is empty`, `Give it a value; ${help}`));
  });
  return problems;
}
