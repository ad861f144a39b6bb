/**
 * Alpine, Wolfi and Chainguard packages from the apk installed database: records of "K:value"
 * lines separated by blank lines (P name, V version, A arch, L licence, o origin = source package).
 * The database is /lib/apk/db/installed, or /usr/lib/apk/db/installed in usr-merged images (apko
 * builds Wolfi and Chainguard images so since 2025, with /lib a link to usr/lib; apk-tools 3
 * defaults to it), where the file system holds it under its /usr path only.
 */
import { type Analyzer, type FoundPackage, MAX_PACKAGES_PER_DATABASE, packageLimitReached } from './analyzer.js';
import { linesOf } from './stanzas.js';
import { distroQualifier, purl } from './purl.js';

const LIB_DATABASE = '/lib/apk/db/installed';
const USR_DATABASE = '/usr/lib/apk/db/installed';

export const apkAnalyzer: Analyzer = {
  id: 'apk',
  title: 'Alpine packages (apk installed database)',
  matches: (path) => path === LIB_DATABASE || path === USR_DATABASE,
  parse(file, context) {
    // apk-tools 3 uses /lib/apk/db when it exists: a /usr one beside a real /lib one is not in use.
    const lib = context.realPath?.(LIB_DATABASE);
    if (file.path === USR_DATABASE && lib !== undefined && lib !== USR_DATABASE) return [];
    const packages: FoundPackage[] = [];
    for (const fields of records(file.content.toString('utf8'))) {
      const name = fields.get('P');
      const version = fields.get('V');
      if (name === undefined || version === undefined) continue;
      if (packages.length === MAX_PACKAGES_PER_DATABASE) {
        packageLimitReached(context);
        break;
      }
      const arch = fields.get('A');
      const license = fields.get('L');
      const origin = fields.get('o');
      packages.push({
        name, version, ecosystem: 'apk',
        licenses: license === undefined || license === '' ? [] : [license],
        source: { name: origin ?? name, version },
        ...(arch === undefined ? {} : { arch }),
        purl: purl({ type: 'apk', namespace: context.os?.id ?? 'alpine', name, version, qualifiers: { arch, distro: distroQualifier(context.os) } }),
      });
    }
    return packages;
  },
};

/** The keys read; the file lists (F, R, Z) that make most of the database are skipped. */
const KEYS: ReadonlySet<string> = new Set(['P', 'V', 'A', 'L', 'o']);

/** The records of the database one at a time, each as its first value of every key read. */
function* records(text: string): Generator<ReadonlyMap<string, string>> {
  let fields = new Map<string, string>();
  for (const line of linesOf(text)) {
    if (line.trim() === '') {
      if (fields.size > 0) yield fields;
      fields = new Map();
      continue;
    }
    const key = line[0] ?? '';
    if (line.length > 2 && line[1] === ':' && KEYS.has(key) && !fields.has(key)) fields.set(key, line.slice(2));
  }
  if (fields.size > 0) yield fields;
}
