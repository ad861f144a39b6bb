/**
 * The one error the analysis raises for input it must refuse (an invalid policy, duplicate names,
 * pods of one owner that policies tell apart): a message in netpol-analyzer's words plus where
 * the offending object is, so the front end can print a located problem instead of a stack.
 */
import type { Resource } from '../../model/resource.js';
import { locate } from '../../core/locate.js';

export interface NetpolErrorPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export class NetpolError extends Error {
  readonly place: NetpolErrorPlace | undefined;
  /**
   * What to do, when the refusal is of a value the user typed (--focus-conn, --source) rather than
   * of an object: the catalog's hint ("fix the object") would send them to their manifests.
   */
  readonly hint: string | undefined;
  constructor(message: string, place?: NetpolErrorPlace, hint?: string) {
    super(message);
    this.name = 'NetpolError';
    this.place = place;
    this.hint = hint;
  }
}

/** A NetpolError located at a field of a resource (its nearest ancestor with a position). */
export function errorAt(resource: Resource, path: string, message: string): NetpolError {
  const { file, line, column } = locate(resource, path);
  return new NetpolError(message, { file, line, column });
}
