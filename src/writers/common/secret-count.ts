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
  /** Of the findings, how many an exception or annotation suppressed. */
  readonly suppressed: number;
}

function add(count: SecretCount, finding: Finding): SecretCount {
  return {
    values: count.values + (finding.secret === undefined ? 1 : secretValueCount(finding.secret)),
    findings: count.findings + 1,
    suppressed: count.suppressed + (finding.suppressed ? 1 : 0),
  };
}

const NONE: SecretCount = { values: 0, findings: 0, suppressed: 0 };

/** The secret findings among `findings`, whatever image they are about. */
export function secretCount(findings: readonly Finding[]): SecretCount {
  return findings.filter((f) => f.secret !== undefined).reduce(add, NONE);
}

/** One image's secrets: the secret scan's findings about it and the configuration rule's about its configuration. */
export function imageSecretCount(image: ImageScanSummary, findings: readonly Finding[]): SecretCount {
  const mine = findings.filter((f) => (f.secret !== undefined && f.resource.name === image.reference) || (f.ruleId === CONFIG_SECRET_RULE && f.resource.kind === 'ImageConfig' && f.resource.name === image.target));
  return mine.reduce(add, NONE);
}

/**
 * "3", or "2,000 values in 11 findings" when some values are counted but not listed; with
 * "(N suppressed)" when exceptions cover some, as the vulnerability count says it.
 */
export function secretCountText({ values, findings, suppressed }: SecretCount): string {
  const count = values === findings
    ? values.toLocaleString('en-US')
    : `${values.toLocaleString('en-US')} values in ${findings.toLocaleString('en-US')} ${findings === 1 ? 'finding' : 'findings'}`;
  return suppressed === 0 ? count : `${count} (${suppressed.toLocaleString('en-US')} suppressed)`;
}
