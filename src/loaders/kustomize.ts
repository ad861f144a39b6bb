/**
 * Kustomize overlays are rendered, not walked: their files are patches and bases that only mean
 * something once kustomize has put them together. `kubectl kustomize` (kustomize is built into
 * kubectl) is tried first, then a standalone `kustomize build`.
 *
 * Positions: the overlay is rendered through a throw-away kustomization (in a temporary
 * directory, never next to the user's files) that lists it as its only resource and asks for
 * origin annotations, so every object says which file it came from, whether or not the user's
 * kustomization asks for it; kustomize-origin.ts then takes each object's lines from that file.
 * Generated objects point at their generator entry in the kustomization that declares it
 * (kustomize-generated.ts); objects with no local origin keep the overlay as their file and the
 * rendered output's lines. An overlay that references anything remote is not rendered at all (see
 * kustomize-remote.ts): kustomize would fetch it; nor is one naming a file outside the directory
 * of the kustomization that names it, which kustomize's load restrictor refuses too (see
 * kustomize-restrictor.ts), so that Palisade, not only kustomize, never reads it.
 *
 * In a walked tree, a kustomization that another one in the same tree uses as a base is rendered
 * only through the overlays that use it: rendering it alone would report its objects twice.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';
import { asRecord } from '../lib/k8s/values.js';
import { parseStream } from '../lib/yaml/index.js';
import { isKustomization, readKustomization, readKustomizationText } from './kustomization-file.js';
import { isUrl } from './kustomize-origin.js';
import { folded, referencesOf } from './kustomize-references.js';
import type { RemoteReference } from './kustomize-remote.js';
import { readKustomizationTree, type OutsideReference, type UnreadableKustomization } from './kustomize-tree.js';
import { runTool, type ToolRequest } from './run-tool.js';

export { isKustomization, KUSTOMIZATION_FILES } from './kustomization-file.js';

/**
 * `originRoot`: the directory that origin annotations' paths are relative to; `sourceRoots`: the
 * kustomization directories whose files an origin annotation may name.
 */
export type RenderOutcome =
  | { readonly ok: true; readonly output: string; readonly originRoot?: string; readonly sourceRoots?: readonly string[] }
  | { readonly ok: false; readonly problem: Problem };

