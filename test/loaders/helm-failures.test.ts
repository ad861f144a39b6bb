/**
 * A chart that helm refuses to render (`required`, `fail`, a template error, YAML the template
 * produced) is one located problem, placed in the template helm names, and the other inputs of
 * the scan are still read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmSources, isPackagedChart, renderHelmChart } from '../../src/loaders/helm.js';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

let dir: string;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

function chart(relative: string, name: string, templates: Record<string, string>): void {
  write(`${relative}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  for (const [file, text] of Object.entries(templates)) write(`${relative}/templates/${file}`, text);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-failures-'));
  // The directory name differs from the chart name: helm prints the chart name.
  chart('repo/charts-dir/web', 'webapp', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n' });
  chart('repo/umbrella', 'umbrella', { 'own.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: own\n' });
  chart('repo/umbrella/charts/db', 'db', { 'pod.yaml': '# the database\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.a.b }}\n' });
  chart('repo/syntax', 'syntax', { 'x.yaml': 'x: {{ .Values.a }\n' });
  chart('repo/bad-yaml', 'bad-yaml', { 'x.yaml': 'a: b\n c: d: e\n' });
  // A monorepo: a library chart beside the application chart that vendors it under charts/.
  const library = { 'Chart.yaml': 'apiVersion: v2\nname: common\nversion: 0.1.0\ntype: library\n', 'templates/_cm.tpl': '{{- define "common.cm" -}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-common\n{{- end -}}\n' };
  for (const [file, text] of Object.entries(library)) {
    write(`mono/common/${file}`, text);
    write(`mono/app/charts/common/${file}`, text);
  }
  write('mono/app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: common\n  version: 0.1.0\n  repository: file://../common\n');
  write('mono/app/templates/cm.yaml', '{{ include "common.cm" . }}\n');
  write('repo/plain.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasHelm)('charts helm cannot render', () => {
  it('places each failure in the template helm names, and reads the other inputs', async () => {
    const result = await loadInputs({ paths: ['repo'], cwd: dir });
    expect(result.resources.map((r) => r.name)).toEqual(['plain']);
    const failures = result.problems
      .filter((p) => p.code === 'render-failed')
      .map((p) => ({ file: p.file, line: p.line, column: p.column }))
      .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? ''));
    expect(failures).toEqual([
      { file: 'repo/bad-yaml/templates/x.yaml', line: undefined, column: undefined },
      { file: 'repo/charts-dir/web/templates/cm.yaml', line: 4, column: 12 },
      { file: 'repo/syntax/templates/x.yaml', line: 1, column: undefined },
      { file: 'repo/umbrella/charts/db/templates/pod.yaml', line: 5, column: 19 },
    ]);
    // helm counts columns from 0; Palisade from 1, as everywhere: column 12 is `required`.
    const required = result.problems.find((p) => p.file === 'repo/charts-dir/web/templates/cm.yaml');
    expect(required?.message).toContain('name is required');
  });

  it('notes a library chart (helm will not render one) and renders the charts that use it', async () => {
    const result = await loadInputs({ paths: ['mono'], cwd: dir });
    expect(result.resources.map((r) => `${r.name}@${r.source.file}`)).toEqual(['release-name-common@mono/app/templates/cm.yaml']);
    expect(result.problems).toMatchObject([{ code: 'not-a-manifest', level: 'note', file: 'mono/common' }]);
    expect(result.problems[0]?.message).toContain('library chart');
  });

  it('keeps the chart as the place when helm names no template (a bad --set)', async () => {
    const result = await loadInputs({ paths: ['repo/umbrella'], cwd: dir, helm: { set: ['{{broken'] } });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: 'repo/umbrella' }]);
    expect(result.problems[0]?.line).toBeUndefined();
  });
});

describe.skipIf(!hasHelm)('values helm cannot read', () => {
  const bomb = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array.from({ length: 9 }, () => `*a${i}`).join(', ')}]`)].join('\n');

  it('places the failure at the values file: the chart\'s, a subchart\'s or one given with --values', async () => {
    chart('vals/own', 'own', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: own\n' });
    write('vals/own/values.yaml', `${bomb}\n`);
    chart('vals/umbrella', 'umbrella', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: umbrella\n' });
    chart('vals/umbrella/charts/db-dir', 'db', {});
    write('vals/umbrella/charts/db-dir/values.yaml', 'a: b\n  c: d: e\n');
    const result = await loadInputs({ paths: ['vals'], cwd: dir });
    const placed = result.problems.map((p) => ({ code: p.code, file: p.file, line: p.line })).sort((a, b) => (a.file ?? '').localeCompare(b.file ?? ''));
    expect(placed).toEqual([
      { code: 'render-failed', file: path.join('vals', 'own', 'values.yaml'), line: undefined },
      { code: 'render-failed', file: path.join('vals', 'umbrella', 'charts', 'db-dir', 'values.yaml'), line: 2 },
    ]);
    expect(result.problems.find((p) => p.file === path.join('vals', 'own', 'values.yaml'))?.message).toContain('excessive aliasing');

    write('prod.yaml', 'replicas: 2\n  image: x: y\n');
    const given = await loadInputs({ paths: ['repo/umbrella'], cwd: dir, helm: { valuesFiles: ['prod.yaml'] } });
    expect(given.problems).toMatchObject([{ code: 'render-failed', file: 'prod.yaml', line: 2 }]);
  });
});

describe.skipIf(!hasHelm)('a packaged chart', () => {
  it('is known by name and gzip bytes, and renders with its templates named inside the archive', async () => {
    execFileSync('helm', ['package', path.join(dir, 'repo', 'umbrella'), '-d', path.join(dir, 'packaged')], { stdio: 'ignore', env: { ...process.env, HELM_CACHE_HOME: path.join(dir, '.helm'), HELM_CONFIG_HOME: path.join(dir, '.helm'), HELM_DATA_HOME: path.join(dir, '.helm') } });
    write('packaged/fake.tgz', 'not gzip');
    const archive = path.join(dir, 'packaged', 'umbrella-0.1.0.tgz');
    expect(isPackagedChart(archive)).toBe(true);
    expect(isPackagedChart(path.join(dir, 'packaged', 'fake.tgz'))).toBe(false);
    expect(isPackagedChart(path.join(dir, 'repo', 'plain.yaml'))).toBe(false);
    // The packaged umbrella's subchart needs a value it lacks: helm's error names the template inside the archive.
    const failed = await renderHelmChart(archive, 'umbrella-0.1.0.tgz', {}, dir, 1 << 20);
    expect(failed).toMatchObject({ ok: false, problem: { code: 'render-failed', file: path.join('umbrella-0.1.0.tgz', 'charts', 'db', 'templates', 'pod.yaml'), line: 5 } });
    const rendered = await renderHelmChart(archive, 'umbrella-0.1.0.tgz', { set: ['db.a.b=db'] }, dir, 1 << 20);
    if (!rendered.ok) throw new Error(rendered.problem.message);
    expect(helmSources(rendered.output).map((s) => s.source)).toEqual(['umbrella/templates/own.yaml', 'umbrella/charts/db/templates/pod.yaml']);
    // Named as an input, the archive is rendered like its chart directory, not noted as binary.
    const loaded = await loadInputs({ paths: ['packaged/umbrella-0.1.0.tgz'], cwd: dir, helm: { valuesFiles: [], set: ['db.a.b=db'] } });
    expect(loaded.problems.map((p) => p.code)).not.toContain('binary-file');
    expect(loaded.resources.map((r) => `${r.kind} ${r.source.file}`)).toEqual([
      `ConfigMap ${path.join('packaged', 'umbrella-0.1.0.tgz', 'templates', 'own.yaml')}`,
      `Pod ${path.join('packaged', 'umbrella-0.1.0.tgz', 'charts', 'db', 'templates', 'pod.yaml')}`,
    ]);
  });
});
