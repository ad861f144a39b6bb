/**
 * The audit data `cargo auditable` embeds (cargo-auditable.schema.json): zlib-compressed UTF-8
 * JSON `{"format"?: n, "packages": [{name, version, source, kind?, dependencies?, root?}]}`, one
 * entry per crate in the build, `kind` "build" for crates only used at build time (build scripts,
 * proc-macros and their dependencies) and `root` for the crate the executable was built from.
 * Hostile data is expected: inflation is capped, and anything that is not that shape is an error
 * with a message, never a crash.
 */
import { inflateSync } from 'node:zlib';
import { z } from 'zod';

/** PARSING.md: "8 MiB should be more than enough to hold any legitimate audit data". */
export const MAX_AUDIT_BYTES = 8 * 1024 * 1024;

const auditPackage = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  // "crates.io", "git", "local", "registry", or an extension: only crates.io crates get cargo purls (source.ts).
  source: z.unknown(),
  kind: z.enum(['build', 'runtime']).optional(),
  dependencies: z.array(z.number().int().nonnegative()).optional(),
  root: z.boolean().optional(),
});
const auditData = z.object({ format: z.number().int().nonnegative().optional(), packages: z.array(auditPackage) });

export type AuditPackage = z.infer<typeof auditPackage>;

export function decodeAuditData(compressed: Buffer): readonly AuditPackage[] {
  let inflated: Buffer;
  try {
    inflated = inflateSync(compressed, { maxOutputLength: MAX_AUDIT_BYTES });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`audit data inflates past the ${MAX_AUDIT_BYTES}-byte limit (a decompression bomb?)`);
    throw new Error(`audit data is not a complete zlib stream (${error instanceof Error ? error.message : String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch (error) {
    throw new Error(`audit data is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = auditData.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`audit data does not match the cargo-auditable format: ${issue === undefined ? 'invalid' : `${issue.path.join('.') || '(top)'}: ${issue.message}`}`);
  }
  return parsed.data.packages;
}
