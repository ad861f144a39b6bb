/**
 * What Dockerfile rules share: a checked view of a Dockerfile resource (the object may come from
 * YAML and be shaped any way, so it is validated once and then trusted), the instructions with
 * their JSON pointers, which stages end up in the final image, and the shell commands of a RUN.
 */
import { z } from 'zod';
import { expandVariables, shellCommands, type DockerInstruction, type ParsedDockerfile, type ShellCommand } from '../../lib/dockerfile/index.js';
import type { Resource } from '../../model/resource.js';

const flagSchema = z.object({ name: z.string(), value: z.string().nullable() });
const pairSchema = z.object({ key: z.string(), value: z.string().nullable() });
const instructionSchema: z.ZodType = z.lazy(() =>
  z.object({
    cmd: z.string(),
    line: z.number(),
    endLine: z.number(),
    flags: z.array(flagSchema),
    text: z.string(),
    json: z.boolean(),
    args: z.array(z.string()),
    pairs: z.array(pairSchema).optional(),
    heredocs: z.array(z.object({ name: z.string(), body: z.string(), expand: z.boolean() })).optional(),
    trigger: instructionSchema.optional(),
  }),
);
const dockerfileSchema = z.object({
  directives: z.object({ escape: z.string(), syntax: z.string().nullable(), check: z.string().nullable() }),
  preamble: z.array(instructionSchema),
  stages: z.array(z.object({
    image: z.string(),
    resolvedImage: z.string(),
    name: z.string().nullable(),
    platform: z.string().nullable(),
    from: instructionSchema,
    instructions: z.array(instructionSchema),
  })),
  comments: z.array(z.object({ line: z.number(), text: z.string() })),
});

const views = new WeakMap<Resource, ParsedDockerfile | null>();

/** The parsed Dockerfile of a resource, or undefined when the object is not one. */
export function dockerfileOf(resource: Resource): ParsedDockerfile | undefined {
  let view = views.get(resource);
  if (view === undefined) {
    // Validated above, so the object has exactly the parser's shape.
    view = dockerfileSchema.safeParse(resource.object).success ? (resource.object as unknown as ParsedDockerfile) : null;
    views.set(resource, view);
  }
  return view ?? undefined;
}

export interface Located {
  readonly instruction: DockerInstruction;
  readonly path: string;
  /** Index of its stage; -1 before the first FROM. */
  readonly stage: number;
  /** It is the trigger of an ONBUILD (it runs in images built FROM this one). */
  readonly onbuild: boolean;
}

/** One instruction, then the trigger it carries when it is an ONBUILD. */
function* locatedOf(instruction: DockerInstruction, path: string, stage: number): Generator<Located> {
  yield { instruction, path, stage, onbuild: false };
  if (instruction.trigger !== undefined) yield { instruction: instruction.trigger, path: `${path}/trigger`, stage, onbuild: true };
}

/** Every instruction in file order (FROM lines excluded), ONBUILD triggers right after their ONBUILD. */
export function* instructionsOf(dockerfile: ParsedDockerfile): Generator<Located> {
  for (let stage = -1; stage < dockerfile.stages.length; stage++) yield* stageInstructions(dockerfile, stage);
}

/** The instructions of one stage (-1: the preamble), ONBUILD triggers included. */
export function stageInstructions(dockerfile: ParsedDockerfile, stage: number): Located[] {
  const instructions = stage < 0 ? dockerfile.preamble : (dockerfile.stages[stage]?.instructions ?? []);
  const prefix = stage < 0 ? '/preamble' : `/stages/${stage}/instructions`;
  return instructions.flatMap((instruction, i) => [...locatedOf(instruction, `${prefix}/${i}`, stage)]);
}

/**
 * The stages whose layers are in the final image: the last stage, and every stage it is built
 * FROM, transitively (COPY --from copies files only, so its source stage is not included). A
 * file with no FROM at all (a fragment) is judged as a whole: the preamble counts.
 */
export function finalStages(dockerfile: ParsedDockerfile): Set<number> {
  const stages = dockerfile.stages;
  if (stages.length === 0) return new Set([-1]);
  const reached = new Set<number>();
  let current: number | undefined = stages.length - 1;
  while (current !== undefined && !reached.has(current)) {
    reached.add(current);
    const base: string = stages[current]?.resolvedImage ?? '';
    current = stageNamed(dockerfile, base, current);
  }
  return reached;
}

