/**
 * An analysis of nothing is never a pass, for SDK callers as for the CLI: each entry point that
 * reads inputs says no-input when it read nothing, so a JSON consumer or a CI script sees why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { attackPaths, loadRbac, netpolGenerate, netpolList, scan } from '../../src/sdk/index.js';

const empty = mkdtempSync(join(tmpdir(), 'palisade-empty-'));
afterAll(() => {
  rmSync(empty, { recursive: true, force: true });
});

const codes = (problems: readonly { readonly code: string }[]): string[] => problems.map((p) => p.code);

it('says no-input from every entry point given an empty directory', async () => {
  expect(codes((await scan({ paths: [empty] })).errors)).toContain('no-input');
  expect(codes((await loadRbac({ paths: [empty] })).problems)).toContain('no-input');
  expect(codes((await attackPaths({ paths: [empty] })).problems)).toContain('no-input');
  expect(codes((await netpolList({ paths: [empty] })).problems)).toContain('no-input');
  expect(codes((await netpolGenerate({ paths: [empty] })).problems)).toContain('no-input');
});

it('says no-input from a scan whose only image target cannot be read', async () => {
  const report = await scan({ paths: [`oci-archive:${join(empty, 'missing.tar')}`] });
  expect(codes(report.errors)).toEqual(expect.arrayContaining(['image-not-found', 'no-input']));
});
