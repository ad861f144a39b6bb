/**
 * The scan pipeline: configuration, inputs, rules, suppressions, gate. The CLI and every other
 * front end call this and nothing below it.
 */
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';
import { problem } from '../core/errors.js';
import { locate } from '../core/locate.js';
import { miscasedKind } from '../lib/k8s/kinds.js';
import type { Report } from '../model/report.js';
import { REPORT_SCHEMA_VERSION } from '../model/report.js';
import { runRules } from '../core/engine.js';
import { ResourceIndex } from '../core/resource-index.js';
import { loadInputs, noInput } from '../loaders/index.js';
import { findConfig, literalNamespaces, namespaceFilter, resolveConfig, unmatchedNamespaces, type FailOn, type PalisadeConfig } from '../config/index.js';
import { compareFindings, countBySeverity, gateFails } from './gate.js';
import { refusedPolicyProblems } from './netpol.js';
import { scanAttackPaths, type ScanAttackSettings } from './scan-attack.js';
import { selectScanRules } from './select-rules.js';
import { settleFindings } from './settle-findings.js';
import { complianceOf, controlPlaneComponents, frameworkRules, planFramework } from './compliance.js';
import { VERSION } from './version.js';
import { isImageTarget, scanImageTargets, workloadImageTargets } from './image-scan-targets.js';
import { dropConfigSecrets, type ImageFindingsOptions } from './image-scan-findings.js';