/** Per Dockerfile, the first stage of each name: a hostile file can hold thousands of stages, each asked about its base. */
const firstStageByName = new WeakMap<ParsedDockerfile, ReadonlyMap<string, number>>();

/** The stage index a `FROM x` or `COPY --from=x` names, when x is an earlier stage (by name or number). */
export function stageNamed(dockerfile: ParsedDockerfile, reference: string, before: number): number | undefined {
  let byName = firstStageByName.get(dockerfile);
  if (byName === undefined) {
    const names = new Map<string, number>();
    for (const [i, stage] of dockerfile.stages.entries()) if (stage.name !== null && !names.has(stage.name)) names.set(stage.name, i);
    firstStageByName.set(dockerfile, names);
    byName = names;
  }
  const named = byName.get(reference.toLowerCase());
  if (named !== undefined && named < before) return named;
  return /^\d+$/.test(reference) && Number(reference) < before ? Number(reference) : undefined;
}

/** The defaults of the global ARGs (before the first FROM), which FROM lines may use. */
function globalDefaults(dockerfile: ParsedDockerfile): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const instruction of dockerfile.preamble) {
    if (instruction.cmd !== 'ARG') continue;
    for (const pair of instruction.pairs ?? []) if (pair.value !== null) defaults.set(pair.key, pair.value);
  }
  return defaults;
}

/**
 * Whether the reference uses NAME bare (`$NAME`, `${NAME}`), where an unset value is left to the
 * build to give; `${NAME:-latest}` and `${NAME:+...}` say themselves what a build without it uses.
 */
function usedBare(reference: string, name: string): boolean {
  return new RegExp(`\\$(?:${name}(?![A-Za-z0-9_])|\\{${name}\\})`).test(reference);
}

/**
 * An image reference of a FROM (or --from) as a plain `docker build` makes it: variables take
 * their global ARG defaults. Undefined when a variable has no default (the build must give it,
 * so nothing can be said about the image).
 */
export function baseWithDefaults(dockerfile: ParsedDockerfile, reference: string): string | undefined {
  if (!reference.includes('$')) return reference;
  const defaults = globalDefaults(dockerfile);
  const missing: string[] = [];
  const expanded = expandVariables(reference, (name) => {
    const value = defaults.get(name);
    if (value === undefined) missing.push(name);
    return value;
  }, dockerfile.directives.escape);
  return missing.some((name) => usedBare(reference, name)) ? undefined : expanded;
}

/**
 * Text with the credentials of its URLs hidden: the password of a user part
 * (`https://deploy:…@host/...`, also inside `git+https://...`), or a user part long enough to be
 * a token (`https://…@github.com/...`). Messages quote package specs and sources; never a credential.
 */
export function withoutCredentials(text: string): string {
  // The scheme starts a word part and is short: a hostile word of a million letters is not tried at every one.
  return text
    .replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^/@:\s]*):[^/@\s]*@/gi, '$1:…@')
    .replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)[^/@:\s]{16,}@/gi, '$1…@');
}

/** The value of the last `--name` flag (null for a flag without value), or undefined when absent. */
export function flagValue(instruction: DockerInstruction, name: string): string | null | undefined {
  const found = instruction.flags.filter((flag) => flag.name === name).at(-1);
  return found === undefined ? undefined : found.value;
}

/** `--mount=type=cache,target=/x` flags as key/value maps. */
export function mountsOf(instruction: DockerInstruction): Map<string, string>[] {
  return instruction.flags
    .filter((flag) => flag.name === 'mount' && flag.value !== null)
    .map((flag) => new Map((flag.value ?? '').split(',').map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part.trim(), ''] : [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    })));
}

