/**
 * helm 3.17 resolves the `$ref`s of a chart's values.schema.json while validating values: an
 * http URL is fetched by `helm template`. A scanned chart must not make the scanner send
 * requests, so such a chart renders without schema validation; a schema that refers only to
 * itself is still validated. A local server counts what helm asks of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideRef } from '../../src/loaders/helm-schema.js';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

let dir: string;
let server: Server;
let requests: string[];
let base: string;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

function chart(relative: string, name: string, schema: string): void {
  write(`${relative}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  write(`${relative}/values.yaml`, 'replicas: 1\n');
  write(`${relative}/values.schema.json`, schema);
  write(`${relative}/templates/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-schema-'));
  requests = [];
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    response.end('{"type": "integer"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('schema references', () => {
  it('are outside unless they are fragments of the schema itself, however deep', () => {
    expect(outsideRef('{"properties": {"a": {"$ref": "#/definitions/a"}}, "definitions": {"a": {"type": "string"}}}')).toBeUndefined();
    expect(outsideRef('{"items": [{"allOf": [{"$ref": "https://example.com/k8s.json#/definitions/x"}]}]}')).toBe('https://example.com/k8s.json#/definitions/x');
    expect(outsideRef('{"properties": {"a": {"$ref": "other.json"}}}')).toBe('other.json');
    expect(outsideRef(`${'['.repeat(100_000)}{"$ref": "file:///etc/passwd"}${']'.repeat(100_000)}`)).toBe('file:///etc/passwd');
    expect(outsideRef('not json')).toBeUndefined();
  });
});

describe.skipIf(!hasHelm)('a chart whose values schema refers to a URL', () => {
  it('is rendered and scanned without helm fetching it, in a directory or a packaged subchart', async () => {
    chart('remote', 'remote', `{"type": "object", "properties": {"replicas": {"$ref": "${base}/replicas.json"}}}`);
    chart('umbrella', 'umbrella', '{"type": "object"}');
    chart('subchart', 'sub', `{"$id": "${base}/schemas/root.json", "type": "object", "properties": {"replicas": {"$ref": "replicas.json"}}}`);
    execFileSync('helm', ['package', path.join(dir, 'subchart'), '-d', path.join(dir, 'umbrella', 'charts')], { stdio: 'ignore', env: { ...process.env, HELM_CACHE_HOME: path.join(dir, '.helm'), HELM_CONFIG_HOME: path.join(dir, '.helm'), HELM_DATA_HOME: path.join(dir, '.helm') } });
    const result = await loadInputs({ paths: ['remote', 'umbrella'], cwd: dir });
    expect(result.problems).toEqual([]);
    expect(result.resources.map((r) => r.name).sort()).toEqual(['remote', 'sub', 'umbrella']);
    expect(requests).toEqual([]);
  });

  it('still has its values checked when the schema refers only to itself', async () => {
    chart('local', 'local', '{"type": "object", "properties": {"replicas": {"$ref": "#/definitions/count"}}, "definitions": {"count": {"type": "string"}}}');
    const result = await loadInputs({ paths: ['local'], cwd: dir });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: 'local' }]);
    expect(result.problems[0]?.message).toContain('replicas: Invalid type');
  });
});