export interface ScanOptions {
  /** Files, directories, Kustomize overlays, Helm charts, or "-" for stdin. */
  readonly paths?: readonly string[];
  /** Scan a live cluster: kubeconfig path (undefined = default chain) and context. */
  readonly cluster?: { readonly kubeconfig?: string; readonly context?: string };
  /** Helm values files and --set values, added to those of the configuration. */
  readonly helmValues?: readonly string[];
  readonly helmSet?: readonly string[];
  /** Path of .palisade.yaml; discovered upward from the first path when omitted. */
  readonly configFile?: string;
  /** Only these rule ids (or globs). */
  readonly rules?: readonly string[];
  readonly excludeRules?: readonly string[];
  /** Only resources in these namespaces (globs; cluster-scoped resources are always kept). */
  readonly namespaces?: readonly string[];
  /** Overrides the configuration's gate. */
  readonly failOn?: FailOn;
  /** Fail the run when any attack path exists (overrides `attackPaths.failOnPath`). */
  readonly failOnPath?: boolean;
  /** Run only this framework's rules and add its compliance section to the report (`palisade frameworks list`). */
  readonly framework?: string;
  /** Pod Security Standards policy version of pss-baseline and pss-restricted: `latest` or `v1.<minor>`. */
  readonly pssVersion?: string;
  /**
   * Further configuration settings by their option key (see `palisade config print` and
   * docs/configuration.md), e.g. { limitsMaxFileBytes: 1e6 }: the flag layer of the configuration.
   */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Environment for PALISADE_* settings; the SDK reads none unless given (the CLI passes process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly stdin?: NodeJS.ReadableStream;
  /** Injected clock: report time and exception expiry. */
  readonly now?: Date;
  /**
   * How image targets among `paths` (oci:DIR, oci-archive:FILE, docker://REF, a tar, an OCI layout)
   * are scanned: advisory store, VEX files, --ignore-unfixed, secrets, registry options.
   */
  readonly images?: ImageFindingsOptions;
  /** Also scan the images the workloads reference (docker://, at most 200), into the same report. */
  readonly scanWorkloadImages?: boolean;
  /** Progress of a long scan, for front ends that show it (the CLI does on a terminal). */
  readonly onProgress?: (progress: ScanProgress) => void;
}

export type ScanProgress =
  | { readonly phase: 'load' }
  | { readonly phase: 'rules'; readonly done: number; readonly total: number; readonly resources: number }
  | { readonly phase: 'report' };

/** The typed options that are also configuration settings, as the flag layer. */
/** Kinds that differ from a built-in kind only in case ("pod"): the API server would reject them. */
function kindProblems(resources: readonly Resource[]): Problem[] {
  return resources.flatMap((resource) => {
    const meant = miscasedKind(resource.kind);
    if (meant === undefined) return [];
    const { file, line, column } = locate(resource, '/kind');
    return [problem('unknown-kind', `unknown kind "${resource.kind}" (did you mean "${meant}"?): no rule checks it`, { file, line, column })];
  });
}

function attackSettings(settings: PalisadeConfig['attackPaths'], crownJewels: PalisadeConfig['crownJewels']): ScanAttackSettings {
  return {
    enabled: settings.enabled,
    ...(crownJewels === undefined ? {} : { jewelSelectors: crownJewels }),
    failOnPath: settings.failOnPath,
    ...(settings.entries === undefined ? {} : { from: settings.entries }),
    ...(settings.jewels === undefined ? {} : { to: settings.jewels }),
  };
}

/** The flag layer of the configuration: typed options over free settings (the early option checks build it too). */
export function flagLayer(options: ScanOptions): Record<string, unknown> {
  const flags: Record<string, unknown> = { ...options.settings };
  if (options.failOn !== undefined) flags.failOn = options.failOn;
  if (options.failOnPath !== undefined) flags.attackPathsFailOnPath = options.failOnPath;
  if (options.namespaces !== undefined) flags.namespaces = options.namespaces;
  return flags;
}

export async function scan(options: ScanOptions = {}): Promise<Report> {
  const now = options.now ?? new Date();
  const cwd = options.cwd ?? process.cwd();
  const inputs = options.paths ?? [];
  // Images are scanned apart from manifests; everything else goes to the manifest loaders.
  const imageTargets = inputs.filter((input) => isImageTarget(input, cwd));
  const paths = inputs.filter((input) => !imageTargets.includes(input));
  const problems: Problem[] = [];

  const resolved = resolveConfig({ file: options.configFile ?? findConfig(paths, cwd), env: options.env ?? {}, flags: flagLayer(options) });
  problems.push(...resolved.problems);
  const { config } = resolved;

  options.onProgress?.({ phase: 'load' });
  const loaded = await loadInputs({
    paths,
    cwd,
    ...(options.cluster === undefined ? {} : { cluster: withNamespaces(options.cluster, literalNamespaces(config)) }),
    helm: {
      // Values files named in .palisade.yaml are relative to that file, not to where palisade runs.
      valuesFiles: [...(config.helm?.valuesFiles ?? []).map((file) => (resolved.file === undefined ? file : path.resolve(path.dirname(resolved.file), file))), ...(options.helmValues ?? [])],
      set: [...(config.helm?.set ?? []), ...(options.helmSet ?? [])],
      namespace: config.helm?.namespace,
      kubeVersion: config.helm?.kubeVersion,
      apiVersions: config.helm?.apiVersions,
    },
    limits: config.limits,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  // Images alone are something to scan: the loaders' "nothing to scan" does not apply then.
  problems.push(...(imageTargets.length === 0 ? loaded.problems : loaded.problems.filter((p) => p.code !== 'no-input')));

  const resources = loaded.resources.filter(namespaceFilter(config));
  for (const name of unmatchedNamespaces(config, loaded.resources)) {
    problems.push(problem('namespace-unmatched', `--namespace ${JSON.stringify(name)} matches no namespace of the input`));
  }
  // --images: also the images the workloads run, pulled from their registries.
  const pulled = options.scanWorkloadImages === true ? workloadImageTargets(resources).filter((target) => !imageTargets.includes(target)) : [];
  const images = await scanImageTargets([...imageTargets, ...pulled], { ...options.images, ...(options.env === undefined ? {} : { env: options.env }) });
  problems.push(...images.problems);
  problems.push(...kindProblems(resources));
  // Nothing to scan is never a pass: a typo in a path, an empty render, a wrong --namespace or an
  // image that could not be read would otherwise turn a CI gate green.
  if (resources.length === 0 && images.summaries.length === 0 && !problems.some((p) => p.code === 'no-input')) {
    const what = imageTargets.length > 0 ? 'no image and no Kubernetes object could be read from the inputs' : loaded.resources.length === 0 ? 'no Kubernetes object was read from the inputs' : 'no Kubernetes object is in the selected namespaces';
    problems.push(noInput(what, problems));
  }
  const selection = selectScanRules(resolved, options.rules?.length ? options.rules : frameworkRules(options.framework), options.excludeRules);
  problems.push(...selection.problems);
  const plan = planFramework(selection.runs, options.framework, options.pssVersion);
  problems.push(...plan.problems);
  // Image targets add their ImageConfig resources: the image-configuration rules judge them.
  const index = new ResourceIndex([...resources, ...images.configResources]);
  options.onProgress?.({ phase: 'rules', done: 0, total: plan.runs.length, resources: resources.length });
  const engine = runRules(plan.runs, index, (done, total) => {
    options.onProgress?.({ phase: 'rules', done, total, resources: resources.length });
  });
  options.onProgress?.({ phase: 'report' });
  problems.push(...engine.problems);
  // Every finding is located: what locating cached (indexes of large mappings and sequences) is
  // garbage from here on.
  for (const resource of resources) resource.source.positions.releaseCache?.();

  const suppressed = settleFindings(engine.findings, dropConfigSecrets(images.findings, engine.findings, images.summaries), resources, resolved, selection, engine.rules, now);
  problems.push(...suppressed.problems);
  const attack = scanAttackPaths(resources, index, suppressed.findings, attackSettings(config.attackPaths, config.crownJewels));
  problems.push(...attack.problems, ...refusedPolicyProblems(index));
  const findings = [...attack.findings].sort(compareFindings);
  const pathGate = attack.ran || config.attackPaths.failOnPath ? { failOnPath: config.attackPaths.failOnPath, attackPaths: attack.ran ? attack.result.paths.length : 0 } : {};

  const failOn = config.failOn;
  const errors = problems.filter((p) => p.level !== 'note');
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'palisade', version: VERSION },
    generatedAt: now.toISOString(),
    inputs: [...loaded.inputs, ...imageTargets],
    summary: {
      resources: resources.length + images.summaries.length,
      inputs: loaded.inputs.length + imageTargets.length,
      findings: findings.filter((f) => !f.suppressed).length,
      suppressed: findings.filter((f) => f.suppressed).length,
      bySeverity: countBySeverity(findings),
      errors: errors.filter((p) => p.level === 'error').length,
      failOn,
      ...pathGate,
      failed: gateFails(findings, failOn) || attack.pathGateFails,
    },
    findings,
    errors,
    notes: problems.filter((p) => p.level === 'note'),
    rules: engine.rules,
    exceptions: suppressed.exceptionStatus,
    ...(images.summaries.length === 0 ? {} : { images: images.summaries }),
    ...(attack.ran ? { attackPaths: attack.result } : {}),
    ...(plan.framework === undefined ? {} : { compliance: complianceOf(plan.framework, findings, engine.rules, plan.version, controlPlaneComponents(index, plan.runs)) }),
  };
}

/** Exact namespace names go to the cluster loader, which then lists only those namespaces. */
function withNamespaces<T extends object>(cluster: T, namespaces: readonly string[] | undefined): T & { namespaces?: readonly string[] } {
  return namespaces === undefined ? cluster : { ...cluster, namespaces };
}
