/**
 * Helm charts are rendered with `helm template`, not walked: templates are not YAML until helm
 * has filled them in. Values files (`--values`) and `--set` overrides are passed through.
 *
 * Positions: helm prefixes each rendered document with `# Source: <chart>/templates/<file>`, so a
 * resource's file is mapped back to that template inside the chart directory as the user named
 * it. Line numbers then count from that `# Source:` comment, i.e. they are lines of the template's
 * rendered output, not of the template itself (helm keeps no finer mapping).
 *
 * helm writes a cache, a config and a data directory; unless the user's environment says where
 * (HELM_CACHE_HOME, HELM_CONFIG_HOME, HELM_DATA_HOME), a scan points them at a private temporary
 * directory rather than writing into the user's home.
 */
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readdirSync, readSync, realpathSync, rmSync, statSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsYaml from 'js-yaml';
import type { Problem } from '../model/problem.js';
import type { Position, PositionMap } from '../model/source.js';
import { problem } from '../core/errors.js';
import { asRecord } from '../lib/k8s/values.js';
import type { ParsedDocument } from '../lib/yaml/index.js';
import { readFileBounded } from './read-bounded.js';
import { runTool } from './run-tool.js';
import { fileInChart, locateFailure } from './helm-failure.js';
import { setValues, valuesFileStrings } from './helm-secrets.js';
import { markTemplateLines, readSourceComment } from './helm-lines.js';
import { inspectChart, MAX_CHART_NESTING, MAX_INFLATED_CHART_BYTES, type ArchiveRefusal } from './helm-archives.js';
import type { RenderOutcome } from './kustomize.js';

export function isHelmChart(dir: string): boolean {
  return existsSync(path.join(dir, 'Chart.yaml'));
}

export interface HelmOptions {
  readonly valuesFiles?: readonly string[];
  readonly set?: readonly string[];
  /** The release namespace (`helm template --namespace`); helm's own default is "default". */
  readonly namespace?: string | undefined;
  /**
   * The Kubernetes version charts are rendered for (`helm template --kube-version`), what
   * `.Capabilities.KubeVersion` says; helm's own default is the version it was built against
   * (v1.32.0 for helm 3.17).
   */
  readonly kubeVersion?: string | undefined;
  /**
   * API versions `.Capabilities.APIVersions.Has` reports besides the built-in ones (`helm template
   * --api-versions`): `monitoring.coreos.com/v1` for a chart that writes a ServiceMonitor only
   * where the Prometheus operator's CRDs are installed. No cluster is asked, so by default a
   * chart sees only Kubernetes' own APIs.
   */
  readonly apiVersions?: readonly string[] | undefined;
  /**
   * The real path of the input the user named: helm follows a chart's symbolic links wherever
   * they lead (with a warning), so a chart whose links leave it is not rendered. Defaults to
   * the chart directory.
   */
  readonly root?: string;
}

const HELM_DIRS = ['HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME'] as const;
let privateHelmHome: string | undefined;

/** A temporary helm home, removed when the process exits. */
function makePrivateHelmHome(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-'));
  process.once('exit', () => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function helmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of HELM_DIRS) {
    if (env[name] === undefined || env[name] === '') {
      privateHelmHome ??= makePrivateHelmHome();
      env[name] = path.join(privateHelmHome, name.slice('HELM_'.length).toLowerCase());
    }
  }
  return env;
}

/**
 * A packaged chart (`helm package` output, `name-1.0.0.tgz`): helm renders the archive itself.
 * Known by its name and the gzip magic bytes; helm reports an archive that holds no chart.
 */
