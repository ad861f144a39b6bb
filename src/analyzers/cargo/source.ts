/**
 * A crate's purl from where cargo took it. purl-spec's cargo type names crates of crates.io, its
 * default repository, so `pkg:cargo/serde@1.0.197` is the crates.io crate serde: advisories
 * (RUSTSEC, GHSA) are keyed by it. The audit data also records crates taken from elsewhere:
 * "local" (the workspace's own crates, the executable's root crate among them), "git", "registry"
 * (an alternative registry) or a name of its own. Those are other packages that only share a name
 * with a crates.io crate (an application called `time` is not the `time` crate).
 *
 * cargo-cyclonedx marks such crates with the spec's location qualifiers (`download_url=file://..`,
 * `vcs_url`, `repository_url`), but cargo auditable keeps no path or URL to put there. So the purl
 * carries the audit data's own word in a `source` qualifier (`pkg:cargo/app@0.1.0?source=local`):
 * it stays a cargo purl (an SBOM written from it reads back as the same package), it differs from
 * the crates.io crate's, and the matcher never looks it up in crates.io advisories.
 */
import { purl } from '../purl.js';

/** cargo auditable's spelling of crates.io (rust-audit-info's `Source::CratesIo`). */
export const CRATES_IO = 'crates.io';

export function cratePurl(name: string, version: string, source: unknown): string {
  const from = source === CRATES_IO ? undefined : typeof source === 'string' && source !== '' ? source : 'unknown';
  return purl({ type: 'cargo', name, version, qualifiers: { source: from } });
}
