/** Platforms as `--platform` names them: os/arch[/variant], defaulting to the host's. */
import { ImageError } from './problems.js';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

const NODE_TO_OCI_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

export function hostPlatform(): Platform {
  return { os: 'linux', architecture: NODE_TO_OCI_ARCH[process.arch] ?? process.arch };
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.split('/');
  if (os === undefined || os === '' || architecture === undefined || architecture === '' || extra !== undefined) {
    throw new ImageError('image-not-found', `--platform "${text}" is not os/arch[/variant], e.g. linux/arm64`);
  }
  return { os, architecture, ...(variant === undefined || variant === '' ? {} : { variant }) };
}

export function formatPlatform(p: { os: string; architecture: string; variant?: string | undefined }): string {
  return `${p.os}/${p.architecture}${p.variant === undefined ? '' : `/${p.variant}`}`;
}

export function platformMatches(want: Platform, have: { os: string; architecture: string; variant?: string | undefined }): boolean {
  return want.os === have.os && want.architecture === have.architecture && (want.variant === undefined || want.variant === have.variant);
}

/** The manifest of an index for `want` (the host platform by default); a coded error lists what there is. */
export function chooseManifest<T extends { platform?: { os: string; architecture: string; variant?: string | undefined } | undefined }>(manifests: readonly T[], want: Platform | undefined, label: string): T {
  const platform = want ?? hostPlatform();
  const found = manifests.find((m) => m.platform !== undefined && platformMatches(platform, m.platform));
  if (found === undefined) {
    const have = manifests.flatMap((m) => (m.platform === undefined ? [] : [formatPlatform(m.platform)]));
    throw new ImageError('image-not-found', `${label}: no image for ${formatPlatform(platform)} (available: ${have.join(', ')}); choose one with --platform`);
  }
  return found;
}
