/**
 * A chart's values.schema.json is a JSON schema that helm validates the values against before
 * rendering, and helm 3.17 resolves every `$ref` in it with gojsonschema's default loader:
 * `"$ref": "http://169.254.169.254/..."` makes `helm template` send that request (and quote what
 * came back in its error), `file:///...` reads a host file, and a relative ref is resolved against
 * an `$id` URL and fetched. A scanned chart is attacker-controlled input, so a chart whose schema
 * refers anywhere but inside itself (`#/definitions/x`) is rendered without schema validation
 * (helm's --skip-schema-validation): its findings are kept, and no request is made. Real charts
 * that refer to published Kubernetes schemas by URL could not be validated offline anyway.
 */
import { statSync } from 'node:fs';
import { readFileBounded } from './read-bounded.js';

/** A schema is tens of KiB; one larger than this is not searched, and taken as referring outside. */
export const MAX_SCHEMA_BYTES = 8 * 1024 * 1024;

/** What stands for the `$ref` of a schema too large to search. */
export const TOO_LARGE = '<schema too large to search>';

/** A values.schema.json of the chart or of a subchart, by its path inside the chart as helm names it. */
const SCHEMA_FILE = /^(?:charts\/[^/]+\/)*values\.schema\.json$/;

export function isSchemaFile(inChart: string): boolean {
  return SCHEMA_FILE.test(inChart);
}

/**
 * The first `$ref` of a schema that is not a fragment of the schema itself; `<too large>` for a
 * schema too large to search. Undefined for a schema that is not JSON: helm refuses it without
 * resolving anything.
 */
export function outsideRef(text: string): string | undefined {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Iterative: a hostile schema may nest deeper than the call stack.
  const pending: unknown[] = [schema];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && !item.startsWith('#')) return item;
      pending.push(item);
    }
  }
  return undefined;
}

/** The outside `$ref` of a schema file on disk, if any (one too large to read counts as one). */
export function outsideRefOfFile(file: string): string | undefined {
  try {
    // helm refuses anything but a regular file, and a named pipe would block the read for ever.
    if (!statSync(file).isFile()) return undefined;
    const read = readFileBounded(file, MAX_SCHEMA_BYTES);
    if (read.kind === 'too-large') return TOO_LARGE;
    return read.kind === 'text' ? outsideRef(read.text) : undefined;
  } catch {
    return undefined; // helm reports what it cannot read
  }
}
