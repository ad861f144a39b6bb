/**
 * How many secrets an image holds, as every writer prints it. A file's secrets are listed up to a
 * limit per rule and the rest are one finding that counts them ("1,990 more values not listed"),
 * so counting findings would say 11 where the file holds 2,000 keys: the count is of values, and
 * the number of findings is said too when it differs.
 */
import type { Finding } from '../../model/finding.js';
import { secretValueCount } from '../../model/package.js';
import type { ImageScanSummary } from '../../model/report.js';

/** The image-configuration rule that reports secrets in ENV, labels and history (instead of the secret scan, same place once). */
const CONFIG_SECRET_RULE = 'image-secret-in-config';

export interface SecretCount {
  /** Distinct values found (per rule and file), listed or only counted. */
  readonly values: number;
  readonly findings: number;
}

/** The secret findings among `findings`, whatever image they are about. */
export function secretCount(findings: readonly Finding[]): SecretCount {
  let values = 0;
  let count = 0;
  for (const f of findings) {
    if (f.secret === undefined) continue;
    values += secretValueCount(f.secret);
    count += 1;
  }
  return { values, findings: count };
}

/** One image's secrets: the secret scan's findings about it and the configuration rule's about its configuration. */
export function imageSecretCount(image: ImageScanSummary, findings: readonly Finding[]): SecretCount {
  const scanned = secretCount(findings.filter((f) => f.resource.name === image.reference));
  const inConfig = findings.filter((f) => f.ruleId === CONFIG_SECRET_RULE && f.resource.kind === 'ImageConfig' && f.resource.name === image.target).length;
  return { values: scanned.values + inConfig, findings: scanned.findings + inConfig };
}

/** "3", or "2,000 values in 11 findings" when some values are counted but not listed. */
export function secretCountText({ values, findings }: SecretCount): string {
  if (values === findings) return values.toLocaleString('en-US');
  return `${values.toLocaleString('en-US')} values in ${findings.toLocaleString('en-US')} ${findings === 1 ? 'finding' : 'findings'}`;
}
