/**
 * For tests of charts and overlays: whether helm and `kubectl kustomize` run on this machine (their
 * tests are skipped otherwise), and a writer of files under a temporary tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function available(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, [...args], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

export const hasHelm = available('helm', ['version', '--short']);
export const hasKustomize = available('kubectl', ['kustomize', '--help']);

/** Writes `content` at `relative` under `root`, creating the directories on the way. */
export function writeUnder(root: string, relative: string, content: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}
