/**
 * Argo Rollouts' Rollout runs pods from the same template a Deployment has: a privileged Rollout
 * passed every workload rule, since only built-in workload kinds (and OpenShift's
 * DeploymentConfig) were read for their pods.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-rollout-'));
  const rollout = (group: string, name: string): string => `apiVersion: ${group}/v1alpha1
kind: Rollout
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: ${name}}}
  strategy: {canary: {steps: [{setWeight: 20}, {pause: {}}]}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0
          securityContext: {privileged: true}
`;
  writeFileSync(join(dir, 'rollout.yaml'), rollout('argoproj.io', 'checkout'));
  // Another group's Rollout is another type: nothing is known about its spec.
  writeFileSync(join(dir, 'other.yaml'), rollout('example.com', 'other'));
  // A Rollout that names a Deployment's template has no pod of its own.
  writeFileSync(join(dir, 'ref.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: ref, namespace: shop}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('judges the pod template of an argoproj.io Rollout as a workload', async () => {
  const report = await scan({ paths: [dir], cwd: dir, rules: ['privileged-container'] });
  expect(report.findings.map((f) => [f.resource.kind, f.resource.name, basename(f.location.file), f.location.line, f.location.path])).toEqual([
    ['Rollout', 'checkout', 'rollout.yaml', 14, '/spec/template/spec/containers/0/securityContext/privileged'],
  ]);
});
