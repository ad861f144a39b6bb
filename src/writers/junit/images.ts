/**
 * The checks an image scan ran, as test cases: per image, whether its vulnerabilities were
 * matched and its layers searched for secrets. Findings already fail in their own suites; these
 * cases make a clean image scan a passing run rather than an empty report (Jenkins' junit step
 * fails a build whose reports hold no test, GitLab shows "0 tests"), and a check that did not run
 * (no advisory store, --no-secrets) shows as skipped instead of passing silently.
 */
import type { ImageScanSummary, Report } from '../../model/report.js';
import { element, textElement } from './xml.js';

export const IMAGE_SUITE = 'palisade-images';

export interface ImageSuite {
  readonly lines: string[];
  readonly totals: { tests: number; failures: number; errors: number; skipped: number };
}

function vulnerabilityCase(image: ImageScanSummary): string[] {
  const attrs = { classname: IMAGE_SUITE, name: `vulnerabilities: Image/${image.reference}` };
  const checked = image.vulnerabilities;
  if (!checked.checked) return element('    ', 'testcase', attrs, element('      ', 'skipped', { message: `not checked: ${checked.reason}` }));
  const text = `${String(checked.matched)} matched in ${String(image.packages)} packages against ${checked.store}`;
  return element('    ', 'testcase', attrs, [textElement('      ', 'system-out', {}, text)]);
}

function secretCase(image: ImageScanSummary): string[] {
  const attrs = { classname: IMAGE_SUITE, name: `secrets: Image/${image.reference}` };
  return image.secretsChecked ? element('    ', 'testcase', attrs) : element('    ', 'testcase', attrs, element('      ', 'skipped', { message: 'not searched' }));
}

export function imageSuite(report: Report): ImageSuite | undefined {
  const images = report.images ?? [];
  if (images.length === 0) return undefined;
  const cases = images.flatMap((image) => [...vulnerabilityCase(image), ...secretCase(image)]);
  const skipped = images.filter((i) => !i.vulnerabilities.checked).length + images.filter((i) => !i.secretsChecked).length;
  const totals = { tests: images.length * 2, failures: 0, errors: 0, skipped };
  return { lines: element('  ', 'testsuite', { name: IMAGE_SUITE, ...totals, timestamp: report.generatedAt }, cases), totals };
}
