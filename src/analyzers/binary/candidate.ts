/**
 * The cheap path filter of the binary analyzers (Go build info, cargo-auditable): any file with an
 * execute bit, wherever it is, except names that are obviously scripts or data. Called for every
 * file of every layer, so it is string and bit tests only; the magic number is checked when the
 * file is read.
 */

const NOT_BINARY = /\.(?:sh|py|pl|rb|js|json|txt|md|conf|cfg|ya?ml|jar|war|ear)$/i;

export function isExecutableCandidate(path: string, mode: number): boolean {
  return (mode & 0o111) !== 0 && !NOT_BINARY.test(path);
}
