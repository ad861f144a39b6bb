/**
 * A rule that reports several things counts only under the controls its finding is about: a real
 * --framework scan of one object must fail the control the finding answers and no unrelated one.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/sdk/scan.js';

const NOW = new Date('2026-01-01T00:00:00Z');

async function statuses(framework: string, yaml: string, ids: readonly string[]): Promise<Record<string, string | undefined>> {
  const report = await scan({ paths: ['-'], stdin: Readable.from([yaml]), framework, now: NOW });
  expect(report.errors).toEqual([]);
  const byId = new Map(report.compliance?.controls.map((c) => [c.id, c.status]));
  return Object.fromEntries(ids.map((id) => [id, byId.get(id)]));
}

/** A kubelet configuration hardened as CIS 4.2 asks, but for the fields given. */
function kubelet(extra: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: ${extra.includes('anonymous') ? 'true' : 'false'}}
  webhook: {enabled: true}
  x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}
authorization: {mode: ${extra.includes('always-allow') ? 'AlwaysAllow' : 'Webhook'}}
readOnlyPort: 0
rotateCertificates: true
serverTLSBootstrap: true
protectKernelDefaults: true
${extra.includes('pids') ? '' : 'podPidsLimit: 4096\n'}`;
}

describe('kubelet-config findings', () => {
  it('count a missing podPidsLimit as a resource policy, not as authentication or node trust', async () => {
    const yaml = kubelet('pids');
    expect(await statuses('nsa-cisa', yaml, ['authn-authz/authentication', 'network/resource-policies', 'authn-authz/rbac'])).toEqual({
      'authn-authz/authentication': 'pass',
      'network/resource-policies': 'fail',
      // The kubelet's authorization mode is who may call its API, not Role-based access control.
      'authn-authz/rbac': 'manual',
    });
    expect(await statuses('nist-800-190', yaml, ['4.3.5'])).toEqual({ '4.3.5': 'pass' });
  });

  it('count AlwaysAllow, who may call the kubelet API, under authentication and not RBAC', async () => {
    expect(await statuses('nsa-cisa', kubelet('always-allow'), ['authn-authz/authentication', 'authn-authz/rbac'])).toEqual({
      'authn-authz/authentication': 'fail',
      'authn-authz/rbac': 'manual',
    });
  });

  it('count anonymous authentication under authentication and node trust', async () => {
    const yaml = kubelet('anonymous');
    expect(await statuses('nsa-cisa', yaml, ['authn-authz/authentication', 'network/resource-policies'])).toEqual({
      'authn-authz/authentication': 'fail',
      'network/resource-policies': 'pass',
    });
    expect(await statuses('nist-800-190', yaml, ['4.3.5'])).toEqual({ '4.3.5': 'fail' });
  });
});

describe('service-account-automount findings', () => {
  const account = (name: string): string => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: shop}\n`;

  it('fail CIS 5.1.5 only for a namespace\'s default ServiceAccount', async () => {
    expect(await statuses('cis-kubernetes', account('app'), ['5.1.5', '5.1.6'])).toEqual({ '5.1.5': 'pass', '5.1.6': 'fail' });
    expect(await statuses('cis-kubernetes', account('default'), ['5.1.5', '5.1.6'])).toEqual({ '5.1.5': 'fail', '5.1.6': 'fail' });
  });
});

describe('NSA/CISA sections answered by the rules made for them', () => {
  it('fails Pod security enforcement for a namespace where Pod Security admission enforces nothing', async () => {
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n';
    expect(await statuses('nsa-cisa', yaml, ['pod-security/enforcement'])).toEqual({ 'pod-security/enforcement': 'fail' });
  });

  it('fails Upgrading for an object on an API that upgraded clusters no longer serve', async () => {
    const yaml = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: registry.example/report:1.0}]
`;
    expect(await statuses('nsa-cisa', yaml, ['upgrading'])).toEqual({ upgrading: 'fail' });
  });
});
