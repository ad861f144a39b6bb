#!/usr/bin/env node
/** The `palisade` command: a thin front end over the SDK. */
import { Command, CommanderError } from 'commander';
import { formatProblem, problem, VERSION } from '../sdk/index.js';
import { attackPathsCommand } from './attack-paths-command.js';
import { choicesInAnyCase } from './choice-case.js';
import { configCommand } from './config-command.js';
import { dbCommand } from './db-command.js';
import { emptyValueProblems } from './empty-values.js';
import { EXIT } from './io.js';
import { outputTargetProblems } from './output-target.js';
import { commanderUsageProblem, internalProblem } from './usage.js';
import { dockerfileCommand } from './dockerfile-command.js';
import { imageCommand, sbomCommand } from './image-command.js';
import { frameworksCommand } from './frameworks-command.js';
import { netpolCommand } from './netpol-command.js';
import { rbacCommand } from './rbac-command.js';
import { rulesCommand } from './rules-command.js';
import { scanCommand } from './scan-command.js';
import { snapshotCommand } from './snapshot-command.js';

/**
 * Commander only copies settings to subcommands made with .command(), so apply exitOverride
 * everywhere; and print its parse errors as usage problems saying where the usage is
 * (`palisade scan --help`), since the error alone ("unknown option '--fail-no'") does not say
 * what to do. The bare `palisade` also shows its command list after the error.
 */
function overrideExits(command: Command, path = ''): Command {
  const name = path === '' ? command.name() : `${path} ${command.name()}`;
  command.exitOverride();
  command.configureOutput({
    outputError: (text, write) => {
      write(`${formatProblem(commanderUsageProblem(text, name))}\n`);
    },
  });
  for (const sub of command.commands) overrideExits(sub, name);
  return command;
}

function program(): Command {
  const root = new Command('palisade')
    .description('Palisade: one security broker for Kubernetes manifests, clusters and containers')
    .version(VERSION, '-v, --version')
    .showHelpAfterError()
    .addCommand(scanCommand())
    .addCommand(rulesCommand())
    .addCommand(frameworksCommand())
    .addCommand(rbacCommand())
    .addCommand(netpolCommand())
    .addCommand(attackPathsCommand())
    .addCommand(snapshotCommand())
    .addCommand(imageCommand()).addCommand(sbomCommand())
    .addCommand(dockerfileCommand())
    .addCommand(configCommand())
    .addCommand(dbCommand())
    .addHelpText('after', '\nExamples:\n  palisade scan examples/\n  palisade rules list\n  palisade scan --help\n\nExit codes: 0 passed (or yes), 1 the gate was reached (or no), 2 a usage error, no input read or\nthe output not written, 70 a bug. Problems are printed one per line on stderr (docs/cli.md).');
  // Runs before the action of every subcommand: nothing is read with an empty flag value, or
  // when the output could not be written where asked.
  root.hook('preAction', (_root, action) => {
    const empty = emptyValueProblems(action);
    const problems = empty.length > 0 ? empty : outputTargetProblems(action);
    if (problems.length === 0) return;
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    throw new CommanderError(EXIT.usage, 'palisade.refusedOptions', 'options refused before the inputs were read');
  });
  return overrideExits(choicesInAnyCase(root));
}

/**
 * Standard output that cannot be written. `palisade scan | head`: the reader went away; that ends
 * the output, it is not an error. Anything else (a full disk under `> report.sarif`) loses the
 * report: a problem line and exit 2, not a stack trace and an exit 1 that reads as findings.
 */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  process.stderr.write(`${formatProblem(problem('output-unwritable', `cannot write to standard output: ${error.code ?? error.message}`, { file: '-' }, 'Check that the device has room and is writable.'))}\n`);
  process.exit(EXIT.usage);
});
// Where stderr goes nowhere nothing more can be said; the exit code still tells.
process.stderr.on('error', () => process.exit(process.exitCode ?? EXIT.ok));

try {
  await program().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every other parse error is a usage error.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    // A bug, not bad input: say so in one line, with the stack only on request.
    process.stderr.write(`${formatProblem(internalProblem(error instanceof Error ? error.message : String(error)))}\n`);
    if (process.env.PALISADE_DEBUG !== undefined && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = EXIT.internal;
  }
}
