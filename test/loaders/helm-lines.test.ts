/**
 * A template that writes several documents: helm sorts its output by kind and counts nothing, so
 * each document must be placed at its own lines of the template, not counted from its `# Source:`
 * comment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locate } from '../../src/core/locate.js';
import { loadInputs } from '../../src/loaders/index.js';
import type { Resource } from '../../src/model/resource.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

let dir: string;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

const TEMPLATE = [
  'apiVersion: v1', // 1
  'kind: Pod',
  'metadata:',
  '  name: first',
  'spec:', // 5
  '  containers:',
  '  - name: c',
  '    image: nginx',
  '---',
  '', // 10
  '{{- if .Values.config }}',
  'apiVersion: v1', // 12: helm trims the blank line and the if
  'kind: ConfigMap',
  'metadata:',
  '  name: settings', // 15
  '{{- end }}',
  '---',
  'apiVersion: v1', // 18
  'kind: Pod',
  'metadata:', // 20
  '  name: second',
  'spec:',
  '  hostNetwork: true', // 23
  '  containers:',
  '  - name: c',
  '    image: nginx',
  '',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-lines-'));
  write('chart/Chart.yaml', 'apiVersion: v2\nname: multi\nversion: 0.1.0\n');
  write('chart/values.yaml', 'config: true\n');
  write('chart/templates/all.yaml', TEMPLATE);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasHelm)('documents of one template', () => {
  it('are each placed at their own lines of the template, whatever order helm prints them in', async () => {
    const result = await loadInputs({ paths: ['chart'], cwd: dir });
    expect(result.problems).toEqual([]);
    // helm prints the ConfigMap first: it sorts by kind.
    expect(result.resources.map((r) => r.name)).toEqual(['settings', 'first', 'second']);
    const named = (name: string): Resource => {
      const found = result.resources.find((r) => r.name === name);
      if (found === undefined) throw new Error(`no ${name}`);
      return found;
    };
    const file = path.join('chart', 'templates', 'all.yaml');
    expect(named('first').source).toMatchObject({ file, position: { line: 1, column: 1 } });
    expect(locate(named('settings'), '/metadata/name')).toMatchObject({ file, line: 15, column: 3 });
    expect(named('second').source.position).toEqual({ line: 18, column: 1 });
    expect(locate(named('second'), '/spec/hostNetwork')).toMatchObject({ file, line: 23, column: 3 });
  });
});

describe.skipIf(!hasHelm)('a forged # Source: comment', () => {
  it('does not make the scan open a named pipe of the chart that helm was told to ignore', async () => {
    write('forged/Chart.yaml', 'apiVersion: v2\nname: forged\nversion: 0.1.0\n');
    write('forged/.helmignore', 'pipe\n');
    write('forged/templates/cm.yaml', '# Source: forged/pipe\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: forged\n');
    execFileSync('mkfifo', [path.join(dir, 'forged', 'pipe')]);
    const result = await loadInputs({ paths: ['forged'], cwd: dir });
    expect(result.resources.map((r) => r.name)).toEqual(['forged']);
  }, 20_000);
});
