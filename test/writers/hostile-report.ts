/**
 * The sample report with attacker-controlled strings where a manifest can put them: resource
 * names, namespaces, messages and file names carrying markup, script terminators, ANSI escapes,
 * XML-forbidden control characters, Markdown table breakers and lone surrogates.
 */
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { SAMPLE_REPORT } from './sample-report.js';

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_NAMESPACE = '"><svg onload=alert(2)>';
export const HOSTILE_MESSAGE = 'bad </script><script>alert(3)</script> | `code` \u001b[31mred\u001b[0m \u0000nul \u0007bell\nnew line <!-- & \ud800';

function hostile(finding: Finding, index: number): Finding {
  if (index === 0) return { ...finding, resource: { ...finding.resource, name: HOSTILE_NAME, namespace: HOSTILE_NAMESPACE }, message: HOSTILE_MESSAGE };
  if (index === 2) return { ...finding, location: { ...finding.location, file: 'deploy/<b>evil</b> "quoted" & (paren).yaml' } };
  return finding;
}

export const HOSTILE_REPORT: Report = {
  ...SAMPLE_REPORT,
  inputs: [...SAMPLE_REPORT.inputs, '<script>alert(4)</script>'],
  findings: SAMPLE_REPORT.findings.map(hostile),
  errors: [...SAMPLE_REPORT.errors, { code: 'yaml-syntax', level: 'error', message: `unexpected ${HOSTILE_NAME}`, file: 'x<y>.yaml', line: 2, column: 1 }],
};
