/**
 * Platforms as `--platform` names them: os/arch[/variant], defaulting to the host's, and chosen
 * from an index the way containerd does (platforms.Normalize and platforms.Only):
 * - names are normalised: x86_64 is amd64, aarch64 is arm64, arm64/v8 is arm64, arm alone is
 *   arm/v7, armhf is arm/v7, armel is arm/v6, amd64/v1 is amd64;
 * - a variant accepts older ones of the same architecture, best first: arm/v7 takes v7, then v6,
 *   then v5; amd64/v3 takes v3, v2, then plain amd64; arm64/v9 takes v9, then arm64;
 * - BuildKit's attestation manifests (platform unknown/unknown) are never an image to scan;
 * - an OS version (Windows images list one per build) is asked as os(VERSION)/arch, containerd's form.
 */
import { ImageError } from './problems.js';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  /** The OS version wanted (Windows builds: 10.0.20348), written os(VERSION)/arch as containerd does. */
  readonly osVersion?: string;
}

/** A platform as indexes and configs write it (OCI image-index: `os.version`). */
type PlatformLike = { readonly os: string; readonly architecture: string; readonly variant?: string | undefined; readonly 'os.version'?: string | undefined };

const NODE_TO_OCI_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
/** Older variants an architecture's variant also runs, newest first. */
const VARIANT_ORDER: Readonly<Record<string, readonly string[]>> = { arm: ['v8', 'v7', 'v6', 'v5'], amd64: ['v4', 'v3', 'v2', ''], arm64: ['v9', ''] };

export function hostPlatform(): Platform {
  const architecture = NODE_TO_OCI_ARCH[process.arch] ?? process.arch;
  const armVersion = (process.config.variables as { arm_version?: unknown }).arm_version;
  return { os: 'linux', architecture, ...(architecture === 'arm' && typeof armVersion === 'string' && armVersion !== '' ? { variant: `v${armVersion}` } : {}) };
}

export function parsePlatform(text: string): Platform {
  const [osPart, architecture, variant, extra] = text.split('/');
  // containerd's os(osversion) form: windows(10.0.20348)/amd64.
  const osMatch = /^([^()]+)(?:\(([^()]*)\))?$/.exec(osPart ?? '');
  const os = osMatch?.[1];
  const osVersion = osMatch?.[2];
  if (os === undefined || architecture === undefined || architecture === '' || extra !== undefined) {
    throw new ImageError('image-not-found', `--platform "${text}" is not os[(version)]/arch[/variant], e.g. linux/arm64 or windows(10.0.20348)/amd64`);
  }
  return { os, architecture, ...(variant === undefined || variant === '' ? {} : { variant }), ...(osVersion === undefined || osVersion === '' ? {} : { osVersion }) };
}

export function formatPlatform(p: PlatformLike | Platform): string {
  const version = 'osVersion' in p ? p.osVersion : 'os.version' in p ? p['os.version'] : undefined;
  return `${p.os}${version === undefined || version === '' ? '' : `(${version})`}/${p.architecture}${p.variant === undefined || p.variant === '' ? '' : `/${p.variant}`}`;
}

/** containerd's normal form; the variant is '' when the architecture has none (or its baseline). */
export function normalizePlatform(p: PlatformLike): { os: string; architecture: string; variant: string } {
  const os = p.os.toLowerCase();
  let architecture = p.architecture.toLowerCase();
  let variant = (p.variant ?? '').toLowerCase();
  if (architecture === 'x86_64' || architecture === 'x86-64') architecture = 'amd64';
  else if (architecture === 'i386') architecture = '386';
  else if (architecture === 'aarch64') architecture = 'arm64';
  else if (architecture === 'armhf') [architecture, variant] = ['arm', 'v7'];
  else if (architecture === 'armel') [architecture, variant] = ['arm', 'v6'];
  if (/^\d/.test(variant)) variant = `v${variant.replace(/\.0$/, '')}`;
  if (architecture === 'amd64' && variant === 'v1') variant = '';
  if (architecture === 'arm64' && (variant === 'v8' || variant === 'v8.0')) variant = '';
  if (architecture === 'arm' && variant === '') variant = 'v7';
  return { os, architecture, variant };
}

/** How well `have` suits `want`: 0 is exact, higher is an older compatible variant, undefined is no match. */
export function platformRank(want: Platform, have: PlatformLike): number | undefined {
  const w = normalizePlatform(want);
  const h = normalizePlatform(have);
  if (w.os !== h.os || w.architecture !== h.architecture) return undefined;
  if (!osVersionMatches(want.osVersion, have['os.version'])) return undefined;
  if (w.variant === h.variant) return 0;
  const order = VARIANT_ORDER[w.architecture];
  if (order === undefined) return want.variant === undefined || want.variant === '' ? 1 : undefined;
  const from = order.indexOf(w.variant);
  const at = order.indexOf(h.variant);
  return from !== -1 && at > from ? at - from : undefined;
}

/**
 * A wanted OS version matches one that starts with its components (10.0.20348 is 10.0.20348.2340,
 * the build a Windows host runs); none wanted matches any. An image that names none matches.
 */
function osVersionMatches(want: string | undefined, have: string | undefined): boolean {
  if (want === undefined || have === undefined || have === '') return true;
  return have === want || have.startsWith(`${want}.`);
}

export function platformMatches(want: Platform, have: PlatformLike): boolean {
  return platformRank(want, have) !== undefined;
}

/** The manifest of an index for `want` (the host platform by default); a coded error lists what there is. */
export function chooseManifest<T extends { platform?: PlatformLike | undefined }>(manifests: readonly T[], want: Platform | undefined, label: string): T {
  const platform = want ?? hostPlatform();
  // An index of one entry naming no platform (an index wrapping another index) has nothing to choose.
  const listed = manifests.filter((m) => m.platform === undefined || !isAttestation(m.platform));
  const [single] = listed;
  if (listed.length === 1 && single !== undefined && single.platform === undefined) return single;
  let best: { manifest: T; rank: number } | undefined;
  for (const manifest of manifests) {
    if (manifest.platform === undefined || isAttestation(manifest.platform)) continue;
    const rank = platformRank(platform, manifest.platform);
    if (rank !== undefined && (best === undefined || rank < best.rank)) best = { manifest, rank };
  }
  if (best === undefined) {
    const have = manifests.flatMap((m) => (m.platform === undefined || isAttestation(m.platform) ? [] : [formatPlatform(m.platform)]));
    throw new ImageError('image-not-found', `${label}: no image for ${formatPlatform(platform)} (available: ${have.join(', ') || 'none'}); choose one with --platform`);
  }
  return best.manifest;
}

function isAttestation(p: PlatformLike): boolean {
  return p.os === 'unknown' && p.architecture === 'unknown';
}
