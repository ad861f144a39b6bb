/**
 * Debian packages from the dpkg database: /var/lib/dpkg/status, and the one-file-per-package
 * /var/lib/dpkg/status.d/ of distroless images. A package counts when its files are on disk, by
 * the third word of its Status (`dpkg-query -W -f='${db:Status-Status}'`): installed, and the
 * states dpkg leaves a fully unpacked package in (see PRESENT). Removed packages that keep their
 * config files, purged ones and half-installed ones (an unpack that failed midway) do not. Licences come from each package's machine-readable
 * /usr/share/doc/PKG/copyright (see dep5.ts).
 */
import { type Analyzer, type FoundPackage, MAX_PACKAGES_PER_DATABASE, packageLimitReached } from './analyzer.js';
import { dep5Licenses } from './dep5.js';
import { distroQualifier, purl } from './purl.js';
import { stanzas } from './stanzas.js';

/**
 * dpkg(1) package states whose files are all in place: `unpacked` and `half-configured` await (or
 * failed) configuration, `triggers-awaited`/`triggers-pending` are configured packages whose
 * triggers have not run yet, which images built with interrupted or deferred triggers keep. Their
 * code is there to be exploited, and Trivy lists them too.
 */
const PRESENT: ReadonlySet<string> = new Set(['installed', 'triggers-pending', 'triggers-awaited', 'half-configured', 'unpacked']);

/** The fields read; the others (Description, Conffiles, Depends) are not kept. */
const FIELDS: ReadonlySet<string> = new Set(['Package', 'Version', 'Status', 'Architecture', 'Source']);

export const dpkgAnalyzer: Analyzer = {
  id: 'dpkg',
  title: 'Debian packages (dpkg status database)',
  matches: (path) => path === '/var/lib/dpkg/status' || (path.startsWith('/var/lib/dpkg/status.d/') && !path.endsWith('.md5sums')),
  alsoReads: (path) => path.startsWith('/usr/share/doc/') && path.endsWith('/copyright') && path.indexOf('/', 15) === path.length - 10,
  parse(file, context) {
    const packages: FoundPackage[] = [];
    // distroless status.d files carry no Status field: their presence means installed.
    const statusDir = file.path.startsWith('/var/lib/dpkg/status.d/');
    for (const stanza of stanzas(file.content.toString('utf8'), FIELDS)) {
      const name = stanza.get('Package');
      const version = stanza.get('Version');
      if (name === undefined || version === undefined) continue;
      if (packages.length === MAX_PACKAGES_PER_DATABASE) {
        packageLimitReached(context);
        break;
      }
      const status = stanza.get('Status');
      if (status === undefined ? !statusDir : !PRESENT.has(status.split(/\s+/)[2] ?? '')) continue;
      const arch = stanza.get('Architecture');
      const source = parseSource(stanza.get('Source'), name, version);
      const namespace = context.os?.id === 'ubuntu' ? 'ubuntu' : 'debian';
      const copyright = context.read?.(`/usr/share/doc/${name}/copyright`);
      packages.push({
        name, version, ecosystem: 'deb', licenses: copyright === undefined ? [] : [...dep5Licenses(copyright)], source,
        ...(arch === undefined ? {} : { arch }),
        purl: purl({ type: 'deb', namespace, name, version, qualifiers: { arch, distro: distroQualifier(context.os) } }),
      });
    }
    return packages;
  },
};

/** "Source: name" or "Source: name (version)" when the source version differs from the binary's. */
function parseSource(field: string | undefined, name: string, version: string): { name: string; version: string } {
  if (field === undefined || field === '') return { name, version };
  const match = /^(\S+)(?:\s+\((.+)\))?$/.exec(field);
  if (match?.[1] === undefined) return { name, version };
  return { name: match[1], version: match[2] ?? version };
}
