/**
 * The JSON Schema of `.palisade.yaml`, generated from the zod schema so the two cannot disagree.
 * schemas/config.schema.json is this function's output, committed for editors; a test keeps them equal.
 */
import { z } from 'zod';
import { configSchema } from './schema.js';

/** Where the committed copy lives, relative to the package root. */
export const CONFIG_SCHEMA_PATH = 'schemas/config.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  // Draft-07 because editors validate with it: the YAML language server and VS Code's JSON service
  // support later drafts only partially. io: 'input' describes what a user writes: keys with defaults are optional, and the exception's
  // rule/rules normalisation (a transform) is described by its input side.
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-07' });
  return { ...generated, $comment: 'Generated from src/config/schema.ts by configJsonSchema(); do not edit by hand.' };
}

/** The committed file's exact text: two-space JSON with a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
