/**
 * Dockerfiles in the public API. `lintDockerfiles` is `scan` over Dockerfiles with the rules that
 * judge them (configuration, exceptions, suppression, gate and every writer as for manifests);
 * `lintDockerfileText` checks one Dockerfile held in memory (editors, servers, the conformance
 * suite) and returns the findings with the parse problems, its ignore comments applied.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Report } from '../model/report.js';
import { problem } from '../core/errors.js';
import { runRules } from '../core/engine.js';
import { ResourceIndex } from '../core/resource-index.js';
import type { AnyRule } from '../core/rule.js';
import { applySuppressions } from '../core/suppression.js';
import { findConfig, resolveConfig } from '../config/index.js';
import { dockerfileResource, isDockerfileName, looksLikeDockerfile } from '../loaders/dockerfile/index.js';
import { readStreamBounded } from '../loaders/read-bounded.js';
import { walkDirectory } from '../loaders/walk.js';
import { RULES } from '../rules/index.js';
import { scan, type ScanOptions } from './scan.js';

/** The rules that judge Dockerfiles, by id. */
export function dockerfileRuleIds(): string[] {
  return RULES.filter((rule) => rule.target !== 'workload' && rule.target.kinds.includes('Dockerfile')).map((rule) => rule.id);
}

export type DockerfileLintOptions = Omit<ScanOptions, 'cluster' | 'helmValues' | 'helmSet' | 'namespaces' | 'framework' | 'pssVersion'>;

/**
 * Lints Dockerfiles (files or directories searched for Dockerfile, Containerfile, Dockerfile.* and
 * *.Dockerfile; "-" reads one from standard input, named "-" in findings). Only Dockerfile rules
 * run unless `rules` names others. A file named explicitly that is not named like a Dockerfile, or
 * standard input that does not start like one, is refused with a located problem (it would be
 * read as YAML).
 */
export async function lintDockerfiles(paths: readonly string[], options: DockerfileLintOptions = {}): Promise<Report> {
  const refused: Problem[] = [];
  const kept: string[] = [];
  for (const input of paths) {
    const absolute = path.resolve(options.cwd ?? process.cwd(), input);
    const kind = input === '-' ? 'stdin' : pathKind(absolute);
    // A missing path goes on to the loader, which says input-not-found.
    if (kind === 'stdin' || kind === 'missing' || isDockerfileName(path.basename(input))) kept.push(input);
    else if (kind === 'directory') {
      // Only its Dockerfiles: walked as manifests, its charts and overlays would be rendered for nothing.
      for (const item of await walkDirectory(absolute, input, 'dockerfiles')) {
        if (item.kind === 'problem') refused.push(item.problem);
        else kept.push(item.shown);
      }
    } else refused.push(problem('not-a-dockerfile', 'the file is not named like a Dockerfile', { file: input }));
  }
  const stdin = kept.includes('-') ? await dockerfileFromStdin(paths, options) : undefined;
  if (stdin !== undefined && !stdin.ok) refused.push(stdin.problem);
  const inputs = stdin === undefined || stdin.ok ? kept : kept.filter((input) => input !== '-');
  // A Dockerfile has no workloads, identities or network: an attack-path section would be noise.
  const settings = { ...options.settings, attackPathsEnabled: false };
  const report = await scan({
    ...options,
    settings,
    paths: inputs,
    rules: options.rules?.length ? options.rules : dockerfileRuleIds(),
    // Read once here to be judged; the loader reads it again from memory and knows it by its start.
    ...(stdin?.ok === true ? { stdin: Readable.from([stdin.text]) } : {}),
  });
  return refused.length === 0 ? report : { ...report, errors: [...refused, ...report.errors] };
}

type StdinDockerfile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Problem };

/** Standard input, read up to `limits.maxFileBytes` of the configuration the scan will use, and judged a Dockerfile or not. */
async function dockerfileFromStdin(paths: readonly string[], options: DockerfileLintOptions): Promise<StdinDockerfile> {
  const cwd = options.cwd ?? process.cwd();
  const { config } = resolveConfig({ file: options.configFile ?? findConfig(paths, cwd), env: options.env ?? {}, flags: { ...options.settings } });
  const place = { file: '-' };
  let read;
  try {
    read = await readStreamBounded(options.stdin ?? process.stdin, config.limits.maxFileBytes);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return { ok: false, problem: problem('input-unreadable', `cannot read standard input: ${code}`, place) };
  }
  if (read.kind === 'too-large') return { ok: false, problem: problem('input-too-large', `${read.bytes} bytes is more than the limit of ${config.limits.maxFileBytes}`, place) };
  if (read.kind === 'binary') return { ok: false, problem: problem('not-a-dockerfile', 'standard input contains NUL bytes: it is no Dockerfile', place) };
  if (!looksLikeDockerfile(read.text)) return { ok: false, problem: problem('not-a-dockerfile', 'standard input does not start like a Dockerfile: after any comments, an instruction such as FROM or ARG', place) };
  return { ok: true, text: read.text };
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
  /** Findings hidden by the file's ignore comments are kept, marked `suppressed` with the comment as reason. */
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
  // The file's own ignore comments apply; with no configured exceptions the clock is never read.
  const suppressed = applySuppressions(result.findings, [loaded.resource], [], new Date(0), { ruleIds: new Set(RULES.map((rule) => rule.id)) });
  return { findings: suppressed.findings, problems: [...problems, ...result.problems, ...suppressed.problems] };
}

function parseOptions(rule: AnyRule, raw: unknown): unknown {
  return rule.options === undefined ? undefined : (rule.options.parse(raw ?? {}) as unknown);
}

function pathKind(file: string): 'directory' | 'file' | 'missing' {
  try {
    return statSync(file).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}
