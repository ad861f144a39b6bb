/**
 * The version a Go binary's main module was stamped with at link time (`go build -ldflags "-X
 * main.version=1.4.2"`). `go build` in a checkout records the main module as `(devel)` (before Go
 * 1.24) or as a pseudo-version such as v0.0.0-20250422202024-9eeb4a7a08b6+dirty, neither of which
 * names the release; the -X assignment most release builds make does, and `go build` records the
 * -ldflags among the build settings (unless built with -trimpath). The choice among several -X
 * versions is Trivy's, so both tools name the same version: a variable under MODULE/cmd/ first,
 * then one in a package called main, common, version or cmd, then any other; two candidates in the
 * first category that has any mean no version rather than a guess.
 */
import { canonicalGo } from '../../lib/versions/go.js';

const USUAL_PACKAGES = new Set(['main', 'common', 'version', 'cmd']);

/** The release version -ldflags stamped for the main module `modulePath`, as a Go version (v1.4.2). */
export function ldflagsVersion(modulePath: string, ldflags: string): string | undefined {
  const categories: string[][] = [[], [], []];
  for (const [key, value] of assignments(splitQuoted(ldflags))) {
    const lower = key.toLowerCase();
    if (!lower.endsWith('.version') && !lower.endsWith('.ver')) continue;
    // A release version; a pseudo-version would be no better than what the build info says.
    const version = canonicalGo(value);
    if (version === undefined || /^v0\.0\.0-/.test(version)) continue;
    const category = key.startsWith(`${modulePath}/cmd/`) ? 0 : USUAL_PACKAGES.has(packageOf(lower)) ? 1 : 2;
    categories[category]?.push(`${value.startsWith('v') ? '' : 'v'}${value}`);
  }
  const first = categories.find((found) => found.length > 0);
  return first?.length === 1 ? first[0] : undefined;
}

/** "github.com/x/y/internal/version.Version" -> "version": the package's last path element. */
function packageOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name.slice(0, name.indexOf('.'));
}

/** The -X assignments among the linker flags: "-X k=v", "-X=k=v", and the same with "--". */
function assignments(words: readonly string[]): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const flag = word.replace(/^--?/, '-');
    const assignment = flag === '-X' ? words[(i += 1)] : flag.startsWith('-X=') ? flag.slice(3) : undefined;
    const eq = assignment?.indexOf('=') ?? -1;
    if (assignment !== undefined && eq > 0) found.push([assignment.slice(0, eq), assignment.slice(eq + 1)]);
  }
  return found;
}

/**
 * How cmd/go splits -ldflags into arguments (cmd/internal/quoted.Split): fields separated by white
 * space, a field may be wrapped in single or double quotes, with no escapes inside.
 */
export function splitQuoted(text: string): string[] {
  const words: string[] = [];
  let rest = text;
  for (;;) {
    rest = rest.replace(/^[ \t\n\r]+/, '');
    if (rest === '') return words;
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      // An unterminated quote makes cmd/go reject the flags: the build that made this binary had none.
      if (end === -1) return words;
      words.push(rest.slice(1, end));
      rest = rest.slice(end + 1);
    } else {
      const end = rest.search(/[ \t\n\r]/);
      words.push(end === -1 ? rest : rest.slice(0, end));
      rest = end === -1 ? '' : rest.slice(end);
    }
  }
}
