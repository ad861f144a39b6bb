/**
 * The scan pipeline: configuration, inputs, rules, suppressions, gate. The CLI and every other
 * front end call this and nothing below it.
 */
import type { Problem } from '../model/problem.js';
import type { Report } from '../model/report.js';
import { REPORT_SCHEMA_VERSION } from '../model/report.js';
import type { Resource } from '../model/resource.js';
import type { Severity } from '../model/severity.js';
import { runRules } from '../core/engine.js';
import { ResourceIndex, namespaceOf } from '../core/resource-index.js';
import { applySuppressions } from '../core/suppression.js';
import { isClusterScoped } from '../lib/k8s/kinds.js';
import { loadInputs } from '../loaders/index.js';
import { loadConfig, findConfig } from '../config/load.js';
import type { PalisadeConfig } from '../config/schema.js';
import { compareFindings, countBySeverity, gateFails, type FailOn } from './gate.js';
import { selectRules } from './select-rules.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  /** Files, directories, Kustomize overlays, Helm charts, or "-" for stdin. */
  readonly paths?: readonly string[];
  /** Scan a live cluster: kubeconfig path (undefined = default chain) and context. */
  readonly cluster?: { readonly kubeconfig?: string; readonly context?: string };
  readonly helmValues?: readonly string[];
  readonly helmSet?: readonly string[];
  /** Path of .palisade.yaml; discovered upward from the first path when omitted. */
  readonly configFile?: string;
  /** Only these rule ids (or globs). */
  readonly rules?: readonly string[];
  readonly excludeRules?: readonly string[];
  /** Only resources in these namespaces (cluster-scoped resources are always kept). */
  readonly namespaces?: readonly string[];
  /** Overrides the configuration's gate. */
  readonly failOn?: FailOn;
  readonly cwd?: string;
  readonly stdin?: NodeJS.ReadableStream;
  /** Injected clock: report time and exception expiry. */
  readonly now?: Date;
}

function inNamespaces(resources: readonly Resource[], namespaces: readonly string[] | undefined): Resource[] {
  if (namespaces === undefined || namespaces.length === 0) return [...resources];
  const wanted = new Set(namespaces);
  return resources.filter((r) => isClusterScoped(r.kind) || wanted.has(namespaceOf(r)));
}

function applySeverityOverrides<T extends { ruleId: string; severity: Severity }>(findings: readonly T[], config: PalisadeConfig): T[] {
  return findings.map((f) => {
    const severity = config.rules[f.ruleId]?.severity;
    return severity === undefined ? f : { ...f, severity };
  });
}

export async function scan(options: ScanOptions = {}): Promise<Report> {
  const now = options.now ?? new Date();
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths ?? [];
  const problems: Problem[] = [];

  const configFile = options.configFile ?? findConfig(paths, cwd);
  const loadedConfig = loadConfig(configFile);
  problems.push(...loadedConfig.problems);
  const config = loadedConfig.config;

  const loaded = await loadInputs({
    paths,
    cwd,
    ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
    helm: {
      valuesFiles: [...(config.helm?.valuesFiles ?? []), ...(options.helmValues ?? [])],
      set: [...(config.helm?.set ?? []), ...(options.helmSet ?? [])],
    },
    ...(config.limits === undefined ? {} : { limits: config.limits }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  problems.push(...loaded.problems);

  const resources = inNamespaces(loaded.resources, options.namespaces ?? config.namespaces);
  const index = new ResourceIndex(resources);
  const selection = selectRules(config, options.rules, options.excludeRules);
  problems.push(...selection.problems);
  const engine = runRules(selection.runs, index);
  problems.push(...engine.problems);

  const suppressed = applySuppressions(applySeverityOverrides(engine.findings, config), resources, config.exceptions, now);
  problems.push(...suppressed.problems);
  const findings = [...suppressed.findings].sort(compareFindings);

  const failOn = options.failOn ?? config.failOn;
  const errors = problems.filter((p) => p.level !== 'note');
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'palisade', version: VERSION },
    generatedAt: now.toISOString(),
    inputs: loaded.inputs,
    summary: {
      resources: resources.length,
      inputs: loaded.inputs.length,
      findings: findings.filter((f) => !f.suppressed).length,
      suppressed: findings.filter((f) => f.suppressed).length,
      bySeverity: countBySeverity(findings),
      errors: errors.filter((p) => p.level === 'error').length,
      failOn,
      failed: gateFails(findings, failOn),
    },
    findings,
    errors,
    notes: problems.filter((p) => p.level === 'note'),
    rules: engine.rules,
    exceptions: suppressed.exceptionStatus,
  };
}