/** Directories a RUN mounts as a cache or tmpfs: what is written there never reaches a layer. */
export function mountedTargets(instruction: DockerInstruction): string[] {
  return mountsOf(instruction)
    .filter((mount) => mount.get('type') === 'cache' || mount.get('type') === 'tmpfs')
    .map((mount) => (mount.get('target') ?? mount.get('dst') ?? mount.get('destination') ?? '').replace(/\/+$/, ''));
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** A here-document that is the whole RUN command (`RUN <<EOF`): the builder runs its body as the script. */
const ONLY_HEREDOC = /^\d*<<-?["']?[A-Za-z0-9_./-]+["']?\s*$/;

/** Whether the RUN's command line is one here-document alone (`RUN <<EOF`): the builder runs the document itself. */
export function isLoneHeredoc(instruction: DockerInstruction): boolean {
  return instruction.cmd === 'RUN' && !instruction.json && (instruction.heredocs ?? []).length > 0 && ONLY_HEREDOC.test((instruction.args[0] ?? '').trim());
}

/**
 * The program a `#!` line names (`#!/usr/bin/env -S bash -e` is bash), or undefined without one.
 * The builder runs a here-document that starts with one as a file, with that interpreter.
 */
function shebangProgram(body: string): string | undefined {
  if (!body.startsWith('#!')) return undefined;
  const words = (body.slice(2).split('\n')[0] ?? '').trim().split(/\s+/);
  let program = (words.shift() ?? '').replace(/^.*\//, '');
  while (program === 'env' || program.startsWith('-') || /^[A-Za-z_]\w*=/.test(program)) program = (words.shift() ?? '').replace(/^.*\//, '');
  return program;
}

/**
 * The script of `sh [options] -c SCRIPT`: `-c` may sit in a cluster (`-ec`, `-lc`, `-euxc`), and
 * the script is the first operand after the options (`bash -o pipefail -c SCRIPT`).
 */
function commandString(args: readonly string[]): string | undefined {
  let command = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (!/^[-+][A-Za-z]+$/.test(word)) return command ? (word === '--' ? args[i + 1] : word) : undefined;
    if (word.startsWith('-') && word.includes('c')) command = true;
    // `-o pipefail`, `-euo pipefail`: the option name is the next word.
    if (/[oO]$/.test(word)) i++;
  }
  return undefined;
}

/** The shell script a RUN runs: its shell form, `sh -c SCRIPT` in JSON form, or a here-document it runs. */
export function scriptOf(instruction: DockerInstruction): string | undefined {
  if (instruction.cmd !== 'RUN') return undefined;
  if (instruction.json) {
    const [program = '', ...rest] = instruction.args;
    const script = SHELLS.has(program.replace(/^.*\//, '')) ? commandString(rest) : undefined;
    return script ?? instruction.args.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  }
  const text = instruction.args[0] ?? '';
  const heredoc = instruction.heredocs?.[0];
  if (heredoc === undefined || !ONLY_HEREDOC.test(text.trim())) return text;
  // `RUN <<EOF` runs the document itself, with the program of its `#!` line when it has one.
  const interpreter = shebangProgram(heredoc.body);
  return interpreter === undefined || SHELLS.has(interpreter) ? heredoc.body : '';
}

/**
 * Whether a command runs the script it reads on standard input: a shell without `-c` and without a
 * script file (`bash <<EOF`, `sh -s -- arg <<EOF`), not `python3 <<EOF` or `cat > f <<EOF` (data).
 */
function readsScriptFromStdin(command: ShellCommand): boolean {
  const shell = unwrapped(command);
  if (!SHELLS.has(programOf(shell))) return false;
  const words = shell.words.slice(1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--' || !/^[-+]/.test(word)) return false;
    if (/^-[A-Za-z]*c/.test(word)) return false;
    if (/^-[A-Za-z]*s/.test(word)) return true;
    // `-o pipefail` and `+o errexit` take the option name as their value.
    if (word === '-o' || word === '+o' || word === '-O' || word === '+O') i++;
  }
  return true;
}

/** A command of a RUN, with the shell that runs it when it comes from a `-c` script or a here-document. */
export interface RunCommand extends ShellCommand {
  readonly shell?: ShellCommand;
}

/** `bash -c 'bash -c ...'` is read this deep at most: each level is parsed again, and a hostile line can nest thousands. */
const MAX_NESTING = 4;

/**
 * The script a command hands to a shell: `bash -c SCRIPT`, `sh -ec SCRIPT`, `su app -c SCRIPT`
 * (su runs it with the user's shell), wrappers such as sudo and env removed.
 */
function nestedScript(command: ShellCommand): string | undefined {
  const c = unwrapped(command);
  const program = programOf(c);
  if (SHELLS.has(program)) return commandString(c.words.slice(1));
  if (program !== 'su' && program !== 'runuser') return undefined;
  const words = c.words.slice(1);
  const at = words.findIndex((word) => word === '-c' || word === '--command' || word.startsWith('--command='));
  const word = words[at] ?? '';
  return at < 0 ? undefined : word.startsWith('--command=') ? word.slice('--command='.length) : words[at + 1];
}

const commandCache = new WeakMap<DockerInstruction, RunCommand[]>();

/**
 * The shell commands a RUN runs (empty for other instructions). A here-document a shell reads
 * (`RUN bash <<EOF`, `RUN <<EOF sh -e`) is part of the script: the builder hands the command line
 * and the documents to the shell, so its commands follow the one that reads it, as pipelines of
 * their own. So is the script of `bash -c "curl ... | sh"`, which the shell parses in turn.
 */
export function commandsOf(instruction: DockerInstruction): RunCommand[] {
  let commands = commandCache.get(instruction);
  if (commands === undefined) {
    const script = scriptOf(instruction);
    const line = script === undefined ? [] : shellCommands(script);
    // The documents belong to the command line unless the RUN is one document alone (then it is the script).
    const documents = instruction.json || ONLY_HEREDOC.test((instruction.args[0] ?? '').trim()) ? [] : (instruction.heredocs ?? []);
    let next = line.reduce((max, command) => Math.max(max, command.pipeline), 0) + 1;
    /** Commands a shell runs, numbered after every pipeline so far (they are pipelines of their own). */
    const runBy = (shell: ShellCommand, text: string): RunCommand[] => {
      const inner = shellCommands(text).map((c) => ({ ...c, pipeline: c.pipeline + next, shell }));
      next = inner.reduce((max, c) => Math.max(max, c.pipeline), next) + 1;
      return inner;
    };
    const withNested = (command: RunCommand, depth: number): RunCommand[] => {
      const nested = depth < MAX_NESTING ? nestedScript(command) : undefined;
      return nested === undefined ? [command] : [command, ...runBy(command, nested).flatMap((c) => withNested(c, depth + 1))];
    };
    // The shell hands out the documents in order, one per `<<` (so each body is read once, however often a name recurs).
    let taken = 0;
    commands = line.flatMap((command) => {
      if (command.heredocs.length === 0) return withNested(command, 0);
      taken += command.heredocs.length;
      // A command's standard input is its last here-document.
      const body = documents[taken - 1]?.body;
      if (body === undefined || !readsScriptFromStdin(command)) return withNested(command, 0);
      return [command, ...runBy(command, body).flatMap((c) => withNested(c, 1))];
    });
    commandCache.set(instruction, commands);
  }
  return commands;
}

/** The program a command runs, without its directory (`/usr/bin/apt-get` is `apt-get`). */
export function programOf(command: ShellCommand): string {
  return (command.words[0] ?? '').replace(/^.*\//, '');
}

/** Wrappers that run the rest of their command line, with their options that take a value (`sudo -u app`, `env -u VAR`). */
const WRAPPERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['sudo', ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-T', '-U', '--user', '--group', '--host', '--prompt', '--chdir', '--role', '--type', '--other-user']],
  ['env', ['-u', '-C', '-S', '--unset', '--chdir', '--split-string']],
  ['nohup', []],
  ['time', ['-f', '-o', '--format', '--output']],
  ['exec', ['-a']],
]);

/** The command with `sudo`/`env`-style wrappers and their options removed, so `sudo -u app apt-get` is apt-get. */
export function unwrapped(command: ShellCommand): ShellCommand {
  const words = command.words;
  let start = 0;
  for (;;) {
    const program = (words[start] ?? '').replace(/^.*\//, '');
    const withValue = WRAPPERS.get(program);
    if (withValue === undefined) break;
    start++;
    // One pass over the options (a hostile line can hold thousands).
    while (start < words.length) {
      const word = words[start] ?? '';
      if (word === '--') {
        start++;
        break;
      }
      if (!word.startsWith('-') && !(program === 'env' && /^[A-Za-z_]\w*=/.test(word))) break;
      start += withValue.includes(word) ? 2 : 1;
    }
  }
  return start === 0 ? command : { ...command, words: words.slice(start) };
}

/**
 * Whether a command has an option: long names exactly (`--yes`, or `--name=value`), short letters
 * also inside clusters (`-qy` has `-y`).
 */
export function hasOption(command: ShellCommand, long: readonly string[], short: readonly string[] = []): boolean {
  return command.words.slice(1).some((word) => {
    if (word.startsWith('--')) return long.some((name) => word === name || word.startsWith(`${name}=`));
    if (word.startsWith('-') && word.length > 1) return short.some((letter) => word.slice(1).includes(letter));
    return false;
  });
}

/** The words after the program that are not options (and not values of the options listed as taking one). */
export function operands(command: ShellCommand, optionsWithValue: readonly string[] = []): string[] {
  const out: string[] = [];
  const words = command.words.slice(1);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') {
      out.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('-') && word.length > 1) {
      if (optionsWithValue.includes(word)) i++;
      continue;
    }
    out.push(word);
  }
  return out;
}
