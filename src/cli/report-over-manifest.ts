/**
 * A report written over a manifest it was made from. `-o` naming an input file is refused
 * (io.ts); a file found inside a scanned directory is not an input named, and a report of the
 * previous run there (report.json) is rewritten as asked. But `palisade scan k8s/ -o
 * k8s/deploy.yaml` replaced the Deployment with its own report: Palisade never modifies what it
 * reads. So a report may not replace a file inside a scanned directory that holds a Kubernetes
 * object or is a Dockerfile; checked before anything is read.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { problem, type Problem } from '../sdk/index.js';

/** Manifests are small; a file larger than this is judged by its first part (YAML) or not at all (JSON). */
const HEAD_BYTES = 1024 * 1024;

const DOCKERFILE_NAME = /^(?:docker|container)file(?:\..+)?$|\.(?:docker|container)file$/i;
/** Top-level apiVersion and kind of a YAML document: keys at column 0. */
const YAML_API_VERSION = /^apiVersion:[ \t]*\S/m;
const YAML_KIND = /^kind:[ \t]*\S/m;

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function head(path: string): { text: string; whole: boolean } {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return { text: buffer.subarray(0, read).toString('utf8'), whole: read < HEAD_BYTES };
  } finally {
    closeSync(fd);
  }
}

/** Whether a JSON value is a Kubernetes object or list: a string apiVersion and kind at its top. */
function isObjectJson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.apiVersion === 'string' && typeof record.kind === 'string';
}

/** Whether the file holds a Kubernetes object (what the loaders would read as one) or is a Dockerfile. */
function holdsWhatScansRead(path: string): boolean {
  if (DOCKERFILE_NAME.test(basename(path))) return true;
  const { text, whole } = head(path);
  const start = text.trimStart()[0];
  if (start === '{') {
    // A JSON report of a previous run holds objects only nested in findings; its top level is the report.
    if (!whole) return false;
    try {
      return isObjectJson(JSON.parse(text));
    } catch {
      return false;
    }
  }
  return YAML_API_VERSION.test(text) && YAML_KIND.test(text);
}

/** The directories among the inputs, as real paths ending in a separator. */
function inputDirectories(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => {
    const real = input === '-' ? undefined : realOrUndefined(resolve(input));
    if (real === undefined || !statSync(real).isDirectory()) return [];
    return [real.endsWith(sep) ? real : `${real}${sep}`];
  });
}

/** The problem of writing the report to `output` (-o) when that replaces an input file, or a manifest inside a scanned directory. */
export function reportOverManifestProblems(output: string | undefined, inputs: readonly string[]): Problem[] {
  if (output === undefined || output === '-') return [];
  const real = realOrUndefined(resolve(output));
  if (real === undefined || !statSync(real).isFile()) return [];
  // Said here, before reading, as well as by emit() when it writes.
  if (inputs.some((input) => input !== '-' && realOrUndefined(resolve(input)) === real)) {
    return [problem('output-unwritable', 'the output file is one of the inputs: writing the report would replace it', { file: output }, 'Name another file with --output.')];
  }
  if (!inputDirectories(inputs).some((dir) => real.startsWith(dir))) return [];
  if (!holdsWhatScansRead(real)) return [];
  return [problem('output-unwritable', 'the output file is inside a scanned directory and holds what the scan reads (a Kubernetes object or a Dockerfile): writing the report would replace it', { file: output }, 'Name another file with --output, outside the inputs or one that holds no manifest.')];
}
