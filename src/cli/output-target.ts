/**
 * Where a command will write its output (-o/--output FILE, netpol's -f/--file), checked before the
 * inputs are read: `scan -o reports/scan.sarif` with no reports/ directory used to be found when
 * the report was written, after the whole scan (minutes on a cluster), and the report was lost.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { problem, type Problem } from '../sdk/index.js';

/** Options that name the file written: --output <file> and --file <path> (netpol's --output is a format). */
function writesTo(option: Option): boolean {
  return (option.long === '--output' && option.flags.includes('<file>')) || (option.long === '--file' && option.flags.includes('<path>'));
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

function targetProblem(flag: string, file: string): Problem | undefined {
  if (file === '-' || file === '') return undefined;
  const path = resolve(file);
  if (isDirectory(path) === true) return problem('output-unwritable', `${flag} names a directory`, { file }, `Name a file in it, e.g. ${flag} ${file.replace(/\/+$/, '')}/report.out.`);
  const parent = dirname(path);
  const parentIsDirectory = isDirectory(parent);
  if (parentIsDirectory !== true) return problem('output-unwritable', `${flag}: the directory ${dirname(file)} ${parentIsDirectory === undefined ? 'does not exist' : 'is not a directory'}`, { file }, `Create the directory first (mkdir -p ${dirname(file)}), or name a file in an existing one.`);
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    return problem('output-unwritable', `${flag}: the directory ${dirname(file)} is not writable`, { file });
  }
  return undefined;
}

/** Problems of the files the command would write, as given on the command line. */
export function outputTargetProblems(command: Command): Problem[] {
  return command.options.flatMap((option) => {
    const key = option.attributeName();
    const value: unknown = command.getOptionValue(key);
    if (!writesTo(option) || command.getOptionValueSource(key) !== 'cli' || typeof value !== 'string') return [];
    const found = targetProblem(option.long ?? option.flags, value);
    return found === undefined ? [] : [found];
  });
}
