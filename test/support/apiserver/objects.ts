/** Objects for the test API server, read from multi-document YAML fixtures. */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export function objectsFromYaml(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = document.toJS();
    return value === null ? [] : [value];
  });
}
