/**
 * Walks the zod schema by path, so hints and derived settings read the schema itself rather than a
 * second hand-kept list of keys.
 */
import { z } from 'zod';

type Path = readonly PropertyKey[];

/** The schema under wrappers that do not change the shape (optional, default, pipe into a transform...). */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodReadonly) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The schema of the value at `path` (object keys, record values, array items), or undefined. */
export function schemaAt(root: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (current instanceof z.ZodObject) {
      const shape = current.shape as Record<string, z.ZodType>;
      current = typeof segment === 'string' && Object.prototype.hasOwnProperty.call(shape, segment) ? shape[segment] : undefined;
    } else if (current instanceof z.ZodRecord) {
      current = current.valueType as z.ZodType;
    } else if (current instanceof z.ZodArray) {
      current = current.element as z.ZodType;
    } else {
      return undefined;
    }
    current = current === undefined ? undefined : unwrap(current);
  }
  return current;
}

/** The keys an object at `path` accepts, or none when the value there is not a fixed-shape object. */
export function keysAt(root: z.ZodType, path: Path): string[] {
  const schema = schemaAt(root, path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The description a field carries, looking through its wrappers. */
export function describe(schema: z.ZodType): string | undefined {
  let current: z.ZodType = schema;
  for (;;) {
    const description = z.globalRegistry.get(current)?.description;
    if (description !== undefined) return description;
    const inner = unwrapOnce(current);
    if (inner === undefined) return undefined;
    current = inner;
  }
}

function unwrapOnce(schema: z.ZodType): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (inner !== schema) {
    // Step one wrapper at a time so metadata on an intermediate wrapper is found.
    if (schema instanceof z.ZodPipe) return schema.in as z.ZodType;
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodReadonly) return schema.unwrap() as z.ZodType;
  }
  return undefined;
}
