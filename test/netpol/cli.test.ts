/** The built `palisade netpol` command end to end: formats, exit codes, located refusals. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';
import { SUITE, suitePresent } from './suite.js';

const built = existsSync(path.join(ROOT, 'dist/cli/main.js'));
const minimal = path.join(SUITE, 'tests/netpol-analysis-example-minimal');

describe.skipIf(!built || !suitePresent)('palisade netpol (built CLI, shared suite)', () => {
  it('lists connections in netpol-analyzer csv', () => {
    const run = palisade(['netpol', 'list', minimal, '--output', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('src,dst,conn');
    expect(run.stdout).toContain('default/frontend[Deployment],default/backend[Deployment],TCP 9090');
  });

  it('eval exits 0 when allowed and 1 when denied', () => {
    const allowed = palisade(['netpol', 'eval', minimal, '--source', 'default/frontend', '--destination', 'default/backend', '--port', '9090']);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('ALLOWED');
    const denied = palisade(['netpol', 'eval', minimal, '--source', 'default/backend', '--destination', 'default/frontend', '--port', '8080/TCP']);
    expect(denied.status).toBe(1);
    expect(denied.stdout).toContain('DENIED');
  });

  it('--multiple-networks prints one section per network and the workload-to-networks mapping', () => {
    const run = palisade(['netpol', 'list', path.join(SUITE, 'tests/nad_test_3'), '--multiple-networks']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Permitted connectivity analyzed in secondary NAD l2-network:\nns2/pod3[Pod] => ns1/pod2[Pod] : TCP 80\n');
    expect(run.stdout).toContain('Workload-to-Networks Mapping:\n');
    const diff = palisade(['netpol', 'diff', path.join(SUITE, 'tests/only_pods_test'), path.join(SUITE, 'tests/udn_test_1'), '--multiple-networks', '--output', 'csv']);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('removed,blue/webserver[Pod],green/webserver[Pod],All Connections,No Connections,');
  });

  it('notes what a CiliumNetworkPolicy holds beyond L3/L4', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-cilium-'));
    writeFileSync(
      path.join(dir, 'policy.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    image: x\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: l7\nspec:\n  endpointSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - toPorts:\n    - ports:\n      - port: "80"\n        protocol: TCP\n      rules:\n        http:\n        - method: GET\n',
    );
    const run = palisade(['netpol', 'list', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('0.0.0.0-255.255.255.255[External] => default/web[Pod] : TCP 80\ndefault/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections\n');
    expect(run.stderr).toContain('netpol-not-modelled');
    expect(run.stderr).toContain('CiliumNetworkPolicy default/l7: L7 rules (http) are not modelled');
  });

  it('refuses an invalid policy with a located problem and no stack trace', () => {
    const run = palisade(['netpol', 'list', path.join(SUITE, 'tests/bad_netpols/subdir1')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error netpol-invalid .*netpols\.yaml:\d+:\d+: .*CIDR error: invalid CIDR address/);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
