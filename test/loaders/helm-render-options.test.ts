/**
 * What helm is asked to render: the chart's CRDs (crds/, installed by `helm install` before the
 * templates, left out by `helm template` unless asked) are scanned, placed at their own lines;
 * and the Kubernetes version `.Capabilities.KubeVersion` reports can be chosen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locate } from '../../src/core/locate.js';
import { renderHelmChart } from '../../src/loaders/helm.js';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

let dir: string;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

const crd = (name: string): string => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}\nspec:\n  group: example.com\n  scope: Namespaced\n`;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-options-'));
  write('app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
  write('app/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
  // Two CRDs in one file, the second below a comment; a file led by `---`; a subchart's CRD.
  write('app/crds/widgets.yaml', `# widgets\n${crd('widgets.example.com')}---\n# gadgets\n${crd('gadgets.example.com')}`);
  write('app/crds/led.yaml', `---\n${crd('leds.example.com')}`);
  write('app/crds/more/deep.yaml', `---\n# deeper\n${crd('deep.example.com')}`);
  write('app/charts/sub/Chart.yaml', 'apiVersion: v2\nname: sub\nversion: 0.1.0\n');
  write('app/charts/sub/crds/parts.yaml', crd('parts.example.com'));
  write('gated/Chart.yaml', 'apiVersion: v2\nname: gated\nversion: 0.1.0\n');
  write(
    'gated/templates/pdb.yaml',
    '{{- if semverCompare ">=1.25-0" .Capabilities.KubeVersion.Version }}\napiVersion: policy/v1\n{{- else }}\napiVersion: policy/v1beta1\n{{- end }}\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\n  annotations:\n    kube: "{{ .Capabilities.KubeVersion.Version }}"\nspec:\n  minAvailable: 1\n',
  );
  write('monitored/Chart.yaml', 'apiVersion: v2\nname: monitored\nversion: 0.1.0\n');
  write('monitored/templates/sm.yaml', '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" }}\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: sm\n{{- end }}\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasHelm)('the CRDs of a chart', () => {
  it('are scanned like its templates, each at its own lines of its crds/ file', async () => {
    const result = await loadInputs({ paths: ['app'], cwd: dir });
    expect(result.problems).toEqual([]);
    const placed = Object.fromEntries(result.resources.map((r) => [r.name, { file: r.source.file, line: locate(r, '/metadata/name').line }]));
    expect(placed).toEqual({
      cm: { file: path.join('app', 'templates', 'cm.yaml'), line: 4 },
      'widgets.example.com': { file: path.join('app', 'crds', 'widgets.yaml'), line: 5 },
      'gadgets.example.com': { file: path.join('app', 'crds', 'widgets.yaml'), line: 14 },
      'leds.example.com': { file: path.join('app', 'crds', 'led.yaml'), line: 5 },
      'deep.example.com': { file: path.join('app', 'crds', 'more', 'deep.yaml'), line: 6 },
      'parts.example.com': { file: path.join('app', 'charts', 'sub', 'crds', 'parts.yaml'), line: 4 },
    });
  });
});

describe.skipIf(!hasHelm)('the Kubernetes version a chart is rendered for', () => {
  it('is the one asked for, else helm\'s own', async () => {
    const rendered = async (kubeVersion?: string): Promise<string> => {
      const outcome = await renderHelmChart(path.join(dir, 'gated'), 'gated', kubeVersion === undefined ? {} : { kubeVersion }, dir, 1 << 20);
      if (!outcome.ok) throw new Error(outcome.problem.message);
      return outcome.output;
    };
    expect(await rendered('1.21.5')).toContain('apiVersion: policy/v1beta1');
    expect(await rendered('1.21.5')).toContain('kube: "v1.21.5"');
    expect(await rendered()).toContain('apiVersion: policy/v1\n');
  });

  it('is refused by helm, located at the chart, when it is no version', async () => {
    const outcome = await renderHelmChart(path.join(dir, 'gated'), 'gated', { kubeVersion: 'latest' }, dir, 1 << 20);
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'render-failed', file: 'gated' } });
    if (!outcome.ok) expect(outcome.problem.message).toContain('latest');
  });
});

describe.skipIf(!hasHelm)('the API versions a chart sees', () => {
  it('are Kubernetes\' own, and those asked for', async () => {
    const kinds = async (apiVersions?: readonly string[]): Promise<string> => {
      const outcome = await renderHelmChart(path.join(dir, 'monitored'), 'monitored', apiVersions === undefined ? {} : { apiVersions }, dir, 1 << 20);
      if (!outcome.ok) throw new Error(outcome.problem.message);
      return outcome.output;
    };
    expect(await kinds()).not.toContain('ServiceMonitor');
    expect(await kinds(['monitoring.coreos.com/v1/ServiceMonitor'])).toContain('kind: ServiceMonitor');
  });
});

describe.skipIf(!hasHelm)('the rendering settings of a scan (.palisade.yaml helm.kubeVersion / helm.apiVersions, their flags and env)', () => {
  it('reach helm: a chart rendered for Kubernetes 1.21 writes the policy/v1beta1 PodDisruptionBudget that 1.25 removed', async () => {
    const { scan } = await import('../../src/sdk/index.js');
    const deprecated = async (settings: Record<string, unknown>): Promise<string[]> => {
      const report = await scan({ paths: ['gated', 'monitored'], cwd: dir, failOn: 'none', settings });
      return report.findings.filter((f) => f.ruleId === 'deprecated-api-version').map((f) => `${f.resource.kind}/${f.resource.name}`);
    };
    expect(await deprecated({})).toEqual([]);
    expect(await deprecated({ helmKubeVersion: 'v1.21.5' })).toEqual(['PodDisruptionBudget/pdb']);
    const withMonitor = await scan({ paths: ['monitored'], cwd: dir, failOn: 'none', settings: { helmApiVersions: ['monitoring.coreos.com/v1/ServiceMonitor'] } });
    expect(withMonitor.summary.resources).toBe(1);
  });
});
