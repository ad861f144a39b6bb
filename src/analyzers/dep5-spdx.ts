/**
 * Debian copyright short names (copyright-format 1.0, "License specification") as SPDX licence
 * identifiers. SPDX grew out of the same list, so most names differ only by spelling: a trailing
 * `+` means "or any later version" (GPL-2+ is GPL-2.0-or-later, GPL-2 is GPL-2.0-only),
 * BSD-3-clause is BSD-3-Clause, Expat is MIT, GFDL-NIV is the GFDL without invariant sections, and
 * "X with Y exception" is `X WITH Y` for the SPDX exception Y. SBOM consumers (licence policies in
 * Dependency-Track, GUAC) match identifiers, not Debian's names.
 *
 * A name with no exact counterpart (public-domain, a bare "GPL" or "Artistic" whose version the
 * file does not say, a name of the packager's own) is kept as written: the SBOM writers then carry
 * it as a name or a LicenseRef, never as a guessed identifier.
 */

/** Versions each versioned family has in SPDX, as Debian writes them (GPL-2 or GPL-2.0). */
const FAMILY_VERSIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  GPL: { '1': '1.0', '1.0': '1.0', '2': '2.0', '2.0': '2.0', '3': '3.0', '3.0': '3.0' },
  LGPL: { '2': '2.0', '2.0': '2.0', '2.1': '2.1', '3': '3.0', '3.0': '3.0' },
  AGPL: { '1': '1.0', '1.0': '1.0', '3': '3.0', '3.0': '3.0' },
  GFDL: { '1.1': '1.1', '1.2': '1.2', '1.3': '1.3' },
  'GFDL-NIV': { '1.1': '1.1', '1.2': '1.2', '1.3': '1.3' },
};

/** GPL-2, GPL-2+, GPL-2.0+, GPLv2+, LGPL-2.1+, GFDL-NIV-1.3 (case-insensitive). */
const VERSIONED = /^(A?GPL|LGPL|GFDL(?:-NIV)?)-?v?(\d(?:\.\d)?)(\+)?$/i;

/** Unversioned names and names that only differ from their SPDX identifier by spelling (keys lower case). */
const RENAMED: Readonly<Record<string, string>> = {
  'apache-1.0': 'Apache-1.0',
  'apache-1.1': 'Apache-1.1',
  'apache-2': 'Apache-2.0',
  'apache-2.0': 'Apache-2.0',
  'artistic-2.0': 'Artistic-2.0',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  'bsd-4-clause': 'BSD-4-Clause',
  'bsl-1.0': 'BSL-1.0',
  'cc0-1.0': 'CC0-1.0',
  'cddl-1.0': 'CDDL-1.0',
  'epl-1.0': 'EPL-1.0',
  'epl-2.0': 'EPL-2.0',
  expat: 'MIT',
  fsfap: 'FSFAP',
  fsful: 'FSFUL',
  fsfullr: 'FSFULLR',
  isc: 'ISC',
  mit: 'MIT',
  'mpl-1.1': 'MPL-1.1',
  'mpl-2.0': 'MPL-2.0',
  'psf-2': 'PSF-2.0',
  'python-2.0': 'Python-2.0',
  sleepycat: 'Sleepycat',
  unlicense: 'Unlicense',
  x11: 'X11',
  'zope-2.1': 'ZPL-2.1',
  zlib: 'Zlib',
};

/** Exceptions by the name Debian gives them after "with", per licence major version where SPDX splits them. */
const EXCEPTIONS: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  autoconf: { '2.0': 'Autoconf-exception-2.0', '3.0': 'Autoconf-exception-3.0' },
  bison: 'Bison-exception-2.2',
  classpath: 'Classpath-exception-2.0',
  font: 'Font-exception-2.0',
  'gcc-exception-3.1': 'GCC-exception-3.1',
  libtool: 'Libtool-exception',
  'linux-syscall-note': 'Linux-syscall-note',
  llvm: 'LLVM-exception',
  texinfo: 'Texinfo-exception',
};

/** `X with Y exception` (the trailing "exception" is often left out). */
const WITH = /^(.+?)\s+with\s+(.+?)(?:\s+exception)?$/i;

/** The SPDX identifier (or `ID WITH EXCEPTION` expression) of a Debian short name, or the name unchanged. */
export function debianLicenseToSpdx(name: string): string {
  return licenseId(name) ?? withException(name) ?? name;
}

function licenseId(name: string): string | undefined {
  const renamed = RENAMED[name.toLowerCase()];
  if (renamed !== undefined) return renamed;
  const versioned = VERSIONED.exec(name);
  if (versioned === null) return undefined;
  const family = (versioned[1] ?? '').toUpperCase();
  const version = FAMILY_VERSIONS[family]?.[versioned[2] ?? ''];
  if (version === undefined) return undefined;
  const later = versioned[3] === '+' ? 'or-later' : 'only';
  return family === 'GFDL-NIV' ? `GFDL-${version}-no-invariants-${later}` : `${family}-${version}-${later}`;
}

function withException(name: string): string | undefined {
  const match = WITH.exec(name);
  if (match === null) return undefined;
  const base = licenseId(match[1] ?? '');
  const exception = EXCEPTIONS[(match[2] ?? '').toLowerCase()];
  if (base === undefined || exception === undefined) return undefined;
  // The version an exception is split by is the licence's own: GPL-3.0-or-later is 3.0.
  const id = typeof exception === 'string' ? exception : exception[/-(\d\.\d)-/.exec(base)?.[1] ?? ''];
  return id === undefined ? undefined : `${base} WITH ${id}`;
}
