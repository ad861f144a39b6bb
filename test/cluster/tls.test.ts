// The loader over TLS, as against a real cluster: the kubeconfig's CA, client certificates, and
// the refusal of a server it cannot verify.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/loaders/cluster/index.js';
import { startApiServer, type ApiServerHandle } from '../support/apiserver/server.js';
import { objectsFromYaml } from '../support/apiserver/objects.js';
import { makeCertificates, opensslAvailable, type TestCertificates } from '../support/apiserver/tls.js';

const FIXTURE = new URL('fixtures/cluster.yaml', import.meta.url).pathname;
const haveOpenssl = opensslAvailable();
if (!haveOpenssl) console.warn('skipping TLS cluster tests: the openssl CLI is not installed');

describe.skipIf(!haveOpenssl)('loadCluster over TLS', () => {
  let server: ApiServerHandle;
  let certificates: TestCertificates;

  beforeAll(async () => {
    certificates = makeCertificates();
    server = await startApiServer({ objects: objectsFromYaml(FIXTURE), tls: certificates });
  });

  afterAll(async () => {
    await server.close();
  });

  it('verifies the server with the kubeconfig CA and logs in with the client certificate', async () => {
    expect(server.url).toMatch(/^https:/);
    const result = await loadCluster({ kubeconfig: server.kubeconfigPath('tls') });
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
  });

  it('reuses connections instead of a TLS handshake per request', async () => {
    const before = server.connections();
    const requestsBefore = server.requests.length;
    const result = await loadCluster({ kubeconfig: server.kubeconfigPath('keep-alive') });
    expect(result.problems).toEqual([]);
    const requests = server.requests.length - requestsBefore;
    expect(requests).toBeGreaterThan(30);
    // At most one connection per request running at once (a dozen discovery requests), not one per request.
    expect(server.connections() - before).toBeLessThanOrEqual(16);
  });

  it('refuses a server whose certificate it cannot verify', async () => {
    const result = await loadCluster({ kubeconfig: server.kubeconfigPath('untrusted', { trustCa: false }) });
    expect(result.resources).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.code).toBe('cluster-unreachable');
    expect(result.problems[0]?.message).toMatch(/certificate/i);
  });

  it('skips verification only when the kubeconfig says insecure-skip-tls-verify', async () => {
    const result = await loadCluster({ kubeconfig: server.kubeconfigPath('insecure', { trustCa: false, insecureSkipTlsVerify: true }) });
    expect(result.problems).toEqual([]);
  });

  it('logs in with a client certificate that an exec plugin prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-exec-tls-'));
    const status = { clientCertificateData: certificates.clientCert, clientKeyData: certificates.clientKey };
    writeFileSync(join(dir, 'plugin.mjs'), `console.log(${JSON.stringify(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }))});`);
    const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [join(dir, 'plugin.mjs')], interactiveMode: 'Never' };
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, readFileSync(server.kubeconfigPath('exec-cert', { clientCertificate: false }), 'utf8').replace('user: {}', `user:\n      exec: ${JSON.stringify(exec)}`));
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
  });

  it('reports a missing client certificate as rejected credentials', async () => {
    const result = await loadCluster({ kubeconfig: server.kubeconfigPath('anonymous', { clientCertificate: false }) });
    expect(result.problems[0]).toMatchObject({ code: 'cluster-unreachable' });
    expect(result.problems[0]?.message).toContain('rejected the credentials');
  });
});
