export { parseDockerfile, type DockerfileParse } from './parse.js';
export { expandVariables, type Lookup } from './expand.js';
export { splitWords, unquote } from './words.js';
export { PointerPositions } from './positions.js';
export { INSTRUCTIONS } from './instruction.js';
export type { DockerComment, DockerfileError, DockerFlag, DockerInstruction, DockerStage, Heredoc, KeyValue, ParsedDockerfile } from './types.js';
export { shellCommands, type ShellCommand } from './shell.js';
