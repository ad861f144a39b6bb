/**
 * loadInputs: every way manifests arrive (files, directories, Kustomize overlays, Helm charts,
 * stdin, a live cluster) turned into resources with exact positions, plus located problems for
 * everything that could not be read. Nothing here throws for bad input, and one bad file or
 * document never hides the others.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';
import { DEFAULT_LIMITS, type InputLimits, type LoadOptions, type LoadResult } from '../core/loader.js';
import { problem } from '../core/errors.js';
import { NodeArena, parseStream } from '../lib/yaml/index.js';
import { loadCluster } from './cluster/index.js';
import { helmSources, isPackagedChart, renderHelmChart, shiftLines, templateOf } from './helm.js';
import { basesUsedWithin, renderKustomization, type RenderOutcome } from './kustomize.js';
import { placeRendered, type OriginReader } from './kustomize-origin.js';
import { dockerfileResource, isDockerfileName, looksLikeDockerfile } from './dockerfile/index.js';
import { parseErrorProblem, resourcesFromDocuments, type ManifestOrigin } from './manifests.js';
import { isSbomFile } from './image/index.js';
import { readFileBounded, readHead, readStreamBounded, type ReadOutcome } from './read-bounded.js';
import { directoryKind, errorCode, walkDirectory, type WalkItem } from './walk.js';

export { parseFloor, parseStream } from '../lib/yaml/index.js';

interface Scan {
  readonly options: LoadOptions;
  readonly limits: InputLimits;
  readonly cwd: string;
  readonly resources: Resource[];
  readonly problems: Problem[];
  readonly inputs: string[];
  /** Node positions of every parsed input, in one store. */
  readonly arena: NodeArena;
  /** Real paths already loaded, so an input named twice (or inside a directory also named) is read once. */
  readonly seen: Set<string>;
}

/**
 * The problems of a load, with `no-input` added when nothing at all was read: an empty directory
 * or a stream of comments gives the loaders nothing to complain about, yet an analysis of nothing
 * must not pass (the scan says the same in its own words).
 */
export function problemsOfLoad(loaded: LoadResult): Problem[] {
  if (loaded.inputs.length > 0 || loaded.problems.some((p) => p.code === 'no-input')) return loaded.problems;
  return [...loaded.problems, noInput('no Kubernetes object was read from the inputs', loaded.problems)];
}

/**
 * "Nothing to scan", with a hint that fits: when the inputs named all failed (a chart that did not
 * render, a missing file), the errors above say why, and "give at least one path" would mislead.
 */
export function noInput(message: string, problems: readonly Problem[]): Problem {
  return problems.some((p) => p.level === 'error') ? problem('no-input', message, {}, 'Each input named above gave nothing to scan: fix the errors reported for it.') : problem('no-input', message);
}

export async function loadInputs(options: LoadOptions): Promise<LoadResult> {
  const scan: Scan = {
    options,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    cwd: options.cwd ?? process.cwd(),
    resources: [],
    problems: [],
    inputs: [],
    seen: new Set(),
    arena: new NodeArena(),
  };
  if (options.paths.length === 0 && options.cluster === undefined) {
    scan.problems.push(problem('no-input', 'nothing to scan'));
  }
  for (const input of options.paths) {
    if (input === '-') await loadStdin(scan);
    else await loadPath(input, scan);
  }
  if (options.cluster !== undefined) await loadLiveCluster(options.cluster, scan);
  return { resources: scan.resources, problems: scan.problems, inputs: scan.inputs };
}

async function loadStdin(scan: Scan): Promise<void> {
  if (!firstVisit('-', scan)) return;
  let outcome: ReadOutcome;
  try {
    outcome = await readStreamBounded(scan.options.stdin ?? process.stdin, scan.limits.maxFileBytes);
  } catch (error) {
    scan.problems.push(problem('input-unreadable', `cannot read standard input: ${errorCode(error)}`, { file: '-' }));
    return;
  }
  loadRead(outcome, { file: '-' }, false, scan);
}

