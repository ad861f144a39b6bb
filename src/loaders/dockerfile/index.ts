/**
 * Dockerfiles as resources: each file becomes one `palisade.dev/v1` `Dockerfile` whose object is
 * the parsed file (stages, instructions, lines), so rules, exceptions, suppression and every
 * writer treat it like a manifest. Its name is the file's base name.
 *
 * A comment `# palisade.dev/ignore: <rule-id>[,<rule-id>]: <reason>` becomes the object's ignore
 * annotation: it suppresses those rules for the whole file, as the annotation does on a manifest.
 * Line-scoped comments (hadolint's pragmas, `# palisade.dev/ignore-next:`) become `/ignores`
 * with the lines each covers (see ./ignores.ts).
 */
import type { Problem } from '../../model/problem.js';
import type { JsonObject, Resource } from '../../model/resource.js';
import type { Position, ResourceSource } from '../../model/source.js';
import { problem } from '../../core/errors.js';
import { INSTRUCTIONS, parseDockerfile } from '../../lib/dockerfile/index.js';
import { dockerfileIgnores } from './ignores.js';

export const DOCKERFILE_API_VERSION = 'palisade.dev/v1';
export const DOCKERFILE_KIND = 'Dockerfile';
const IGNORE_COMMENT = /^palisade\.dev\/ignore:\s*(.+)$/;

/** Extensions that make `Dockerfile.EXT` a document, a script, a template or a backup rather than a Dockerfile. */
const NOT_DOCKERFILE_EXTENSIONS = new Set(['md', 'markdown', 'txt', 'rst', 'adoc', 'html', 'ts', 'js', 'mjs', 'cjs', 'py', 'go', 'rs', 'rb', 'java', 'sh', 'json', 'yaml', 'yml', 'toml', 'tmpl', 'tpl', 'template', 'j2', 'jinja', 'erb', 'bak', 'orig', 'rej', 'swp', 'old', 'dockerignore', 'lock', 'map', 'snap']);

/**
 * Dockerfile, Containerfile (any case); Dockerfile.prod and Containerfile.arm64 (capitalised, as
 * builders name variants; not Dockerfile.md, .ts, .tmpl, ...); api.Dockerfile and
 * web.containerfile. Source files such as dockerfile.ts are not Dockerfiles.
 */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (/\.(dockerfile|containerfile)$/.test(lower)) return true;
  const variant = /^(?:Dockerfile|Containerfile)\.([^/\\]+)$/.exec(name);
  const extension = variant?.[1]?.split('.').at(-1)?.toLowerCase();
  return extension !== undefined && !NOT_DOCKERFILE_EXTENSIONS.has(extension);
}

export interface DockerfileLoad {
  /** Absent when the file holds no instruction at all. */
  readonly resource?: Resource;
  readonly problems: Problem[];
}

export function dockerfileResource(text: string, file: string): DockerfileLoad {
  const { dockerfile, positions, errors, droppedComments } = parseDockerfile(text);
  const problems = errors.map((error) => problem('dockerfile-syntax', error.message, { file, line: error.line, column: error.column }, error.hint));
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const name = base === '' || base === '-' ? DOCKERFILE_KIND : base;
  const ignores = dockerfile.comments.map((comment) => IGNORE_COMMENT.exec(comment.text)?.[1]).filter((value) => value !== undefined);
  const annotations = ignores.length === 0 ? {} : { annotations: { 'palisade.dev/ignore': mergeIgnores(ignores) } };
  if (dockerfile.preamble.length === 0 && dockerfile.stages.length === 0) {
    problems.push(problem('dockerfile-syntax', 'the Dockerfile has no instruction', { file, line: 1, column: 1 }));
    return { problems };
  }
  const scoped = dockerfileIgnores(dockerfile, lineCount(text), file, droppedComments);
  problems.push(...scoped.problems);
  // The parsed Dockerfile and the ignores are plain JSON by construction (strings, numbers, booleans, arrays, objects).
  const parsed = dockerfile as unknown as JsonObject;
  const lineIgnores = scoped.ignores as unknown as JsonObject[];
  const object: JsonObject = { apiVersion: DOCKERFILE_API_VERSION, kind: DOCKERFILE_KIND, metadata: { name, ...annotations }, ...parsed, ignores: lineIgnores };
  const position: Position = { line: 1, column: 1 };
  const source: ResourceSource = { file, documentIndex: 0, pointerPrefix: '', position, positions };
  return { resource: { apiVersion: DOCKERFILE_API_VERSION, kind: DOCKERFILE_KIND, name, object, source }, problems };
}

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Whether text read without a name (standard input) is a Dockerfile: after blank and comment
 * lines (parser directives included), its first line starts with an instruction keyword and an
 * argument. No Kubernetes manifest starts so: YAML would read that line as a bare string.
 */
export function looksLikeDockerfile(text: string): boolean {
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end).trim();
    if (line !== '' && !line.startsWith('#')) {
      const keyword = /^([A-Za-z]+)[ \t]+\S/.exec(line)?.[1];
      return keyword !== undefined && INSTRUCTIONS.has(keyword.toUpperCase());
    }
    if (end < 0) break;
    at = end + 1;
  }
  return false;
}

/** Several ignore comments make one annotation: all their rules, all their reasons. */
function mergeIgnores(values: readonly string[]): string {
  const rules: string[] = [];
  const reasons: string[] = [];
  for (const value of values) {
    const colon = value.indexOf(':');
    if (colon < 0) return value; // malformed: handed on as is, so suppression reports it
    rules.push(value.slice(0, colon).trim());
    reasons.push(value.slice(colon + 1).trim());
  }
  return `${rules.join(',')}: ${reasons.join('; ')}`;
}
