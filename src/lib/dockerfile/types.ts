/**
 * A parsed Dockerfile as plain JSON, so it can be a Resource object and rules can address every
 * part of it with JSON pointers (`/stages/1/instructions/4`).
 */

/** One flag before an instruction's arguments: `--from=build` is { name: 'from', value: 'build' }; `--link` has value null. */
export interface DockerFlag {
  readonly name: string;
  readonly value: string | null;
}

/** A here-document attached to RUN, COPY or ADD (`<<EOF ... EOF`). */
export interface Heredoc {
  readonly name: string;
  readonly body: string;
  /** false when the delimiter was quoted: the builder does not expand variables in the body. */
  readonly expand: boolean;
}

/** A `key=value` pair of ENV, LABEL or ARG (value null: an ARG without a default). */
export interface KeyValue {
  readonly key: string;
  readonly value: string | null;
}

export interface DockerInstruction {
  /** The keyword, upper-cased (instructions are case-insensitive). */
  readonly cmd: string;
  /** 1-based lines of the first and the last physical line (continuations and heredocs included). */
  readonly line: number;
  readonly endLine: number;
  readonly flags: DockerFlag[];
  /** The argument text after the flags, continuation lines joined, as the builder sees it. */
  readonly text: string;
  /** JSON (exec) form: `["a", "b"]`. */
  readonly json: boolean;
  /**
   * JSON form: its elements. Shell form of RUN, CMD, ENTRYPOINT: one element, the command line.
   * HEALTHCHECK: ['NONE'] or ['CMD', ...the command as for CMD]. Others: whitespace-separated words.
   */
  readonly args: string[];
  /** ENV, LABEL and ARG. */
  readonly pairs?: KeyValue[];
  readonly heredocs?: Heredoc[];
  /** ONBUILD: the trigger instruction it registers. */
  readonly trigger?: DockerInstruction;
}

export interface DockerStage {
  /** The base as written (`debian:${TAG}`), and with the global ARG defaults substituted. */
  readonly image: string;
  readonly resolvedImage: string;
  /** The `AS name` (lower-cased, as the builder matches it), if any. */
  readonly name: string | null;
  readonly platform: string | null;
  /** The FROM instruction itself. */
  readonly from: DockerInstruction;
  /** Everything after FROM up to the next FROM. */
  readonly instructions: DockerInstruction[];
}

export interface DockerComment {
  readonly line: number;
  /** Without the leading `#` and surrounding spaces. */
  readonly text: string;
}

export interface ParsedDockerfile {
  readonly directives: { readonly escape: string; readonly syntax: string | null; readonly check: string | null };
  /** Instructions before the first FROM: global ARGs, and anything misplaced. */
  readonly preamble: DockerInstruction[];
  readonly stages: DockerStage[];
  readonly comments: DockerComment[];
}

export interface DockerfileError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** What to do, when it is not fixing the instruction at the line. */
  readonly hint?: string;
}
