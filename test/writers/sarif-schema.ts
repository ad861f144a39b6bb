/**
 * The official OASIS SARIF 2.1.0 schema from ../shared/testdata/sarif (draft-07), compiled with
 * Ajv. Undefined when the test data is absent (a fresh clone): callers skip with a notice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_PATH = join(import.meta.dirname, '../../../shared/testdata/sarif/sarif-schema-2.1.0.json');

export type Validate = (data: unknown) => string[];

export function sarifValidator(): Validate | undefined {
  if (!existsSync(SARIF_SCHEMA_PATH)) return undefined;
  // strict off: the schema is someone else's and uses keywords Ajv's strict mode flags.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}
