/** Where a fact behind a step is written, for the person who has to change it. */
import { locate } from '../../core/locate.js';
import type { Resource } from '../../model/resource.js';

/** `file:line` of a value of a resource (or of its nearest ancestor written in the file). */
export function where(resource: Resource, path: string): string {
  const at = locate(resource, path);
  return `${at.file}:${String(at.line)}`;
}
