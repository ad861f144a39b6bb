/**
 * A cluster asked for (--kubeconfig, --context) that cannot be read ends the command with exit 2,
 * even when manifests were read too: `scan k8s/ --kubeconfig typo.yaml` used to gate on the
 * manifests alone (exit 0 or 1), and attack-paths and rbac answered without the cluster, exit 0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-cluster-not-read-'));
const missing = join(dir, 'typo.yaml');
/** A cluster on a port nothing listens on: refused at once, no network needed. */
const closed = join(dir, 'closed.yaml');
writeFileSync(
  closed,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: ctx, context: {cluster: c, user: u}}]',
    'current-context: ctx',
    '',
  ].join('\n'),
);

const MANIFESTS = 'examples/manifests';

describe('a cluster asked for and not read', () => {
  it.each([
    ['scan, kubeconfig missing', ['scan', MANIFESTS, '--kubeconfig', missing], 'kubeconfig-invalid'],
    ['scan, unknown context', ['scan', MANIFESTS, '--kubeconfig', closed, '--context', 'prod'], 'context-not-found'],
    ['scan, cluster unreachable', ['scan', MANIFESTS, '--kubeconfig', closed, '-f', 'json'], 'cluster-unreachable'],
    ['attack-paths, kubeconfig missing', ['attack-paths', MANIFESTS, '--kubeconfig', missing], 'kubeconfig-invalid'],
    ['rbac who-can, kubeconfig missing', ['rbac', 'who-can', 'get', 'secrets', MANIFESTS, '--kubeconfig', missing], 'kubeconfig-invalid'],
    ['rbac paths, unknown context', ['rbac', 'paths', MANIFESTS, '--kubeconfig', closed, '--context', 'prod'], 'context-not-found'],
  ])('%s: exit 2, the problem said, no answer', (_name, args, code) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error ${code}\\b`, 'm'));
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
