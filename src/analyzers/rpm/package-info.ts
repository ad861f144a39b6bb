/**
 * What an installed rpm header says about its package: the tags rpm -q prints for
 * %{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{ARCH} %{SOURCERPM} %{LICENSE} %{VENDOR}.
 */
import { type RpmHeader, RpmHeaderError } from './header.js';

/** Tag numbers from rpm's rpmtag.h. */
export const TAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  SOURCERPM: 1044,
} as const;

export interface RpmPackageInfo {
  readonly name: string;
  /** Absent when the package declares no Epoch (rpm prints "(none)"; it compares as 0). */
  readonly epoch?: number;
  readonly version: string;
  readonly release: string;
  /** Absent for gpg-pubkey pseudo-packages, which carry no architecture. */
  readonly arch?: string;
  /** The source rpm's name and version-release, from its file name ("bash-5.1.8-6.el9.src.rpm"). */
  readonly source?: { readonly name: string; readonly version: string; readonly release: string };
  readonly license?: string;
  readonly vendor?: string;
}

export function packageInfo(header: RpmHeader): RpmPackageInfo {
  const name = header.string(TAG.NAME);
  const version = header.string(TAG.VERSION);
  const release = header.string(TAG.RELEASE);
  if (name === undefined || name === '' || version === undefined || release === undefined) {
    throw new RpmHeaderError('header lacks a NAME, VERSION or RELEASE tag');
  }
  const epoch = header.int32s(TAG.EPOCH)?.[0];
  const arch = header.string(TAG.ARCH);
  const source = parseSourceRpm(header.string(TAG.SOURCERPM));
  const license = header.string(TAG.LICENSE);
  const vendor = header.string(TAG.VENDOR);
  return {
    name, version, release,
    ...(epoch === undefined ? {} : { epoch }),
    ...(arch === undefined ? {} : { arch }),
    ...(source === undefined ? {} : { source }),
    ...(license === undefined || license === '' ? {} : { license }),
    ...(vendor === undefined || vendor === '' ? {} : { vendor }),
  };
}

/**
 * "NAME-VERSION-RELEASE.src.rpm" (or .nosrc.rpm for packages built without shipping their
 * sources). Names may contain '-', versions and releases may not, so the last two hyphens split it.
 */
export function parseSourceRpm(file: string | undefined): RpmPackageInfo['source'] {
  if (file === undefined) return undefined;
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  return { name: match[1], version: match[2], release: match[3] };
}
