/**
 * `palisade attack-paths` links the findings the report would show: an exception in
 * .palisade.yaml suppresses the finding, so no step names it, while the path itself (a fact about
 * the cluster, not a verdict of a rule) stays.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attackPaths } from '../../src/sdk/attack-paths.js';

const SCENARIO = 'test/attack/scenarios/internet-vulnerable-image';
const options = { paths: [`${SCENARIO}/cluster.yaml`], vulnerabilitiesFile: `${SCENARIO}/vulnerabilities.json`, from: ['internet'], to: ['secrets'] };
const dir = mkdtempSync(path.join(tmpdir(), 'palisade-settled-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tokenStep(result: Awaited<ReturnType<typeof attackPaths>>['result']) {
  return result.paths[0]?.steps.find((step) => step.kind === 'token-theft');
}

describe('attack-paths and configured exceptions', () => {
  it('drops an excepted finding from the steps but keeps the path', async () => {
    const plain = await attackPaths({ ...options, configFile: path.join(dir, 'absent.yaml') });
    expect(tokenStep(plain.result)?.findingIds.length).toBeGreaterThan(0);

    const config = path.join(dir, '.palisade.yaml');
    writeFileSync(config, 'exceptions:\n  - rule: service-account-token-automount\n    namespace: store\n    reason: accepted for the test\n');
    const excepted = await attackPaths({ ...options, configFile: config });
    expect(excepted.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(excepted.result.paths.length).toBe(plain.result.paths.length);
    const ids = tokenStep(excepted.result)?.findingIds ?? [];
    expect(ids.length).toBeLessThan(tokenStep(plain.result)?.findingIds.length ?? 0);
  });
});
