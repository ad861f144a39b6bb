/**
 * The Report as JSON: the stable, machine-readable format. Its shape is documented by
 * schemas/report.schema.json and its versioning by docs/report-json.md.
 */
import { defineWriter } from '../../core/writer.js';
import { jsonChunks } from '../common/json-chunks.js';

export const jsonWriter = defineWriter({
  format: 'json',
  description: 'The full report as JSON (schemas/report.schema.json), for tools and scripts.',
  extension: 'json',
  write(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
  },
  *chunks(report) {
    yield* jsonChunks(report);
    yield '\n';
  },
});
