/**
 * Alpine packages from /lib/apk/db/installed: records of "K:value" lines separated by blank lines
 * (P name, V version, A arch, L licence, o origin = source package).
 */
import type { Analyzer, FoundPackage } from './analyzer.js';
import { distroQualifier, purl } from './purl.js';

export const apkAnalyzer: Analyzer = {
  id: 'apk',
  title: 'Alpine packages (apk installed database)',
  matches: (path) => path === '/lib/apk/db/installed',
  parse(file, context) {
    const packages: FoundPackage[] = [];
    for (const record of file.content.toString('utf8').split(/\n\s*\n/)) {
      const fields = new Map<string, string>();
      for (const line of record.split('\n')) {
        if (line.length > 2 && line[1] === ':' && !fields.has(line[0] ?? '')) fields.set(line[0] ?? '', line.slice(2));
      }
      const name = fields.get('P');
      const version = fields.get('V');
      if (name === undefined || version === undefined) continue;
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
