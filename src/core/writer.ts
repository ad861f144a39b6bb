/** The writer contract: a writer sees only the Report and returns the text to emit. */
import type { Report } from '../model/report.js';

export interface WriterOptions {
  /** ANSI colours (a TTY, and NO_COLOR unset). */
  readonly color: boolean;
}

export interface Writer {
  readonly format: string;
  readonly description: string;
  /** File extension for --output guesses and docs. */
  readonly extension: string;
  write(report: Report, options: WriterOptions): string;
  /**
   * The same text in parts, for writers whose output can outgrow one string (V8 stops at 512 MB:
   * the JSON of half a million findings is larger). Front ends that write files use it when present.
   */
  chunks?(report: Report, options: WriterOptions): Iterable<string>;
}

export function defineWriter(writer: Writer): Writer {
  return writer;
}