async function loadPath(input: string, scan: Scan): Promise<void> {
  const absolute = path.resolve(scan.cwd, input);
  let real: string;
  let isDirectory: boolean;
  try {
    real = realOrSelf(absolute);
    isDirectory = statSync(real).isDirectory();
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') scan.problems.push(problem('input-not-found', 'no such file or directory', { file: input }));
    else scan.problems.push(problem('input-unreadable', `cannot read: ${code}`, { file: input }));
    return;
  }
  if (!firstVisit(real, scan)) return;
  if (!isDirectory) {
    // A packaged chart (`helm package` output) named on the command line is rendered like its directory.
    if (isPackagedChart(absolute)) await loadRendered({ kind: 'helm', absolute, real, shown: input }, real, scan);
    else loadFile(absolute, input, scan);
    return;
  }
  const kind = directoryKind(absolute);
  if (kind !== 'walk') {
    await loadRendered({ kind, absolute, real, shown: input }, real, scan);
    return;
  }
  const items = await walkDirectory(absolute, input);
  const bases = basesUsedWithin(items.flatMap((item) => (item.kind === 'kustomize' ? [item] : [])));
  for (const item of items) {
    if (item.kind === 'problem') scan.problems.push(item.problem);
    else if (item.kind === 'kustomize' && bases.has(item.real)) scan.problems.push(problem('kustomize-base', 'a Kustomize base of another kustomization in this tree: its objects are scanned as the overlays render them, not twice', { file: item.shown }));
    else if (!firstVisit(item.real, scan)) continue;
    else if (item.kind === 'file') loadFile(item.absolute, item.shown, scan);
    else await loadRendered(item, real, scan);
  }
}

/**
 * The real path of an input, or the input itself when that names no file but it is a pipe:
 * process substitution (`palisade scan <(helm template chart)`) names /dev/fd/63, a link to
 * "pipe:[123]", which realpath turns into a path that does not exist although the pipe reads fine.
 */
function realOrSelf(absolute: string): string {
  const real = realpathSync(absolute);
  if (real === absolute || existsSync(real) || statSync(absolute, { throwIfNoEntry: false })?.isFIFO() !== true) return real;
  return absolute;
}

/** Whether a real path is met for the first time in this scan (records it). */
function firstVisit(real: string, scan: Scan): boolean {
  if (scan.seen.has(real)) return false;
  scan.seen.add(real);
  return true;
}

/**
 * JSON documents that tools write beside manifests: a report saved with `-o` into the scanned tree
 * was read back on the next run as an object without apiVersion (or, over 16 MiB, as an input too
 * large). Reports are known by their first key, SBOMs as the image loaders tell them (by content,
 * wherever their keys are). They hold no Kubernetes objects and are named, not read.
 */
interface ToolOutput {
  readonly what: string;
  readonly hint: string;
}

