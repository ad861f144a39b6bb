/** One VEX statement, whichever format it came from (OpenVEX or CycloneDX VEX). */
export type VexStatus = 'not_affected' | 'fixed' | 'affected' | 'under_investigation';

export interface VexStatement {
  /** The vulnerability id and its aliases as the document states them. */
  readonly ids: readonly string[];
  /** Package URLs the statement is about; empty when it names only the scanned artifact. */
  readonly purls: readonly string[];
  /** True when a product without subcomponents is named: the statement covers every package in it. */
  readonly wholeProduct: boolean;
  /**
   * The image digests ("sha256:...") of the image products named (pkg:oci/app@sha256:...): the
   * statement is about those images only. Absent when it names no image, or one without a digest.
   */
  readonly imageDigests?: readonly string[];
  readonly status: VexStatus;
  readonly justification?: string;
  readonly detail?: string;
  /** The document it came from, for the suppression's `source`. */
  readonly source: string;
  /** ISO time; later statements override earlier ones about the same vulnerability and product. */
  readonly timestamp?: string;
}

/** Statuses that suppress a finding: the supplier says the package is not exploitable. */
export function suppresses(status: VexStatus): boolean {
  return status === 'not_affected' || status === 'fixed';
}

/** Images (pkg:oci, pkg:docker) are products; anything else names a package. */
export function isImagePurl(purl: string): boolean {
  return /^pkg:(oci|docker)\//i.test(purl);
}

/**
 * The digests of the images `purls` name, or undefined when one names no digest (a tag, or none)
 * and so could be any image: pkg:oci/app@sha256%3Aabc -> sha256:abc.
 */
export function imageDigestsOf(purls: readonly string[]): string[] | undefined {
  const images = purls.filter(isImagePurl);
  if (images.length === 0) return undefined;
  const digests: string[] = [];
  for (const purl of images) {
    const bare = (purl.split('#', 1)[0] ?? '').split('?', 1)[0] ?? '';
    const at = bare.lastIndexOf('@');
    const version = at < 0 ? '' : safeDecode(bare.slice(at + 1));
    if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/i.test(version)) return undefined;
    digests.push(version.toLowerCase());
  }
  return digests;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