export async function renderKustomization(dir: string, shownAs: string, maxOutputBytes: number): Promise<RenderOutcome> {
  const tree = readKustomizationTree(dir);
  if (tree.remote !== undefined) return { ok: false, problem: remoteProblem(tree.remote, dir, shownAs) };
  if (tree.outside !== undefined) return { ok: false, problem: outsideProblem(tree.outside, dir, shownAs) };
  if (tree.unreadable !== undefined) return { ok: false, problem: unreadableProblem(tree.unreadable, dir, shownAs) };
  const wrapper = mkdtempSync(path.join(tmpdir(), 'palisade-kustomize-'));
  try {
    // kustomize refuses absolute paths to other kustomizations; a relative one from the wrapper works.
    const relative = path.relative(wrapper, dir);
    writeFileSync(path.join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(relative)}\nbuildMetadata: [originAnnotations]\n`);
    const traced = await render(wrapper, dir, shownAs, maxOutputBytes, tree.literals);
    if (traced.ok) return { ...traced, originRoot: wrapper, sourceRoots: tree.roots };
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
  // Rendered as it is, so that any error names the user's overlay and not the wrapper.
  const plain = await render(dir, dir, shownAs, maxOutputBytes, tree.literals);
  if (plain.ok) return { ...plain, sourceRoots: tree.roots };
  return plain.problem.message.includes('--enable-helm') ? { ok: false, problem: { ...plain.problem, hint: HELM_CHARTS_HINT(shownAs) } } : plain;
}

/**
 * kustomize inflates `helmCharts` only with --enable-helm, running helm, which pulls any chart
 * named by `repo:` from the network. Palisade does not pass it; the user can, where that is wanted.
 */
const HELM_CHARTS_HINT = (shownAs: string): string =>
  `The kustomization inflates Helm charts (helmCharts), which kustomize does only with --enable-helm, running helm and downloading charts named by repo:; Palisade does not enable it. Render it yourself and scan the output: \`kubectl kustomize --enable-helm ${shownAs} | palisade scan -\`.`;

/** Names the reference as the user would find it: the field of which kustomization. */
function remoteProblem(remote: RemoteReference, dir: string, shownAs: string): Problem {
  const where = path.relative(realpathSync(dir), remote.dir);
  const file = where === '' ? 'the kustomization' : `the kustomization in ${path.join(shownAs, where)}`;
  return problem('render-failed', `not rendered: ${file} lists the remote ${remote.field} entry ${JSON.stringify(remote.entry)}, and kustomize would fetch it; Palisade makes no network request the user did not ask for`, { file: shownAs }, `Render it yourself where fetching is wanted and scan the output: \`kubectl kustomize ${shownAs} | palisade scan -\`.`);
}

/**
 * A file kustomize's load restrictor refuses, placed at the entry that names it (or at the
 * kustomization file that is itself a link out of its directory).
 */
function outsideProblem(outside: OutsideReference, dir: string, shownAs: string): Problem {
  const file = path.join(shownAs, path.relative(realpathSync(dir), outside.file));
  const hint = `Keep the file in or below the kustomization's directory (a base can hold it). If you trust the tree, render it yourself and scan the output: \`kubectl kustomize --load-restrictor LoadRestrictionsNone ${shownAs} | palisade scan -\`.`;
  const target = outside.target === undefined ? '' : ` (it leads to ${outside.target})`;
  const { reference } = outside;
  if (reference === undefined) {
    const message = `not rendered: ${file} is a link out of its kustomization's directory${target}; kustomize reads a kustomization file only inside its directory (its load restrictor), and finds no kustomization there`;
    return problem('render-failed', message, { file }, hint);
  }
  const message = `not rendered: the ${reference.field} file ${JSON.stringify(reference.entry)} is outside the directory of the kustomization that names it${target}; kustomize reads the files a kustomization names only in or below its directory (its default load restrictor, LoadRestrictionsRootOnly), and so does Palisade`;
  return problem('render-failed', message, { file, ...entryPosition(outside.dir, reference.pointer) }, hint);
}

/** A kustomization file Palisade cannot check, placed at it (and at the YAML error, if that is why). */
function unreadableProblem(unreadable: UnreadableKustomization, dir: string, shownAs: string): Problem {
  const file = path.join(shownAs, path.relative(realpathSync(dir), unreadable.file));
  const { line, column } = unreadable;
  const message = `not rendered: ${file} ${unreadable.reason}; what it names cannot be checked for remote references and files outside its directory`;
  return problem('render-failed', message, { file, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) }, 'Fix the kustomization file; `kubectl kustomize` reads the same YAML.');
}

/** The line and column of a kustomization's entry, when they can be told. */
function entryPosition(dir: string, pointer: string): { line?: number; column?: number } {
  const text = readKustomizationText(dir);
  const position = text === undefined ? undefined : parseStream(text).documents[0]?.positions.get(pointer);
  return position === undefined ? {} : { line: position.line, column: position.column };
}

/** `secrets`: values kustomize's errors may quote (a literal without `=` is quoted whole) and that are never printed in full. */
async function render(target: string, cwd: string, shownAs: string, maxOutputBytes: number, secrets: readonly string[]): Promise<RenderOutcome> {
  const base: Omit<ToolRequest, 'command' | 'args'> = {
    secrets,
    file: shownAs,
    cwd,
    timeoutMs: 120_000,
    maxOutputBytes,
    installHint: 'Install kubectl (it includes kustomize) or kustomize, and make sure it is on PATH.',
  };
  const viaKubectl = await runTool({ ...base, command: 'kubectl', args: ['kustomize', target] });
  if (viaKubectl.ok) return { ok: true, output: viaKubectl.stdout };
  if (!viaKubectl.missing) return viaKubectl;
  const standalone = await runTool({ ...base, command: 'kustomize', args: ['build', target] });
  if (standalone.ok) return { ok: true, output: standalone.stdout };
  // Both missing: say so once, naming kubectl (the usual way to get kustomize).
  return standalone.missing ? viaKubectl : standalone;
}

/**
 * The real paths of the local directories a kustomization builds on (`resources`, the older
 * `bases`, and `components`). Entries that are files, URLs or do not exist are not bases; an
 * unreadable kustomization has none (rendering it reports the problem).
 */
export function localBases(dir: string): string[] {
  const parsed = asRecord(readKustomization(dir));
  if (parsed === undefined) return [];
  const entries = referencesOf(parsed)
    .filter((reference) => reference.kind !== 'file' && BASE_FIELDS.has(folded(reference.field)))
    .map((reference) => reference.entry);
  return entries.flatMap((entry) => {
    // kustomize builds on a base named by a relative path only.
    if (isUrl(entry) || entry.includes('?ref=') || path.isAbsolute(entry)) return [];
    try {
      const real = realpathSync(path.resolve(dir, entry));
      return isKustomization(real) ? [real] : [];
    } catch {
      return [];
    }
  });
}

const BASE_FIELDS = new Set(['resources', 'bases', 'components']);

/**
 * The kustomizations of a walked tree that another kustomization of the same tree builds on:
 * they are rendered through the overlays that use them, not on their own.
 */
export function basesUsedWithin(kustomizations: readonly { readonly absolute: string; readonly real: string }[]): Set<string> {
  const within = new Set(kustomizations.map((k) => k.real));
  const used = new Set<string>();
  for (const { absolute, real } of kustomizations) {
    for (const base of localBases(absolute)) if (base !== real && within.has(base)) used.add(base);
  }
  return used;
}
