// `palisade snapshot`: what a cluster load read, written so it can be read back for offline scans.
import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LoadResult } from '../../src/core/loader.js';
import { loadCluster, writeSnapshot } from '../../src/loaders/cluster/index.js';
import { startApiServer, type ApiServerHandle } from '../support/apiserver/server.js';
import { objectsFromYaml } from '../support/apiserver/objects.js';

const FIXTURE = new URL('fixtures/cluster.yaml', import.meta.url).pathname;
let server: ApiServerHandle;
let loaded: LoadResult;

beforeAll(async () => {
  server = await startApiServer({ objects: objectsFromYaml(FIXTURE) });
  loaded = await loadCluster({ kubeconfig: server.kubeconfigPath('snap') });
});

afterAll(async () => {
  await server.close();
});

function expectedItems(result: LoadResult): unknown[] {
  const key = (r: LoadResult['resources'][number]): string => `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
  return [...result.resources].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((r) => r.object);
}

describe('writeSnapshot', () => {
  it.each(['yaml', 'json'] as const)('round-trips every object through %s', (format) => {
    expect(loaded.problems).toEqual([]);
    const text = writeSnapshot(loaded, format);
    const list = (format === 'json' ? JSON.parse(text) : parse(text)) as { apiVersion: string; kind: string; items: unknown[] };
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(loaded.resources.length);
    expect(list.items).toEqual(expectedItems(loaded));
  });

  it('orders items by kind, namespace, then name, whatever order they were read in', () => {
    const reversed: LoadResult = { ...loaded, resources: [...loaded.resources].reverse() };
    expect(writeSnapshot(reversed, 'yaml')).toBe(writeSnapshot(loaded, 'yaml'));
    const items = (JSON.parse(writeSnapshot(loaded, 'json')) as { items: { kind: string }[] }).items;
    expect(items[0]?.kind).toBe('ClusterRole');
    expect(items.at(-1)?.kind).toBe('ValidatingWebhookConfiguration');
  });

  it('reads the same under YAML 1.1 and 1.2 parsers (kubectl uses 1.1)', () => {
    const text = writeSnapshot(loaded, 'yaml');
    // The fixture holds "0o17" (a 1.2 octal), "on"/"yes" (1.1 booleans) as strings.
    expect(text).toMatch(/['"]0o17['"]/);
    expect(parse(text, { version: '1.1' })).toEqual(parse(text));
    expect(jsYaml.load(text)).toEqual(parse(text));
  });

  it.each(['0o17', '1_000', '+.5', '1:20', 'yes', 'on', 'NULL', '~', '010', '0x1F', '1e3', '2026-01-01', '', ' lead', 'a: b', '#c', 'multi\nline\n'])(
    'keeps the string %j a string under every reader',
    (value) => {
      const result: LoadResult = { ...loaded, resources: loaded.resources.slice(0, 1).map((r) => ({ ...r, object: { ...r.object, data: { [value]: value } } })) };
      const text = writeSnapshot(result, 'yaml');
      const expected = { [value]: value };
      for (const read of [parse(text, { version: '1.1' }), parse(text), jsYaml.load(text)] as { items: { data: unknown }[] }[]) {
        expect(read.items[0]?.data).toEqual(expected);
      }
    },
  );

  it('holds no secret values', () => {
    const text = writeSnapshot(loaded, 'yaml');
    expect(text).toContain('db-credentials');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('aHVudGVyMg');
  });

  it('writes an empty List when nothing was read', () => {
    expect(JSON.parse(writeSnapshot({ resources: [], problems: [], inputs: [] }, 'json'))).toEqual({ apiVersion: 'v1', kind: 'List', metadata: {}, items: [] });
  });
});

describe('snapshot of a cluster larger than scan reads by default', () => {
  it('says so, with the size to allow', async () => {
    // 1,100 ConfigMaps of 16 kB (pages of 500 stay small): one List past the 16 MiB that scan
    // reads from one file by default.
    const configMap = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i)}`, namespace: 'default' }, data: { blob: 'x'.repeat(16_000) } });
    const large = await startApiServer({ objects: Array.from({ length: 1100 }, (_, i) => configMap(i)) });
    try {
      const { snapshot } = await import('../../src/sdk/snapshot.js');
      const result = await snapshot({ kubeconfig: large.kubeconfigPath('big') });
      const note = result.problems.find((p) => p.code === 'snapshot-over-scan-limit');
      expect(result.objects).toBe(1100);
      expect(note?.message).toMatch(/^the snapshot is 17\d{6} bytes, more than the 16777216 that scan reads from one file by default$/);
      expect(note?.hint).toMatch(/--limits-max-file-bytes/);
    } finally {
      await large.close();
    }
  });
});
