/**
 * Where `cargo auditable` puts a Rust executable's dependency list (rust-secure-code/cargo-auditable,
 * PARSING.md): a section named `.dep-v0`, in the `__DATA` segment on Mach-O, holding the
 * zlib-compressed audit data. The section is taken by name from the section headers, so it is
 * found whether the linker placed it in a loaded segment (cargo auditable) or it was added after
 * the fact (`objcopy --add-section`).
 */
import { parseExecutable, sectionBytes } from '../binary/executable.js';
import { MAX_AUDIT_BYTES } from './audit-data.js';

export const AUDIT_SECTION = '.dep-v0';

/**
 * The compressed audit data of an executable, or undefined when it has none (or is not an
 * executable). Throws (message only) when the section cannot be what it claims: past the end of
 * the file, or larger than any legitimate audit data.
 */
export function auditSection(bytes: Buffer): Buffer | undefined {
  let exe;
  try {
    exe = parseExecutable(bytes);
  } catch {
    // Headers that do not hold together: no section table to look in.
    return undefined;
  }
  const section = exe?.sections.find((s) => s.name === AUDIT_SECTION && (exe.format !== 'macho' || s.segment === '__DATA'));
  if (section === undefined) return undefined;
  // Compressed JSON is smaller than the JSON itself, so the inflation cap bounds the section too.
  if (section.size > MAX_AUDIT_BYTES) throw new Error(`${AUDIT_SECTION} section of ${section.size} bytes is over the ${MAX_AUDIT_BYTES}-byte limit for audit data`);
  const data = sectionBytes(bytes, section);
  if (data === undefined) throw new Error(`${AUDIT_SECTION} section runs past the end of the file (truncated executable)`);
  return data;
}
