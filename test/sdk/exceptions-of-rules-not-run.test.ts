/**
 * An exception for a rule the scan did not run (narrowed by --framework, --rules or
 * --exclude-rules) matched nothing because nothing was judged: calling it unused, whose advice is
 * to remove it, would have a user delete an exception the full scan still needs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-exceptions-not-run-'));
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: ops}\nspec:\n  hostPID: true\n  containers: [{name: agent, image: agent:1.0, securityContext: {privileged: true}}]\n');
  writeFileSync(
    join(dir, '.palisade.yaml'),
    ['exceptions:', '  - rule: privileged-container', '    namespace: ops', '    reason: the node agent needs it', '  - rule: host-pid', '    namespace: nowhere', '    reason: stale', ''].join('\n'),
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const unused = (errors: readonly { readonly code: string; readonly message: string }[]): string[] => errors.filter((p) => p.code === 'exception-unused').map((p) => p.message);

it('does not call an exception unused when its rules did not run', async () => {
  const report = await scan({ paths: [dir], cwd: dir, rules: ['host-pid'] });
  expect(unused(report.errors)).toEqual(['exception #1 (host-pid) matched no finding']);
});

it('still calls it unused when its rule ran and matched nothing', async () => {
  const report = await scan({ paths: [dir], cwd: dir, rules: ['host-pid', 'privileged-container'] });
  expect(unused(report.errors)).toEqual(['exception #1 (host-pid) matched no finding']);
  expect(report.findings.find((f) => f.ruleId === 'privileged-container')?.suppressed).toBe(true);
});

it('does not call an exception unused when the scan left its namespace out (--namespace)', async () => {
  writeFileSync(join(dir, 'legacy.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: old, namespace: legacy}\nspec: {containers: [{name: c, image: old:1.0, securityContext: {privileged: true}}]}\n');
  writeFileSync(
    join(dir, '.palisade.yaml'),
    ['exceptions:', '  - rule: privileged-container', '    namespace: legacy', '    reason: retired next quarter', '  - rule: host-pid', '    namespace: nowhere', '    reason: stale', ''].join('\n'),
  );
  const report = await scan({ paths: [dir], cwd: dir, namespaces: ['ops'] });
  expect(unused(report.errors)).toEqual([]);
  const all = await scan({ paths: [dir], cwd: dir });
  expect(unused(all.errors)).toEqual(['exception #1 (host-pid) matched no finding']);
});
