/**
 * Done-when of the foundation: scanning the bundled example from files and from a live cluster
 * (the test API server serving the same objects) gives the same findings.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type Finding, type Report } from '../../src/sdk/index.js';
import { startApiServer, type ApiServerHandle } from '../support/apiserver/server.js';
import { objectsFromYaml } from '../support/apiserver/objects.js';
import { ROOT } from '../support/cli.js';

const MANIFESTS = join(ROOT, 'examples/manifests');
const NOW = new Date('2026-01-01T00:00:00Z');

/** What a finding says, without where the object came from (files have lines, clusters do not). */
/** A message may cite where a related object was written (" at FILE:LINE"): files have lines, a cluster has none. */
function essence(f: Finding): string {
  const r = f.resource;
  return [f.ruleId, r.kind, r.namespace ?? '', r.name, f.location.path, f.severity, f.message.replace(/ at \S+:\d+(?=[:;])/g, '')].join(' | ');
}

describe('the bundled example, from files and from a live cluster', () => {
  let server: ApiServerHandle;
  let fromFiles: Report;
  let fromCluster: Report;

  beforeAll(async () => {
    const objects = readdirSync(MANIFESTS)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .flatMap((name) => objectsFromYaml(join(MANIFESTS, name)));
    server = await startApiServer({ objects, pageSize: 3 });
    fromFiles = await scan({ paths: [MANIFESTS], now: NOW, cwd: ROOT });
    fromCluster = await scan({ cluster: { kubeconfig: server.kubeconfigPath('example') }, now: NOW, cwd: ROOT });
  });

  afterAll(async () => {
    await server.close();
  });

  it('reads every object both ways without errors', () => {
    expect(fromCluster.errors).toEqual([]);
    expect(fromFiles.errors).toEqual([]);
    expect(fromCluster.summary.resources).toBe(fromFiles.summary.resources);
  });

  it('gives the same findings', () => {
    expect(fromFiles.findings.length).toBeGreaterThan(20);
    expect(fromCluster.findings.map(essence).sort()).toEqual(fromFiles.findings.map(essence).sort());
  });

  it('locates cluster findings by object, not by file line', () => {
    const finding = fromCluster.findings[0];
    expect(finding?.location.file).toMatch(/^cluster:/);
  });
});
