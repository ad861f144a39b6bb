/**
 * Dockerfiles in the public API. `lintDockerfiles` is `scan` over Dockerfiles with the rules that
 * judge them (configuration, exceptions, suppression, gate and every writer as for manifests);
 * `lintDockerfileText` checks one Dockerfile held in memory (editors, servers, the conformance
 * suite) and returns the findings with the parse problems.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Report } from '../model/report.js';
import { problem } from '../core/errors.js';
import { runRules } from '../core/engine.js';
import { ResourceIndex } from '../core/resource-index.js';
import type { AnyRule } from '../core/rule.js';
import { dockerfileResource, isDockerfileName } from '../loaders/dockerfile/index.js';
import { RULES } from '../rules/index.js';
import { scan, type ScanOptions } from './scan.js';

/** The rules that judge Dockerfiles, by id. */
export function dockerfileRuleIds(): string[] {
  return RULES.filter((rule) => rule.target !== 'workload' && rule.target.kinds.includes('Dockerfile')).map((rule) => rule.id);
}

export type DockerfileLintOptions = Omit<ScanOptions, 'cluster' | 'helmValues' | 'helmSet' | 'namespaces' | 'framework' | 'pssVersion'>;

/**
 * Lints Dockerfiles (files or directories searched for Dockerfile, Containerfile, Dockerfile.* and
 * *.Dockerfile). Only Dockerfile rules run unless `rules` names others. A file named explicitly that
 * is not named like a Dockerfile is refused with a located problem (it would be read as YAML).
 */
export async function lintDockerfiles(paths: readonly string[], options: DockerfileLintOptions = {}): Promise<Report> {
  const misnamed: Problem[] = [];
  const kept = paths.filter((input) => {
    if (input !== '-' && (isDirectory(path.resolve(options.cwd ?? process.cwd(), input)) || isDockerfileName(path.basename(input)))) return true;
    misnamed.push(problem('not-a-dockerfile', input === '-' ? 'standard input is not read as a Dockerfile' : 'the file is not named like a Dockerfile', { file: input }));
    return false;
  });
  // A Dockerfile has no workloads, identities or network: an attack-path section would be noise.
  const settings = { ...options.settings, attackPathsEnabled: false };
  const report = await scan({ ...options, settings, paths: kept, rules: options.rules?.length ? options.rules : dockerfileRuleIds() });
  return misnamed.length === 0 ? report : { ...report, errors: [...misnamed, ...report.errors] };
}

export interface DockerfileTextOptions {
  /** Rule ids to run (default: every Dockerfile rule). */
  readonly rules?: readonly string[];
  /** Options per rule id, as under `rules.<id>.options` in .palisade.yaml. */
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  /** The name findings carry (default "Dockerfile"). */
  readonly file?: string;
}

export interface DockerfileTextResult {
  readonly findings: Finding[];
  readonly problems: Problem[];
}

/** Runs Dockerfile rules over one Dockerfile's text. Unknown rule ids are reported, not thrown. */
export function lintDockerfileText(text: string, options: DockerfileTextOptions = {}): DockerfileTextResult {
  const loaded = dockerfileResource(text, options.file ?? 'Dockerfile');
  const problems = [...loaded.problems];
  const ids = options.rules ?? dockerfileRuleIds();
  const rules: AnyRule[] = [];
  for (const id of ids) {
    const rule = RULES.find((r) => r.id === id);
    if (rule === undefined) problems.push(problem('unknown-rule', `no rule is named ${id}`));
    else rules.push(rule);
  }
  if (loaded.resource === undefined) return { findings: [], problems };
  const runs = rules.map((rule) => ({ rule, options: parseOptions(rule, options.ruleOptions?.[rule.id]) }));
  const result = runRules(runs, new ResourceIndex([loaded.resource]));
  return { findings: result.findings, problems: [...problems, ...result.problems] };
}

function parseOptions(rule: AnyRule, raw: unknown): unknown {
  return rule.options === undefined ? undefined : (rule.options.parse(raw ?? {}) as unknown);
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
