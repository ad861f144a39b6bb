/**
 * Real Rust executables for the cargo-auditable tests: a program compiled here by the installed
 * rustc, given a `.dep-v0` section with `objcopy --add-section` (cargo auditable itself needs
 * crates.io, which the build machine cannot reach; its section holds zlib-compressed JSON, which
 * is what is added). Undefined when rustc or objcopy is missing: callers skip with a notice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export interface RustBuild {
  /** A freshly compiled executable with no audit data. */
  readonly plain: string;
  /** A copy of `plain` with `section` (raw bytes) added as .dep-v0; returns its path. */
  withSection(name: string, section: Buffer): string;
  /** `withSection` converted to PE by objcopy (same sections, PE headers). */
  asPe(elf: string, name: string): string;
}

function findTool(tool: string, extra: readonly string[]): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...extra]) {
    if (dir !== '' && existsSync(join(dir, tool))) return join(dir, tool);
  }
  return undefined;
}

export function prepareRustBuild(work: string): RustBuild | undefined {
  const rustc = findTool('rustc', [join(process.env.HOME ?? '/root', '.cargo/bin'), '/root/.cargo/bin']);
  const objcopy = findTool('objcopy', []);
  if (rustc === undefined || objcopy === undefined) return undefined;
  writeFileSync(join(work, 'main.rs'), 'fn main() {\n    let crates = ["itoa", "serde"];\n    println!("built with {} crates", crates.len());\n}\n');
  const plain = join(work, 'app');
  execFileSync(rustc, ['-O', '-o', plain, join(work, 'main.rs')], { stdio: 'pipe', timeout: 300_000 });
  return {
    plain,
    withSection(name, section) {
      const data = join(work, `${name}.dep-v0`);
      writeFileSync(data, section);
      const out = join(work, name);
      execFileSync(objcopy, ['--add-section', `.dep-v0=${data}`, plain, out], { stdio: 'pipe' });
      return out;
    },
    asPe(elf, name) {
      const out = join(work, name);
      execFileSync(objcopy, ['-O', 'pei-x86-64', elf, out], { stdio: 'pipe' });
      return out;
    },
  };
}

/** The audit data as cargo auditable writes it: zlib-compressed JSON. */
export function auditData(packages: readonly Record<string, unknown>[]): Buffer {
  return deflateSync(Buffer.from(JSON.stringify({ packages })));
}
