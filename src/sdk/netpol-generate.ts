/** `netpol generate` for front ends: load manifests (and an observed-connections file), generate, write YAML. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { PalisadeError, problem } from '../core/errors.js';
import { loadInputs, problemsOfLoad } from '../loaders/index.js';
import { generateNetworkPolicies, policiesToYaml, type Generated } from '../graph/netpol/generate/index.js';
import { guarded } from './netpol.js';

export { GENERATED_FROM_ANNOTATION as NETPOL_GENERATED_FROM_ANNOTATION, type PolicyObject as GeneratedNetworkPolicy } from '../graph/netpol/generate/index.js';

export interface NetpolGenerateOptions {
  /** Manifest files and directories (the workloads, Services and Namespaces). */
  readonly paths: readonly string[];
  /** JSON lines {src, dst, port, protocol}: generate from observed traffic instead of the manifests' Service references. */
  readonly observed?: string;
  readonly cwd?: string;
}

export interface NetpolGenerateOutput {
  /** The policies as YAML, one document each. */
  readonly output: string;
  readonly generated: Generated;
  /** Loader problems, then warnings about needs that could not be honoured. */
  readonly problems: readonly Problem[];
}

/** An observation log larger than this is refused rather than read into memory. */
const MAX_OBSERVED_BYTES = 64 * 1024 * 1024;

async function readObserved(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (info.size > MAX_OBSERVED_BYTES) throw new PalisadeError(problem('input-too-large', `${file} is larger than ${String(MAX_OBSERVED_BYTES)} bytes`, { file }));
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    throw new PalisadeError(problem('input-not-found', `cannot read observed-connections file ${file}`, { file }));
  }
}

export async function netpolGenerate(options: NetpolGenerateOptions): Promise<NetpolGenerateOutput> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadInputs({ paths: options.paths, cwd });
  const observed = options.observed === undefined ? undefined : { file: options.observed, text: await readObserved(path.resolve(cwd, options.observed)) };
  const generated = guarded(() =>
    generateNetworkPolicies(loaded.resources, observed === undefined ? { kind: 'manifests' } : { kind: 'observed', text: observed.text, file: observed.file }),
  );
  const warnings = generated.warnings.map((w) =>
    problem('netpol-invalid', w.message, { ...(w.file === undefined ? {} : { file: w.file }), ...(w.line === undefined ? {} : { line: w.line }), ...(w.column === undefined ? {} : { column: w.column }) }),
  );
  return { output: policiesToYaml(generated.policies), generated, problems: [...problemsOfLoad(loaded), ...warnings.map((p) => ({ ...p, level: 'warning' as const }))] };
}
