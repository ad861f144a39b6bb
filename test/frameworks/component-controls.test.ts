/**
 * A control about one control-plane component, answered by a rule that judges several
 * (control-plane-profiling judges the controller manager's and the scheduler's --profiling): with
 * only a scheduler manifest scanned, CIS 1.3.2 (controller manager --profiling) passed, since the
 * rule had judged something. A pass there is an assurance the scan never earned.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-component-controls-'));
  writeFileSync(
    join(dir, 'kube-scheduler.yaml'),
    `apiVersion: v1
kind: Pod
metadata: {name: kube-scheduler, namespace: kube-system}
spec:
  hostNetwork: true
  containers:
    - name: kube-scheduler
      image: registry.k8s.io/kube-scheduler:v1.31.0
      command: [kube-scheduler, --kubeconfig=/etc/kubernetes/scheduler.conf, --profiling=false, --bind-address=127.0.0.1, --leader-elect=true]
`,
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('judges a component control only when the input runs that component', async () => {
  const report = await scan({ paths: [dir], cwd: dir, framework: 'cis-kubernetes' });
  const control = (id: string) => report.compliance?.controls.find((c) => c.id === id);
  expect(control('1.4.1')).toMatchObject({ status: 'pass' });
  expect(control('1.4.2')).toMatchObject({ status: 'pass' });
  for (const id of ['1.3.2', '1.3.7']) {
    expect(control(id), id).toMatchObject({ status: 'manual', reason: expect.stringMatching(/^no kube-controller-manager in the input for its rules to judge/) as string });
  }
});
