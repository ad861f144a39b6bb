/**
 * The writer registry: explicit and sorted by format, nothing registers itself by import side
 * effect (docs/STYLE.md). The CLI derives `--format` choices and help text from this list.
 */
import type { Writer } from '../core/writer.js';
import { htmlWriter } from './html/html.js';
import { jsonWriter } from './json/json.js';
import { junitWriter } from './junit/junit.js';
import { markdownWriter } from './markdown/markdown.js';
import { sarifWriter } from './sarif/sarif.js';
import { tableWriter } from './table/table.js';

export const WRITERS: readonly Writer[] = [htmlWriter, jsonWriter, junitWriter, markdownWriter, sarifWriter, tableWriter];

export function writerFor(format: string): Writer | undefined {
  return WRITERS.find((writer) => writer.format === format);
}
