import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locate } from '../../src/core/locate.js';
import { loadInputs } from '../../src/loaders/index.js';
import { scan } from '../../src/sdk/index.js';
import { hasHelm, hasKustomize } from '../support/render-tools.js';

const fixtures = fileURLToPath(new URL('../fixtures/loaders/', import.meta.url));

if (!hasHelm) console.warn('helm not installed: helm chart tests skipped (run scripts/setup-tools.sh)');
if (!hasKustomize) console.warn('kubectl kustomize not installed: kustomize tests skipped');

describe.skipIf(!hasHelm)('Helm charts', () => {
  it('renders with values files and --set, mapping resources back to their templates', async () => {
    const result = await loadInputs({
      paths: ['chart/web'],
      cwd: fixtures,
      helm: { valuesFiles: ['chart/web/values-prod.yaml'], set: ['image=busybox:1.36', 'service.enabled=false'] },
    });
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual(['chart/web']);
    const [deployment, ...rest] = result.resources;
    expect(rest).toEqual([]); // service.enabled=false removed the Service
    if (deployment === undefined) throw new Error('no deployment rendered');
    expect(deployment).toMatchObject({ kind: 'Deployment', name: 'release-name-web' });
    expect(deployment.source).toMatchObject({ file: 'chart/web/templates/deployment.yaml', renderedBy: 'helm' });
    const spec = (deployment.object['spec'] as { replicas: number; template: { spec: { hostNetwork: boolean; containers: { image: string }[] } } });
    expect(spec.replicas).toBe(5);
    expect(spec.template.spec.hostNetwork).toBe(true);
    expect(spec.template.spec.containers[0]?.image).toBe('busybox:1.36');
    // Lines count from the template's `# Source:` comment: here they match the template's own lines.
    expect(locate(deployment, '/spec/template/spec/hostNetwork')).toMatchObject({ line: 17, column: 7 });
    expect(locate(deployment, '/spec/template/spec/containers/0/image')).toMatchObject({ line: 20, column: 11 });
  });

  it('renders for the release namespace the configuration names (helm.namespace, --helm-namespace)', async () => {
    const chart = fileURLToPath(new URL('../../examples/helm/billing', import.meta.url));
    const namespaces = async (settings: Record<string, unknown>): Promise<string[]> => {
      const report = await scan({ paths: [chart], rules: ['workload-in-default-namespace'], failOn: 'none', settings });
      expect(report.errors).toEqual([]);
      return report.findings.map((f) => f.resource.namespace ?? '');
    };
    // The chart writes namespace: {{ .Release.Namespace }}: helm's default release namespace is "default".
    expect(await namespaces({})).toEqual(['default', 'default']);
    expect(await namespaces({ helmNamespace: 'billing' })).toEqual([]);
  });

  it('renders defaults when no values are given', async () => {
    const result = await loadInputs({ paths: ['chart'], cwd: fixtures });
    expect(result.resources.map((r) => `${r.kind}@${r.source.file}`)).toEqual(['Service@chart/web/templates/service.yaml', 'Deployment@chart/web/templates/deployment.yaml']);
  });

  it('reports a render failure with the first line of helm\'s error', async () => {
    const result = await loadInputs({ paths: ['chart/web'], cwd: fixtures, helm: { set: ['{{broken'] } });
    expect(result.resources).toEqual([]);
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: 'chart/web', level: 'error' }]);
    expect(result.problems[0]?.message).toContain('failed parsing --set data');
  });
});

describe.skipIf(!hasKustomize)('Kustomize overlays', () => {
  it('renders an overlay instead of walking it, mapping objects to their origin files', async () => {
    const result = await loadInputs({ paths: ['kustomize/overlays/prod'], cwd: fixtures });
    expect(result.problems).toEqual([]);
    expect(result.resources.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}@${r.source.file}`)).toEqual([
      'Service/prod/prod-api@kustomize/base/service.yaml',
      'Deployment/prod/prod-api@kustomize/base/deployment.yaml',
    ]);
    const deployment = result.resources[1];
    if (deployment === undefined) throw new Error('no deployment');
    expect(deployment.source.renderedBy).toBe('kustomize');
    const container = (deployment.object['spec'] as { template: { spec: { containers: { securityContext?: { privileged?: boolean } }[] } } }).template.spec.containers[0];
    expect(container?.securityContext?.privileged).toBe(true);
    // Lines are the origin file's: what the base wrote is found where it was written; a field a
    // patch added is placed at its nearest ancestor in the base.
    expect(deployment.source.position).toEqual({ line: 1, column: 1 });
    expect(locate(deployment, '/spec/template/spec/containers/0/image')).toMatchObject({ file: 'kustomize/base/deployment.yaml', line: 16, column: 11 });
    expect(locate(deployment, '/spec/template/spec/containers/0/securityContext/privileged')).toMatchObject({ file: 'kustomize/base/deployment.yaml', line: 15, column: 11 });
  });

  it('maps objects to their files even when the kustomization does not ask for origin annotations', async () => {
    const result = await loadInputs({ paths: ['../../../examples/kustomize/overlays/prod'], cwd: fixtures });
    expect(result.problems).toEqual([]);
    const files = result.resources.map((r) => r.source.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((file) => file.startsWith('../../../examples/kustomize/base/') && file.endsWith('.yaml'))).toBe(true);
    // Rendering through a wrapper leaves nothing behind in the user's tree.
    expect(readdirSync(new URL('../../examples/kustomize/overlays/prod', import.meta.url))).toEqual(['kustomization.yaml']);
  });

  it('renders a base used by an overlay of the same tree only through that overlay', async () => {
    const result = await loadInputs({ paths: ['kustomize', 'kustomize/overlays/prod'], cwd: fixtures });
    expect(result.inputs).toEqual(['kustomize/overlays/prod']);
    expect(result.problems).toMatchObject([{ code: 'kustomize-base', level: 'note', file: 'kustomize/base' }]);
    expect(result.resources.map((r) => `${r.name}@${r.source.file}`)).toEqual(['prod-api@kustomize/base/service.yaml', 'prod-api@kustomize/base/deployment.yaml']);
  });
});

describe('missing tools', () => {
  it('reports tool-missing naming what to install', async () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const helm = await loadInputs({ paths: ['chart/web'], cwd: fixtures });
      expect(helm.problems).toMatchObject([{ code: 'tool-missing', file: 'chart/web' }]);
      expect(helm.problems[0]?.hint).toContain('helm');
      const kustomize = await loadInputs({ paths: ['kustomize/overlays/prod'], cwd: fixtures });
      expect(kustomize.problems).toMatchObject([{ code: 'tool-missing' }]);
      expect(kustomize.problems[0]?.hint).toContain('kubectl');
    } finally {
      process.env['PATH'] = saved;
    }
  });
});
