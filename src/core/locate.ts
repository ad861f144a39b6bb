import type { FindingLocation } from '../model/finding.js';
import type { Resource } from '../model/resource.js';

/** The file, line and column of a JSON pointer inside a resource (or its nearest ancestor that has a position). */
export function locate(resource: Resource, path: string): FindingLocation {
  const { source } = resource;
  const found = source.positions.nearest(path);
  const position = found?.position ?? source.position;
  return { file: source.file, line: position.line, column: position.column, path };
}