export function isPackagedChart(file: string): boolean {
  if (!/\.(?:tgz|tar\.gz)$/i.test(file)) return false;
  try {
    const fd = openSync(file, 'r');
    try {
      const magic = Buffer.alloc(2);
      return fstatSync(fd).isFile() && readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Chart.yaml is a few hundred bytes; a larger one is read as not a library chart (helm judges it). */
const MAX_CHART_YAML_BYTES = 1024 * 1024;

/**
 * A library chart (`type: library`) only defines templates for the charts that depend on it:
 * helm refuses to render it ("library charts are not installable"), and monorepos keep one
 * next to their application charts.
 */
export function isLibraryChart(dir: string): boolean {
  try {
    const file = path.join(dir, 'Chart.yaml');
    // A named pipe would block the read for ever; helm refuses anything but a regular file.
    if (!statSync(file).isFile()) return false;
    const read = readFileBounded(file, MAX_CHART_YAML_BYTES);
    if (read.kind !== 'text') return false;
    const chart = asRecord(jsYaml.load(read.text, { schema: jsYaml.JSON_SCHEMA }));
    return chart?.['type'] === 'library';
  } catch {
    return false;
  }
}

export async function renderHelmChart(dir: string, shownAs: string, options: HelmOptions, cwd: string, maxOutputBytes: number): Promise<RenderOutcome> {
  // Links first: Chart.yaml itself may be a link to any file of the host.
  const escape = linkLeaving(dir, options.root ?? realpathSync(dir));
  if (escape !== undefined) {
    const problem = escape.kind === 'too-many'
      ? `not rendered: the chart has more than ${MAX_CHART_ENTRIES} files`
      : `not rendered: ${path.join(shownAs, escape.link)} links outside the scanned directory (to ${escape.target}), and helm would read that file into the chart`;
    return { ok: false, problem: renderProblem(problem, shownAs) };
  }
  if (isLibraryChart(dir)) {
    const message = 'a Helm library chart: it only defines templates for the charts that depend on it and renders no object of its own; those templates are scanned as the depending charts render them';
    return { ok: false, problem: problem('not-a-manifest', message, { file: shownAs }, 'Nothing to do: scan the charts that depend on it.') };
  }
  const inspected = await inspectChart(dir, shownAs);
  if (inspected.refusal !== undefined) return { ok: false, problem: archiveProblem(inspected.refusal) };
  // CRDs (crds/) are installed by `helm install` before the templates, so they are part of what
  // the chart deploys; helm template leaves them out unless asked.
  const args = ['template', dir, '--include-crds'];
  for (const file of options.valuesFiles ?? []) args.push('--values', path.resolve(cwd, file));
  for (const assignment of options.set ?? []) args.push('--set', assignment);
  if (options.namespace !== undefined) args.push('--namespace', options.namespace);
  if (options.kubeVersion !== undefined) args.push('--kube-version', options.kubeVersion);
  for (const version of options.apiVersions ?? []) args.push('--api-versions', version);
  // helm would fetch (or read) what such a schema refers to while validating the values (helm-schema.ts).
  if (inspected.schemaRefs.length > 0) args.push('--skip-schema-validation');
  const outcome = await runTool({
    command: 'helm',
    args,
    file: shownAs,
    cwd,
    timeoutMs: 120_000,
    maxOutputBytes,
    env: helmEnv(),
    secrets: [...setValues(options.set ?? []), ...valuesFileStrings(options.valuesFiles ?? [], cwd)],
    installHint: 'Install helm 3 (https://helm.sh/docs/intro/install/) and make sure it is on PATH.',
  });
  return outcome.ok ? { ok: true, output: markTemplateLines(outcome.stdout, dir) } : { ok: false, problem: locateFailure(outcome.problem, shownAs, options.valuesFiles ?? [], cwd) };
}

/** Why a chart archive was not handed to helm, placed at the archive. */
function archiveProblem(refused: ArchiveRefusal): Problem {
  const place = { file: refused.archive };
  const inspect = 'A chart is a few hundred KiB; inspect the archive, and render the chart yourself if you trust it.';
  switch (refused.kind) {
    case 'too-large':
      return problem('input-too-large', `not rendered: the chart archive ${refused.archive} inflates to more than ${MAX_INFLATED_CHART_BYTES / 1024 / 1024} MiB (counting the chart's other archives), and helm would hold it all in memory`, place, inspect);
    case 'too-deep':
      return problem('input-too-large', `not rendered: the chart archive ${refused.archive} nests subchart archives more than ${MAX_CHART_NESTING} deep`, place, inspect);
    case 'unreadable':
      return problem('render-failed', `not rendered: the chart archive ${refused.archive} is not a gzip tar archive that can be read: ${refused.reason}`, place, 'Package the chart again (`helm package`, `helm dependency build`).');
  }
}

/** A chart is a few hundred files at most; far more is not a chart anybody renders. */
const MAX_CHART_ENTRIES = 100_000;

type Escape = { readonly kind: 'link'; readonly link: string; readonly target: string } | { readonly kind: 'too-many' };

/** The first symbolic link of the chart (relative path) whose target is outside `root`, if any. */
function linkLeaving(dir: string, root: string): Escape | undefined {
  const pending = [''];
  let entries = 0;
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    let listed: Dirent[];
    try {
      listed = readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch {
      continue; // helm reports what it cannot read
    }
    for (const entry of listed) {
      if ((entries += 1) > MAX_CHART_ENTRIES) return { kind: 'too-many' };
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) pending.push(child);
      if (!entry.isSymbolicLink()) continue;
      let target: string;
      try {
        target = realpathSync(path.join(dir, child));
      } catch {
        continue; // dangling: nothing to read
      }
      if (target !== root && !target.startsWith(root + path.sep)) return { kind: 'link', link: child, target };
    }
  }
  return undefined;
}

function renderProblem(message: string, shownAs: string): Problem {
  return problem('render-failed', message, { file: shownAs }, 'Remove the link, or render the chart yourself and scan the output: `helm template CHART | palisade scan -`.');
}

/** A `# Source:` comment of helm's output: its 1-based line, the template, and the template line its document starts at. */
export interface HelmSource {
  readonly line: number;
  readonly source: string;
  readonly templateLine: number;
}

/** `# Source:` comments of helm's output, by 1-based line. */
export function helmSources(output: string): HelmSource[] {
  const sources: HelmSource[] = [];
  let line = 1;
  let at = 0;
  while (at <= output.length) {
    const end = output.indexOf('\n', at);
    const text = output.slice(at, end === -1 ? output.length : end);
    if (text.startsWith('# Source: ')) sources.push({ line, ...readSourceComment(text) });
    if (end === -1) break;
    at = end + 1;
    line++;
  }
  return sources;
}

/**
 * The template a rendered document came from, and where that template's output starts: the
 * `# Source:` comment closest above the document. `chart/templates/x.yaml` becomes
 * `<chart dir as shown>/templates/x.yaml` (a subchart's `chart/charts/sub/...` likewise).
 */
export function templateOf(document: ParsedDocument, sources: readonly HelmSource[], shownAs: string): { file: string; firstLine: number } | undefined {
  let found: HelmSource | undefined;
  for (const entry of sources) {
    if (entry.line > document.position.line) break;
    found = entry;
  }
  if (found === undefined) return undefined;
  const file = fileInChart(found.source, shownAs);
  // The line after the comment is the template's `templateLine`.
  return file === undefined ? undefined : { file, firstLine: found.line + 2 - found.templateLine };
}

/** Positions shifted so that `firstLine` of the rendered output becomes line 1 (used for helm and kustomize output). */
export function shiftLines(document: ParsedDocument, firstLine: number): ParsedDocument {
  const delta = firstLine - 1;
  const shift = (position: Position): Position => ({ line: position.line - delta, column: position.column });
  const inner = document.positions;
  const positions: PositionMap = {
    get: (pointer) => {
      const found = inner.get(pointer);
      return found === undefined ? undefined : shift(found);
    },
    nearest: (pointer) => {
      const found = inner.nearest(pointer);
      return found === undefined ? undefined : { pointer: found.pointer, position: shift(found.position) };
    },
  };
  return { index: document.index, value: document.value, position: shift(document.position), positions };
}