const REPORT_HINT = 'Nothing to do: write reports outside the scanned directories to keep this note away.';
const REPORTS: readonly (ToolOutput & { readonly head: RegExp })[] = [
  { head: /^\s*\{\s*"schemaVersion"\s*:\s*"[^"]*"\s*,\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"palisade"/, what: 'a Palisade report (-f json)', hint: REPORT_HINT },
  { head: /^\s*\{\s*"\$schema"\s*:\s*"[^"]*sarif/i, what: 'a SARIF log', hint: REPORT_HINT },
];
const SBOM: ToolOutput = {
  what: 'an SBOM (CycloneDX or SPDX)',
  hint: 'Named as an input (palisade scan bom.cdx.json, palisade image scan, palisade sbom), an SBOM is scanned in place of the image it describes.',
};

function toolOutput(absolute: string): ToolOutput | undefined {
  let head: string;
  try {
    head = readHead(absolute, 512).toString('utf8');
  } catch {
    // Unreadable: reading it whole says why.
    return undefined;
  }
  return REPORTS.find((report) => report.head.test(head)) ?? (isSbomFile(absolute) ? SBOM : undefined);
}

function loadFile(absolute: string, shown: string, scan: Scan): void {
  const other = path.extname(shown).toLowerCase() === '.json' ? toolOutput(absolute) : undefined;
  if (other !== undefined) {
    scan.problems.push(problem('not-a-manifest', `${other.what}, not Kubernetes objects; skipped`, { file: shown }, other.hint));
    return;
  }
  let outcome: ReadOutcome;
  try {
    outcome = readFileBounded(absolute, scan.limits.maxFileBytes);
  } catch (error) {
    scan.problems.push(problem('input-unreadable', `cannot read: ${errorCode(error)}`, { file: shown }));
    return;
  }
  loadRead(outcome, { file: shown }, path.extname(shown).toLowerCase() === '.json', scan);
}

function loadRead(outcome: ReadOutcome, origin: ManifestOrigin, json: boolean, scan: Scan): void {
  const { file } = origin;
  if (outcome.kind === 'too-large') {
    scan.problems.push(problem('input-too-large', `${outcome.bytes} bytes is more than the limit of ${scan.limits.maxFileBytes}`, { file }));
  } else if (outcome.kind === 'binary') {
    scan.problems.push(problem('binary-file', 'contains NUL bytes: not YAML or JSON text', { file }));
  } else {
    scan.inputs.push(file);
    // A Dockerfile is known by its name, or on stdin (no name) by how it starts.
    if (file === '-' ? looksLikeDockerfile(outcome.text) : isDockerfileName(path.basename(file))) {
      const loaded = dockerfileResource(outcome.text, file);
      if (loaded.resource !== undefined) scan.resources.push(loaded.resource);
      for (const found of loaded.problems) scan.problems.push(found);
      return;
    }
    // Without a telling extension (stdin, a file named explicitly), JSON announces itself by its first character.
    loadText(outcome.text, origin, json || (path.extname(file) === '' && /^\s*[{[]/.test(outcome.text.slice(0, 1024))), scan);
  }
}

function loadText(text: string, origin: ManifestOrigin, json: boolean, scan: Scan): void {
  const parsed = parseStream(text, { json, arena: scan.arena, limits: { maxAliasCount: scan.limits.maxAliasCount, maxDocuments: scan.limits.maxDocuments } });
  for (const error of parsed.errors) scan.problems.push(parseErrorProblem(error, origin.file, json));
  resourcesFromDocuments(parsed.documents, origin, scan);
}

/** `root`: the real path of the input the user named, which a chart's links must not leave. */
async function loadRendered(item: Extract<WalkItem, { kind: 'kustomize' | 'helm' }>, root: string, scan: Scan): Promise<void> {
  const rendered: RenderOutcome =
    item.kind === 'helm'
      ? await renderHelmChart(item.absolute, item.shown, { ...scan.options.helm, root }, scan.cwd, scan.limits.maxFileBytes)
      : await renderKustomization(item.absolute, item.shown, scan.limits.maxFileBytes);
  if (!rendered.ok) {
    scan.problems.push(rendered.problem);
    return;
  }
  scan.inputs.push(item.shown);
  const parsed = parseStream(rendered.output, { arena: scan.arena, limits: { maxAliasCount: scan.limits.maxAliasCount, maxDocuments: scan.limits.maxDocuments } });
  for (const error of parsed.errors) {
    const located = parseErrorProblem(error, item.shown, false);
    scan.problems.push({ ...located, message: `in the output of ${item.kind}: ${located.message}` });
  }
  const sources = item.kind === 'helm' ? helmSources(rendered.output) : [];
  const place = { originRoot: rendered.originRoot ?? item.absolute, overlayDir: item.absolute, shownAs: item.shown, sourceRoots: rendered.sourceRoots ?? [] };
  const reader: OriginReader = { arena: scan.arena, maxFileBytes: scan.limits.maxFileBytes, maxAliasCount: scan.limits.maxAliasCount, cache: new Map() };
  for (const document of parsed.documents) {
    if (item.kind === 'helm') {
      const template = templateOf(document, sources, item.shown);
      const mapped = template === undefined ? document : shiftLines(document, template.firstLine);
      resourcesFromDocuments([mapped], { file: template?.file ?? item.shown, renderedBy: 'helm' }, scan);
    } else {
      const placed = placeRendered(document, place, reader);
      resourcesFromDocuments([placed.document], { file: placed.file, renderedBy: 'kustomize' }, scan);
    }
  }
}

async function loadLiveCluster(target: NonNullable<LoadOptions['cluster']>, scan: Scan): Promise<void> {
  try {
    const { maxFileBytes, maxClusterObjects } = scan.limits;
    const result = await loadCluster({ ...target, cwd: scan.cwd, limits: { maxFileBytes, maxClusterObjects } });
    // Loops, not push(...spread): a cluster can hold more objects than a call has argument slots.
    for (const resource of result.resources) scan.resources.push(resource);
    for (const found of result.problems) scan.problems.push(found);
    for (const input of result.inputs) scan.inputs.push(input);
  } catch (error) {
    // The cluster loader reports its own problems; this only catches what it let escape.
    const message = error instanceof Error ? error.message : String(error);
    scan.problems.push(problem('cluster-unreachable', message, { file: `cluster:${target.context ?? 'current-context'}` }));
  }
}
