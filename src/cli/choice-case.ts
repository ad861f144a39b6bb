/**
 * Flag values with a fixed set of choices (`--fail-on`, `-f`, netpol's `--output`) are taken in
 * any case and stored as the listed spelling. Users coming from Trivy write `--fail-on HIGH` and
 * `-f SARIF` (Trivy's `--severity` takes upper case); refusing the word they meant helps no one,
 * and netpol's `--port 53/udp` already took any case. A value that is no choice in any case is
 * still refused with the choices listed, by commander's own check.
 */
import type { Command, Option } from 'commander';

/** The listed choice `value` spells in another case, or `value` itself when it spells none. */
function canonicalChoice(value: string, choices: readonly string[]): string {
  if (choices.includes(value)) return value;
  const lower = value.toLowerCase();
  return choices.find((choice) => choice.toLowerCase() === lower) ?? value;
}

function acceptAnyCase(option: Option): void {
  const choices = option.argChoices;
  const check = option.parseArg;
  if (choices === undefined || check === undefined) return;
  // The choices stay listed (--help, the error for a value that is none of them).
  option.argParser(<T>(value: string, previous: T): T => check(canonicalChoice(value, choices), previous));
}

/** Makes every choice option of `command` and its subcommands accept any case. */
export function choicesInAnyCase(command: Command): Command {
  for (const option of command.options) acceptAnyCase(option);
  for (const sub of command.commands) choicesInAnyCase(sub);
  return command;
}
