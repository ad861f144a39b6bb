/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps): one run whose driver
 * lists every rule, one result per finding (suppressed ones carry `suppressions`), and the scan's
 * problems as tool execution notifications.
 */
import { defineWriter } from '../../core/writer.js';
import type { Report } from '../../model/report.js';
import { jsonChunks } from '../common/json-chunks.js';
import { checkoutBase, workingDirectory, type CheckoutBase } from '../common/checkout.js';
import { PROJECT_HOME } from '../common/project.js';
import { ruleCatalog } from '../common/rule-catalog.js';
import { notification, result, SRCROOT } from './results.js';
import { reportingDescriptor } from './rules.js';
import { imageBaseIds, vulnerabilityDescriptors } from './vulnerabilities.js';
import type { SarifLog } from './sarif-types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * The SARIF log for a report. File URIs are relative to `where`: a directory (the working
 * directory), or the CI checkout that palisade ran in (../common/checkout.ts).
 */
export function sarifLog(report: Report, where: string | CheckoutBase): SarifLog {
  const base = typeof where === 'string' ? workingDirectory(where) : where;
  const rules = ruleCatalog(report);
  const vulnerabilityDescriptor = vulnerabilityDescriptors(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const indexOf = (ruleId: string): number => {
    const index = ruleIndex.get(ruleId);
    // ruleCatalog adds every rule a finding names, so this cannot happen; fail loudly if it does.
    if (index === undefined) throw new Error(`SARIF writer: no rule descriptor for ${ruleId}`);
    return index;
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_HOME,
            rules: rules.map((rule) => vulnerabilityDescriptor(rule) ?? reportingDescriptor(rule)),
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.every((p) => p.level !== 'error'),
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: [...report.errors, ...report.notes].map((p) => notification(p, base)),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The repository checkout in CI, else the directory palisade was run from.' } }, ...imageBaseIds(report) },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, indexOf(f.ruleId), base)),
        properties: {
          reportSchemaVersion: report.schemaVersion,
          inputs: report.inputs,
          failOn: report.summary.failOn,
          failed: report.summary.failed,
          ...(report.summary.failOnPath === undefined ? {} : { failOnPath: report.summary.failOnPath, attackPaths: report.summary.attackPaths ?? 0 }),
        },
      },
    ],
  };
}

export const sarifWriter = defineWriter({
  format: 'sarif',
  description: 'SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).',
  extension: 'sarif',
  write(report) {
    return `${JSON.stringify(sarifLog(report, checkoutBase(process.env, process.cwd())), null, 2)}\n`;
  },
  *chunks(report) {
    yield* jsonChunks(sarifLog(report, checkoutBase(process.env, process.cwd())));
    yield '\n';
  },
});
