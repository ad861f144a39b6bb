/** One VEX statement, whichever format it came from (OpenVEX or CycloneDX VEX). */
export type VexStatus = 'not_affected' | 'fixed' | 'affected' | 'under_investigation';

export interface VexStatement {
  /** The vulnerability id and its aliases as the document states them. */
  readonly ids: readonly string[];
  /** Package URLs the statement is about; empty when it names only the scanned artifact. */
  readonly purls: readonly string[];
  /** True when a product without subcomponents is named: the statement covers every package in it. */
  readonly wholeProduct: boolean;
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
