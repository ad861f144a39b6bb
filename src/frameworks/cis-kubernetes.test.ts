/**
 * The CIS mapping judged end to end: a scan with --framework cis-kubernetes over control-plane
 * static pods, each control's status as kube-bench would give it for the same flags.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scan } from '../sdk/scan.js';
import { controlPlanePod } from '../../test/support/static-pods.js';

const NOW = new Date('2026-01-01T00:00:00Z');

async function statuses(yaml: string, ids: readonly string[]): Promise<Record<string, string | undefined>> {
  const report = await scan({ paths: ['-'], stdin: Readable.from([yaml]), framework: 'cis-kubernetes', now: NOW });
  const byId = new Map(report.compliance?.controls.map((c) => [c.id, c.status]));
  return Object.fromEntries(ids.map((id) => [id, byId.get(id)]));
}

describe('CIS Kubernetes sections 1-4', () => {
  it('fails the audit retention, encryption provider and audit policy controls of an API server with no audit log or encryption config', async () => {
    // kubeadm's defaults: no --audit-log-*, no --audit-policy-file, no --encryption-provider-config.
    const yaml = controlPlanePod([{ component: 'kube-apiserver', flags: ['--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction'] }]);
    expect(await statuses(yaml, ['1.2.16', '1.2.17', '1.2.18', '1.2.19', '1.2.27', '1.2.28', '3.2.1', '3.2.2'])).toEqual({
      '1.2.16': 'fail',
      '1.2.17': 'fail',
      '1.2.18': 'fail',
      '1.2.19': 'fail',
      '1.2.27': 'fail',
      '1.2.28': 'fail',
      '3.2.1': 'fail',
      '3.2.2': 'fail',
    });
  });

  it('passes them when the flags are set and no policy or encryption file is in the input to judge', async () => {
    const yaml = controlPlanePod([{
      component: 'kube-apiserver',
      flags: ['--audit-log-path=/var/log/audit.log', '--audit-policy-file=/etc/p.yaml', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100', '--encryption-provider-config=/etc/enc.yaml'],
    }]);
    expect(await statuses(yaml, ['1.2.16', '1.2.17', '1.2.18', '1.2.19', '1.2.27', '1.2.28', '3.2.1', '3.2.2'])).toEqual({
      '1.2.16': 'pass',
      '1.2.17': 'pass',
      '1.2.18': 'pass',
      '1.2.19': 'pass',
      '1.2.27': 'pass',
      '1.2.28': 'pass',
      '3.2.1': 'pass',
      '3.2.2': 'pass',
    });
  });

  it('passes 3.2.1 for an API server with an audit policy whose events go only to a webhook', async () => {
    const yaml = controlPlanePod([{ component: 'kube-apiserver', flags: ['--audit-policy-file=/etc/p.yaml', '--audit-webhook-config-file=/etc/w.yaml'] }]);
    expect(await statuses(yaml, ['1.2.16', '3.2.1', '3.2.2'])).toEqual({ '1.2.16': 'fail', '3.2.1': 'pass', '3.2.2': 'pass' });
  });
});
