/**
 * The Go toolchain that built a binary, as a module version: Go vulnerability data (the Go
 * vulnerability database, OSV) keys standard-library advisories on the `stdlib` module with
 * semantic versions, which Go release tags are not. The mapping is the one golang.org/x/vuln
 * uses: go1.21.5 -> v1.21.5, go1.20 (a first release before Go 1.21) -> v1.20.0,
 * go1.21rc2 -> v1.21.0-rc.2, go1.20beta1 -> v1.20.0-beta.1.
 */
const RELEASE_TAG = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?(?:\s|$)/;

/** "go1.22.0 X:loopvar" -> "v1.22.0"; development toolchains ("devel go1.23-abc") have no release version. */
export function stdlibVersion(goVersion: string): string | undefined {
  const match = RELEASE_TAG.exec(goVersion);
  if (match === null) return undefined;
  const [, major = '', minor = '', patch = '0', pre, preNumber] = match;
  return `v${major}.${minor}.${patch}${pre === undefined ? '' : `-${pre}.${preNumber ?? ''}`}`;
}
