/**
 * Rust crates compiled into executables built with `cargo auditable`, from the audit data it
 * embeds (cargo/audit-section.ts, cargo/audit-data.ts). Every crate linked into the binary is a
 * package, the root crate (the binary's own) included; crates of kind "build" (build scripts,
 * proc-macros and what only they use) are left out, as Trivy and Syft do: their code is not in the
 * executable, so their advisories do not apply to it. Only crates taken from crates.io get cargo
 * purls (cargo/source.ts): a local or git crate is not the crates.io crate of the same name.
 * Executables are recognised like Go binaries
 * (execute bit, then magic number) and share their condensed form (binary/condense.ts).
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { decodeRecords } from './binary/condensed.js';
import { CARGO_AUDIT_ERROR_RECORD, CARGO_AUDIT_RECORD, condenseExecutable, condenseExecutableStream } from './binary/condense.js';
import { isExecutableCandidate } from './binary/candidate.js';
import { decodeAuditData } from './cargo/audit-data.js';
import { auditSection } from './cargo/audit-section.js';
import { cratePurl } from './cargo/source.js';

export const cargoAuditableAnalyzer: Analyzer = {
  id: 'cargo-auditable',
  title: 'Rust crates (cargo-auditable executables)',
  matches: isExecutableCandidate,
  condense: condenseExecutable,
  condenseStream: condenseExecutableStream,
  parse(file) {
    const compressed = compressedAuditData(file.content);
    return compressed === undefined ? [] : packagesOf(compressed);
  },
};

/** From a condensed file (its records) or a whole executable (its section); throws a malformed one. */
function compressedAuditData(content: Buffer): Buffer | undefined {
  const records = decodeRecords(content);
  if (records === undefined) return auditSection(content);
  const error = records.get(CARGO_AUDIT_ERROR_RECORD);
  if (error !== undefined) throw new Error(error.toString('utf8'));
  return records.get(CARGO_AUDIT_RECORD);
}

function packagesOf(compressed: Buffer): FoundPackage[] {
  const seen = new Set<string>();
  const packages: FoundPackage[] = [];
  for (const crate of decodeAuditData(compressed)) {
    // A local crate and a crates.io crate of the same name and version are two packages.
    const purl = cratePurl(crate.name, crate.version, crate.source);
    if (crate.kind === 'build' || seen.has(purl)) continue;
    seen.add(purl);
    packages.push({ name: crate.name, version: crate.version, ecosystem: 'cargo', licenses: [], purl });
  }
  return packages;
}
