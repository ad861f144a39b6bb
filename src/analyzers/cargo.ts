/**
 * Rust crates from Cargo.lock: `[[package]]` tables with name, version and (for dependencies
 * fetched from a registry or git) source. The lock format is TOML with a fixed layout written by
 * cargo, so the three keys are read line by line.
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { CRATES_IO, cratePurl } from './cargo/source.js';

/**
 * Where a lock entry came from, in cargo auditable's words (cargo/source.ts): no `source` is the
 * workspace's own crate, and only crates.io's index (git or sparse protocol) is crates.io.
 */
function sourceOf(source: string | undefined): string {
  if (source === undefined) return 'local';
  if (source === 'registry+https://github.com/rust-lang/crates.io-index' || source === 'sparse+https://index.crates.io/') return CRATES_IO;
  if (source.startsWith('git+')) return 'git';
  return 'registry';
}

export const cargoAnalyzer: Analyzer = {
  id: 'cargo',
  title: 'Rust crates (Cargo.lock)',
  matches: (path) => path.endsWith('/Cargo.lock'),
  parse(file) {
    const packages: FoundPackage[] = [];
    let current: Map<string, string> | undefined;
    const flush = (): void => {
      const name = current?.get('name');
      const version = current?.get('version');
      if (name !== undefined && version !== undefined) packages.push({ name, version, ecosystem: 'cargo', licenses: [], purl: cratePurl(name, version, sourceOf(current?.get('source'))) });
    };
    for (const line of file.content.toString('utf8').split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.startsWith('[')) {
        flush();
        current = trimmed === '[[package]]' ? new Map() : undefined;
        continue;
      }
      const match = /^(name|version|source)\s*=\s*"([^"]*)"$/.exec(trimmed);
      if (match?.[1] !== undefined && match[2] !== undefined) current?.set(match[1], match[2]);
    }
    flush();
    return packages;
  },
};
