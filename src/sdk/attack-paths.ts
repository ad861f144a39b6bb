/**
 * Attack paths for front ends: load the inputs as `palisade scan` does (files, charts, overlays or
 * a live cluster), run the rules for the findings each step links to, read the optional
 * vulnerability list, and analyse. Bad input becomes a located PalisadeError, never a stack.
 */
import path from 'node:path';
import type { AttackPathsResult, ImageVulnerabilities } from '../model/attack.js';
import type { Problem } from '../model/problem.js';
import { PalisadeError, problem } from '../core/errors.js';
import { runRules } from '../core/engine.js';
import { ResourceIndex } from '../core/resource-index.js';
import { findConfig, namespaceFilter, resolveConfig } from '../config/index.js';
import { analyzeAttackPaths, attackGraphDot, attackPathsTable } from '../graph/attack/index.js';
import { refusedPolicyProblems } from './netpol.js';
import { loadInputs, problemsOfLoad } from '../loaders/index.js';
import { readFileBounded } from '../loaders/read-bounded.js';
import { loadOptionsOf, type InputOptions } from './inputs.js';
import { selectScanRules } from './select-rules.js';
import { settleFindings } from './settle-findings.js';
import { jsonErrorMessage } from '../lib/json-error.js';

export { ATTACK_PATHS_SCHEMA_VERSION, type AttackPathsResult, type AttackPath, type AttackStep, type AttackFix, type AttackNode, type AttackCut, type ImageVulnerabilities } from '../model/attack.js';
export { analyzeAttackPaths, applyFixes, type AttackInput, type AttackOptions } from '../graph/attack/index.js';

export const ATTACK_PATHS_FORMATS = ['table', 'json', 'dot'] as const;
export type AttackPathsFormat = (typeof ATTACK_PATHS_FORMATS)[number];

export interface AttackPathsOptions extends InputOptions {
  readonly configFile?: string;
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  /** A JSON file: an array of ImageVulnerabilities. */
  readonly vulnerabilitiesFile?: string;
  readonly vulnerabilities?: readonly ImageVulnerabilities[];
  readonly maxPathsPerPair?: number;
  /** Injected clock: exception expiry. */
  readonly now?: Date;
}

export interface AttackPathsAnswer {
  readonly result: AttackPathsResult;
  readonly problems: readonly Problem[];
  readonly inputs: readonly string[];
}

/** Largest vulnerability list read (a hostile file must not exhaust memory). */
const MAX_VULN_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The list is measured before it is read (a 2 GB file is refused without loading it), and a pipe
 * or device (`--vulnerabilities <(...)`, /dev/zero) is abandoned as soon as it passes the limit.
 */
export function readVulnerabilities(file: string): ImageVulnerabilities[] {
  let data: unknown;
  try {
    const read = readFileBounded(file, MAX_VULN_FILE_BYTES);
    if (read.kind === 'too-large') throw new PalisadeError(problem('attack-bad-vulnerabilities', `the file is larger than ${MAX_VULN_FILE_BYTES} bytes`, { file }));
    if (read.kind === 'binary') throw new PalisadeError(problem('attack-bad-vulnerabilities', 'the file is not text (it holds NUL bytes), so not JSON', { file }));
    data = JSON.parse(read.text);
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError(problem('attack-bad-vulnerabilities', `cannot read the vulnerability list: ${jsonErrorMessage(error)}`, { file }));
  }
  if (!Array.isArray(data)) throw new PalisadeError(problem('attack-bad-vulnerabilities', 'expected a JSON array', { file }));
  return data.map((entry: unknown, i): ImageVulnerabilities => {
    const record = entry as { image?: unknown; vulnerabilities?: unknown };
    if (typeof record !== 'object' || typeof record.image !== 'string' || !Array.isArray(record.vulnerabilities)) throw new PalisadeError(problem('attack-bad-vulnerabilities', `entry ${i} needs "image" (a string) and "vulnerabilities" (an array)`, { file }));
    const vulnerabilities = (record.vulnerabilities as unknown[]).map((v, j) => {
      const x = v as Record<string, unknown>;
      if (typeof x !== 'object' || typeof x.id !== 'string' || typeof x.package !== 'string') throw new PalisadeError(problem('attack-bad-vulnerabilities', `entry ${i}, vulnerability ${j} needs "id" and "package" (strings)`, { file }));
      const severity = typeof x.severity === 'string' && ['critical', 'high', 'medium', 'low', 'unknown'].includes(x.severity.toLowerCase()) ? (x.severity.toLowerCase() as 'critical') : undefined;
      return {
        id: x.id,
        package: x.package,
        ...(typeof x.version === 'string' ? { version: x.version } : {}),
        ...(typeof x.fixedVersion === 'string' ? { fixedVersion: x.fixedVersion } : {}),
        ...(severity === undefined ? {} : { severity }),
        ...(typeof x.rce === 'boolean' ? { rce: x.rce } : {}),
        ...(typeof x.cvssVector === 'string' ? { cvssVector: x.cvssVector } : {}),
      };
    });
    return { image: record.image, vulnerabilities };
  });
}

export async function attackPaths(options: AttackPathsOptions): Promise<AttackPathsAnswer> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths ?? [];
  const resolved = resolveConfig({ file: options.configFile ?? findConfig(paths, cwd), env: {}, flags: {} });
  const problems: Problem[] = [...resolved.problems];
  const loaded = await loadInputs(loadOptionsOf({ ...options, paths, cwd }, resolved.config.limits));
  problems.push(...problemsOfLoad(loaded));
  const resources = loaded.resources.filter(namespaceFilter(resolved.config));
  const index = new ResourceIndex(resources);
  const selection = selectScanRules(resolved);
  const engine = runRules(selection.runs, index);
  problems.push(...engine.problems);
  const settled = settleFindings(engine.findings, [], resources, resolved, selection, engine.rules, options.now ?? new Date());
  problems.push(...settled.problems);
  const vulnerabilities = [...(options.vulnerabilities ?? []), ...(options.vulnerabilitiesFile === undefined ? [] : readVulnerabilities(path.resolve(cwd, options.vulnerabilitiesFile)))];
  // Flags first, then .palisade.yaml (attackPaths.entries / jewels), then the analysis's defaults.
  const settings = resolved.config.attackPaths;
  const from = options.from !== undefined && options.from.length > 0 ? options.from : settings.entries;
  const to = options.to !== undefined && options.to.length > 0 ? options.to : settings.jewels;
  const result = analyzeAttackPaths(
    { resources, index, findings: settled.findings, vulnerabilities },
    { jewelSelectors: resolved.config.crownJewels ?? [], ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), ...(options.maxPathsPerPair === undefined ? {} : { maxPathsPerPair: options.maxPathsPerPair }) },
  );
  problems.push(...refusedPolicyProblems(index));
  return { result, problems, inputs: loaded.inputs };
}

export function renderAttackPaths(result: AttackPathsResult, format: AttackPathsFormat): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'dot') return attackGraphDot(result);
  return attackPathsTable(result);
}
