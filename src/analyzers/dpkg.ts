/**
 * Debian packages from the dpkg database: /var/lib/dpkg/status, and the one-file-per-package
 * /var/lib/dpkg/status.d/ of distroless images. Only packages whose status is "installed" count,
 * as `dpkg-query -W -f='${db:Status-Status}'` reports them; removed packages that keep their
 * config files are not installed software. Licences come from each package's machine-readable
 * /usr/share/doc/PKG/copyright (see dep5.ts).
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { dep5Licenses } from './dep5.js';
import { distroQualifier, purl } from './purl.js';
import { parseStanzas } from './stanzas.js';

export const dpkgAnalyzer: Analyzer = {
  id: 'dpkg',
  title: 'Debian packages (dpkg status database)',
  matches: (path) => path === '/var/lib/dpkg/status' || (path.startsWith('/var/lib/dpkg/status.d/') && !path.endsWith('.md5sums')),
  alsoReads: (path) => path.startsWith('/usr/share/doc/') && path.endsWith('/copyright') && path.indexOf('/', 15) === path.length - 10,
  parse(file, context) {
    const packages: FoundPackage[] = [];
    // distroless status.d files carry no Status field: their presence means installed.
    const statusDir = file.path.startsWith('/var/lib/dpkg/status.d/');
    for (const stanza of parseStanzas(file.content.toString('utf8'))) {
      const name = stanza.get('Package');
      const version = stanza.get('Version');
      if (name === undefined || version === undefined) continue;
      const status = stanza.get('Status');
      if (status === undefined ? !statusDir : status.split(/\s+/)[2] !== 'installed') continue;
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
