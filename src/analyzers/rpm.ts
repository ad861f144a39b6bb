/**
 * RPM databases are recognised but not read yet: the SQLite (rpmdb.sqlite), BerkeleyDB
 * (Packages) and ndb (Packages.db) formats all hold binary rpm headers. Saying so clearly beats
 * an inventory that silently lacks the OS packages.
 */
import { type Analyzer, UnsupportedFormat } from './analyzer.js';

const DATABASES: Readonly<Record<string, string>> = {
  Packages: 'BerkeleyDB',
  'Packages.db': 'ndb',
  'rpmdb.sqlite': 'SQLite',
};

export const rpmAnalyzer: Analyzer = {
  id: 'rpm',
  title: 'RPM packages (recognised, not yet read)',
  matches: (path) => /^\/(var\/lib\/rpm|usr\/lib\/sysimage\/rpm)\/(Packages|Packages\.db|rpmdb\.sqlite)$/.test(path),
  parse(file) {
    const format = DATABASES[file.path.slice(file.path.lastIndexOf('/') + 1)] ?? 'unknown';
    throw new UnsupportedFormat(`${file.path} is an RPM database (${format} format); reading RPM databases is not supported yet, so this image's OS packages are not inventoried`);
  },
};
