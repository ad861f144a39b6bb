/**
 * parseDockerfile: Dockerfile text to a ParsedDockerfile (stages of instructions, as JSON) with
 * the line of every instruction, and located errors for what the builder would refuse. It never
 * throws: a bad line is reported and skipped, and the rest is still parsed.
 */
import type { Position } from '../../model/source.js';
import { expandVariables } from './expand.js';
import { parseInstruction } from './instruction.js';
import { splitLines } from './lines.js';
import { PointerPositions } from './positions.js';
import type { DockerComment, DockerfileError, DockerInstruction, DockerStage, ParsedDockerfile } from './types.js';

export interface DockerfileParse {
  readonly dockerfile: ParsedDockerfile;
  readonly positions: PointerPositions;
  readonly errors: DockerfileError[];
  /** Comment lines inside continued instructions, which the builder drops (not in `dockerfile.comments`). */
  readonly droppedComments: DockerComment[];
}

/**
 * Instructions read at most. Real Dockerfiles hold tens, rarely a thousand; a hostile one of half a
 * million ENV lines (13 MB) took 4.6 s and a gigabyte to parse, and twice that to judge.
 */
export const MAX_INSTRUCTIONS = 10_000;

export function parseDockerfile(source: string): DockerfileParse {
  const { directives, lines, comments, droppedComments, errors } = splitLines(source);
  const positions = new PointerPositions();
  positions.set('', { line: 1, column: 1 });
  const preamble: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  const globals = new Map<string, string>();
  let count = 0;
  for (const line of lines) {
    if (count === MAX_INSTRUCTIONS) {
      errors.push({ line: line.line, column: line.column, message: `more than ${String(MAX_INSTRUCTIONS)} instructions: the rest of the file is not read`, hint: 'No real Dockerfile is this long: check that the file is the one meant.' });
      break;
    }
    const instruction = parseInstruction(line, directives.escape, errors);
    if (instruction === undefined) continue;
    count++;
    const position: Position = { line: line.line, column: line.column };
    if (instruction.cmd === 'FROM') {
      const stage = stageOf(instruction, globals, directives.escape, position, errors);
      positions.set(`/stages/${stages.length}`, position);
      positions.set(`/stages/${stages.length}/from`, position);
      stages.push(stage);
      continue;
    }
    const current = stages.at(-1);
    if (current === undefined) {
      // Global ARGs (before the first FROM) are what FROM lines may use.
      if (instruction.cmd === 'ARG') for (const pair of instruction.pairs ?? []) if (pair.value !== null) globals.set(pair.key, pair.value);
      // The builder refuses anything but ARG before the first FROM; the rest is still checked.
      if (instruction.cmd !== 'ARG' && !preamble.some((earlier) => earlier.cmd !== 'ARG')) {
        errors.push({ ...position, message: `${instruction.cmd} comes before the first FROM; only ARG may precede FROM` });
      }
      positions.set(`/preamble/${preamble.length}`, position);
      preamble.push(instruction);
    } else {
      positions.set(`/stages/${stages.length - 1}/instructions/${current.instructions.length}`, position);
      current.instructions.push(instruction);
    }
  }
  comments.forEach((comment, i) => {
    positions.set(`/comments/${i}`, { line: comment.line, column: 1 });
  });
  return { dockerfile: { directives, preamble, stages, comments }, positions, errors, droppedComments };
}

function stageOf(from: DockerInstruction, globals: ReadonlyMap<string, string>, escape: string, position: Position, errors: DockerfileError[]): DockerStage {
  const [image = '', as, name, ...extra] = from.args;
  if (image === '') errors.push({ ...position, message: 'FROM needs an image: FROM image[:tag] [AS name]' });
  else if (as !== undefined && (as.toUpperCase() !== 'AS' || name === undefined || extra.length > 0)) {
    errors.push({ ...position, message: `FROM takes an image and an optional "AS name", not "${from.args.slice(1).join(' ')}"` });
  }
  const platform = from.flags.find((flag) => flag.name === 'platform')?.value ?? null;
  return {
    image,
    resolvedImage: expandVariables(image, (key) => globals.get(key), escape),
    name: as?.toUpperCase() === 'AS' && name !== undefined ? name.toLowerCase() : null,
    platform,
    from,
    instructions: [],
  };
}
