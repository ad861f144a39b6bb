import type { Report } from '../model/report.js';
import { WRITERS, writerFor } from '../writers/index.js';

export const FORMATS: readonly string[] = WRITERS.map((w) => w.format);

/** Renders a report in one of FORMATS; throws on an unknown format (the CLI validates first). */
export function render(report: Report, format: string, options: { color?: boolean } = {}): string {
  const writer = writerFor(format);
  if (writer === undefined) throw new Error(`unknown format "${format}" (one of ${FORMATS.join(', ')})`);
  return writer.write(report, { color: options.color ?? false });
}

/** The same text in parts when the format can write them (json, sarif): for reports too large for one string. */
export function renderChunks(report: Report, format: string, options: { color?: boolean } = {}): Iterable<string> {
  const writer = writerFor(format);
  if (writer === undefined) throw new Error(`unknown format "${format}" (one of ${FORMATS.join(', ')})`);
  const writerOptions = { color: options.color ?? false };
  return writer.chunks?.(report, writerOptions) ?? [writer.write(report, writerOptions)];
}
