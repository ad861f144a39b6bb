/** Root file systems on disk for `dir:` targets, built from a map of files and links, removed after the file's tests. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

export type RootfsMaker = (entries: Record<string, string>, links?: Record<string, string>) => string;

export function rootfsMaker(): RootfsMaker {
  const made: string[] = [];
  afterAll(() => {
    for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  return (entries, links = {}) => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-rootfs-'));
    made.push(root);
    for (const [path, content] of Object.entries(entries)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    for (const [path, target] of Object.entries(links)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      symlinkSync(target, join(root, path));
    }
    return root;
  };
}
