/**
 * `palisade image scan`: one image as a Report, the same document every writer renders and every
 * gate reads. Vulnerabilities (explained, VEX applied), secrets (redacted), exceptions from
 * .palisade.yaml, and the `--fail-on` gate.
 */
import { PalisadeError } from '../core/errors.js';
import { runRules } from '../core/engine.js';
import { ResourceIndex } from '../core/resource-index.js';
import { applySuppressions } from '../core/suppression.js';
import { vulnProblem } from '../vuln/problems.js';
import { applySeverityOverrides, findConfig, resolveConfig, type FailOn } from '../config/index.js';
import { IMAGE_CONFIG_KIND } from '../loaders/image-config/index.js';
import type { Resource } from '../model/resource.js';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import { REPORT_SCHEMA_VERSION, type ImageScanSummary, type Report } from '../model/report.js';
import { compareFindings, countBySeverity, gateFails } from './gate.js';
import { dropConfigSecrets, imageFindings, type ImageFindingsOptions } from './image-scan-findings.js';
import { selectScanRules } from './select-rules.js';
import { renderSbom, type InventoryResult } from './image.js';
import { VERSION } from './version.js';

export interface ImageScanOptions extends ImageFindingsOptions {
  /** Overrides the configuration's gate (default high). */
  readonly failOn?: FailOn;
  /** .palisade.yaml for exceptions and the gate; discovered upward from `cwd` when omitted. */
  readonly configFile?: string;
  readonly cwd?: string;
  /** Injected clock: report time and exception expiry. */
  readonly now?: Date;
}

export interface ImageScanResult {
  readonly report: Report;
  /** What reading took (for a front end that prints it). */
  readonly stats: InventoryResult['stats'];
}

/** Throws PalisadeError when the image cannot be read safely or a VEX file is invalid. */
export async function scanImage(target: string, options: ImageScanOptions = {}): Promise<ImageScanResult> {
  const now = options.now ?? new Date();
  const cwd = options.cwd ?? process.cwd();
  const resolved = resolveConfig({
    file: options.configFile ?? findConfig([], cwd),
    env: options.env ?? {},
    flags: options.failOn === undefined ? {} : { failOn: options.failOn },
  });
  const image = await imageFindings(target, options);
  // The image-configuration rules of the registry (runs as root, no HEALTHCHECK, secrets in ENV...)
  // judge the image's ImageConfig resource, with the configuration's rule settings.
  const selection = selectScanRules(resolved);
  const resources: Resource[] = image.configResource === undefined ? [] : [image.configResource];
  const runs = selection.runs.filter(({ rule }) => rule.target !== 'workload' && rule.target.kinds.includes(IMAGE_CONFIG_KIND));
  const engine = runRules(resources.length === 0 ? [] : runs, new ResourceIndex(resources));
  const ruleFindings = applySeverityOverrides(engine.findings, selection.severityOverrides);
  const suppressed = applySuppressions([...dropConfigSecrets(image.findings, ruleFindings), ...ruleFindings], resources, resolved.config.exceptions, now, {
    locateException: (index) => resolved.locate(['exceptions', index]),
  });
  const report = assembleImageReport({
    now,
    inputs: [target],
    findings: suppressed.findings,
    problems: [...resolved.problems, ...selection.problems, ...image.problems, ...engine.problems, ...suppressed.problems],
    rules: engine.rules,
    images: [image.summary],
    exceptions: suppressed.exceptionStatus,
    failOn: resolved.config.failOn,
  });
  return { report, stats: image.stats };
}

interface ImageReportParts {
  readonly now: Date;
  readonly inputs: readonly string[];
  readonly findings: readonly Finding[];
  readonly problems: readonly Problem[];
  readonly images: readonly ImageScanSummary[];
  readonly exceptions: Report['exceptions'];
  readonly failOn: FailOn;
  readonly rules: Report['rules'];
}

function assembleImageReport(parts: ImageReportParts): Report {
  const findings = [...parts.findings].sort(compareFindings);
  const errors = parts.problems.filter((p) => p.level !== 'note');
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'palisade', version: VERSION },
    generatedAt: parts.now.toISOString(),
    inputs: parts.inputs,
    summary: {
      resources: parts.images.length,
      inputs: parts.inputs.length,
      findings: findings.filter((f) => !f.suppressed).length,
      suppressed: findings.filter((f) => f.suppressed).length,
      bySeverity: countBySeverity(findings),
      errors: errors.filter((p) => p.level === 'error').length,
      failOn: parts.failOn,
      failed: gateFails(findings, parts.failOn),
    },
    findings,
    errors,
    notes: parts.problems.filter((p) => p.level === 'note'),
    rules: parts.rules,
    exceptions: parts.exceptions,
    images: parts.images,
  };
}

export interface VulnerabilitySbomOptions extends ImageFindingsOptions {
  /** Injected clock and serial number for reproducible documents. */
  readonly now?: () => Date;
  readonly id?: string;
}

/**
 * A CycloneDX 1.6 SBOM with the `vulnerabilities` section: the image's packages matched against
 * the store (VEX statements become each vulnerability's analysis). Asking for vulnerabilities
 * without a store is an error here (db-missing): an SBOM that silently lacks them would read as
 * "none found".
 */
export async function vulnerabilitySbom(target: string, options: VulnerabilitySbomOptions = {}): Promise<string> {
  const image = await imageFindings(target, { ...options, secrets: false });
  const vulns = image.summary.vulnerabilities;
  if (!vulns.checked) {
    const cause = image.problems.find((p) => p.level === 'error' && p.code.startsWith('db-'));
    throw new PalisadeError(cause ?? vulnProblem('db-missing', `${vulns.reason}: the SBOM cannot list vulnerabilities`));
  }
  return renderSbom(image.inventory, 'cyclonedx', {
    vulnerabilities: image.findings.filter((f) => f.vulnerability !== undefined),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.id === undefined ? {} : { id: options.id }),
  });
}
