/** The built `palisade netpol` command end to end: formats, exit codes, located refusals. */
import { existsSync } from 'node:fs';
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

  it('refuses an invalid policy with a located problem and no stack trace', () => {
    const run = palisade(['netpol', 'list', path.join(SUITE, 'tests/bad_netpols/subdir1')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error netpol-invalid .*netpols\.yaml:\d+:\d+: .*CIDR error: invalid CIDR address/);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
