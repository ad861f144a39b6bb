/**
 * Kustomize overlays are rendered, not walked: their files are patches and bases that only mean
 * something once kustomize has put them together. `kubectl kustomize` (kustomize is built into
 * kubectl) is tried first, then a standalone `kustomize build`.
 *
 * Positions: resources carry the overlay directory as their file, or the file named by the
 * `config.kubernetes.io/origin` annotation when the kustomization asks for it
 * (`buildMetadata: [originAnnotations]`). Line numbers refer to the rendered output: of the whole
 * overlay, or, for an object mapped to its origin file, of that object (its first line is line 1;
 * kustomize reformats objects, so the original file's lines cannot be recovered).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { runTool, type ToolRequest } from './run-tool.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomization(dir: string): boolean {
  try {
    const names = new Set(readdirSync(dir));
    return KUSTOMIZATION_FILES.some((name) => names.has(name));
  } catch {
    return false;
  }
}

export type RenderOutcome = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly problem: Problem };

export async function renderKustomization(dir: string, shownAs: string, maxOutputBytes: number): Promise<RenderOutcome> {
  const base: Omit<ToolRequest, 'command' | 'args'> = {
    file: shownAs,
    cwd: dir,
    timeoutMs: 120_000,
    maxOutputBytes,
    installHint: 'Install kubectl (it includes kustomize) or kustomize, and make sure it is on PATH.',
  };
  const viaKubectl = await runTool({ ...base, command: 'kubectl', args: ['kustomize', dir] });
  if (viaKubectl.ok) return { ok: true, output: viaKubectl.stdout };
  if (!viaKubectl.missing) return viaKubectl;
  const standalone = await runTool({ ...base, command: 'kustomize', args: ['build', dir] });
  if (standalone.ok) return { ok: true, output: standalone.stdout };
  // Both missing: say so once, naming kubectl (the usual way to get kustomize).
  return standalone.missing ? viaKubectl : standalone;
}

/** The file an object came from, when kustomize recorded it in an origin annotation. */
export function originFile(object: Readonly<Record<string, unknown>>, overlayDir: string, shownAs: string): string | undefined {
  const metadata = object['metadata'];
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const annotations = (metadata as Record<string, unknown>)['annotations'];
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const origin = (annotations as Record<string, unknown>)['config.kubernetes.io/origin'];
  if (typeof origin !== 'string') return undefined;
  // The annotation is a small YAML mapping; `path:` is relative to the kustomization's directory.
  const match = /^path:\s*(\S.*?)\s*$/m.exec(origin);
  const relative = match?.[1];
  if (relative === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(relative)) return undefined;
  const absolute = path.resolve(overlayDir, relative);
  return path.join(shownAs, path.relative(overlayDir, absolute));
}
