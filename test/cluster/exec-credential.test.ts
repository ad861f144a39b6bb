// kubeconfig exec credential plugins against the test API server, with a small Node script as the
// plugin (what aws eks get-token, gke-gcloud-auth-plugin or kubelogin are to a real cluster).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/loaders/cluster/index.js';
import { kubeconfigFor, startApiServer, type ApiServerHandle } from '../support/apiserver/server.js';
import { objectsFromYaml } from '../support/apiserver/objects.js';

const OBJECTS = objectsFromYaml(new URL('fixtures/cluster.yaml', import.meta.url).pathname);
const TOKEN = 'exec-issued-token';
let server: ApiServerHandle | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A kubeconfig whose user runs `node plugin.mjs`; the plugin logs each run (with the
 * KUBERNETES_EXEC_INFO and PLUGIN_PROFILE it saw) to runs.log and prints `output`.
 */
function withPlugin(url: string, output: unknown, exec: Record<string, unknown> = {}): { kubeconfig: string; runs: () => { info: unknown; profile: string | null }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-exec-'));
  const log = join(dir, 'runs.log');
  writeFileSync(join(dir, 'plugin.mjs'), [
    "import { appendFileSync } from 'node:fs';",
    `appendFileSync(${JSON.stringify(log)}, JSON.stringify({ info: JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? 'null'), profile: process.env.PLUGIN_PROFILE ?? null }) + '\\n');`,
    typeof output === 'string' ? output : `console.log(${JSON.stringify(JSON.stringify(output))});`,
  ].join('\n'));
  const execEntry = { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [join(dir, 'plugin.mjs')], interactiveMode: 'Never', ...exec };
  const kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, kubeconfigFor(url, 'exec').replace('user: {}', `user:\n      exec: ${JSON.stringify(execEntry)}`));
  const runs = (): { info: unknown; profile: string | null }[] => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { info: unknown; profile: string | null });
    } catch {
      return [];
    }
  };
  return { kubeconfig, runs };
}

const credential = (status: Record<string, unknown>): unknown => ({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status });

describe('exec credential plugins', () => {
  it('runs the plugin once per scan when its credential has no expiry, as client-go caches it', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const { kubeconfig, runs } = withPlugin(server.url, credential({ token: TOKEN }));
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
    expect(server.requests.length).toBeGreaterThan(30);
    expect(runs()).toHaveLength(1);
  });

  it('tells the plugin about the call in KUBERNETES_EXEC_INFO, with the cluster when provideClusterInfo is set, and passes its env', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const exec = { provideClusterInfo: true, env: [{ name: 'PLUGIN_PROFILE', value: 'prod' }] };
    const { kubeconfig, runs } = withPlugin(server.url, credential({ token: TOKEN, expirationTimestamp: '2099-01-01T00:00:00Z' }), exec);
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([]);
    expect(runs()).toEqual([
      {
        info: { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', spec: { interactive: false, cluster: { server: server.url, 'insecure-skip-tls-verify': true } } },
        profile: 'prod',
      },
    ]);
    // The plugin's environment is its own, not the scanner's.
    expect(process.env['PLUGIN_PROFILE']).toBeUndefined();
  });

  it('tells an IfAvailable plugin that it may not prompt when there is no terminal', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const { kubeconfig, runs } = withPlugin(server.url, credential({ token: TOKEN }), { interactiveMode: 'IfAvailable' });
    const isTerminal = (stream: { readonly isTTY?: boolean }): boolean => stream.isTTY === true;
    const result = await loadCluster({ kubeconfig, namespaces: ['shop'] });
    expect(result.problems).toEqual([]);
    expect(runs()).toEqual([{ info: { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', spec: { interactive: isTerminal(process.stdin) } }, profile: null }]);
  });

  it('runs the plugin again once its credential has expired', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const { kubeconfig, runs } = withPlugin(server.url, credential({ token: TOKEN, expirationTimestamp: '2020-01-01T00:00:00Z' }));
    const result = await loadCluster({ kubeconfig, namespaces: ['shop'] });
    expect(result.problems).toEqual([]);
    expect(runs().length).toBeGreaterThan(1);
  });

  it('runs a plugin given by a relative path from the kubeconfig directory, as kubectl does', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const { kubeconfig, runs } = withPlugin(server.url, credential({ token: TOKEN }), { command: './plugin.sh', args: [] });
    writeFileSync(join(dirname(kubeconfig), 'plugin.sh'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$(dirname "$0")/plugin.mjs"\n`, { mode: 0o755 });
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([]);
    expect(runs()).toHaveLength(1);
  });

  it('reports a failing plugin with its exit code and what it printed on stderr', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const { kubeconfig } = withPlugin(server.url, "console.error('error: SSO session expired, run aws sso login'); process.exit(3);");
    const result = await loadCluster({ kubeconfig });
    expect(result.resources).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'cluster-unreachable', message: expect.stringMatching(/exit code 3: error: SSO session expired, run aws sso login/) as unknown })]);
  });

  it('refuses a credential in another apiVersion than the kubeconfig asked for', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const wrong = { apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: TOKEN } };
    const { kubeconfig } = withPlugin(server.url, wrong);
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'cluster-unreachable', message: expect.stringContaining('configured for client.authentication.k8s.io/v1 but printed client.authentication.k8s.io/v1beta1') as unknown })]);
  });

  it('names a plugin that is not installed, with the install hint', async () => {
    server = await startApiServer({ objects: OBJECTS, token: TOKEN });
    const { kubeconfig } = withPlugin(server.url, credential({ token: TOKEN }), { command: 'palisade-no-such-plugin', installHint: 'Install it with: brew install no-such-plugin' });
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'cluster-unreachable', message: expect.stringContaining('exec plugin palisade-no-such-plugin was not found (Install it with: brew install no-such-plugin)') as unknown }),
    ]);
  });

  it('reports an exec entry in an unsupported apiVersion as an invalid kubeconfig', async () => {
    const { kubeconfig } = withPlugin('http://127.0.0.1:1', credential({ token: TOKEN }), { apiVersion: 'client.authentication.k8s.io/v1alpha1' });
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kubeconfig-invalid', file: kubeconfig, message: expect.stringContaining('exec.apiVersion "client.authentication.k8s.io/v1alpha1" is not supported') as unknown })]);
  });
});
