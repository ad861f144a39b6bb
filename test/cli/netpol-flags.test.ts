/**
 * netpol flags that name something (a port, a workload, an end of a connection) are the user's
 * typing, not an object of the input: a wrong one is a problem whose hint says how to write the
 * flag, never "fix the object", and a workload name that matches nothing is refused rather than
 * answered with an empty list (which reads as "this workload talks to nobody").
 */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const MANIFESTS = 'examples/manifests';

function problemLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('error '));
}

describe('netpol flag problems', () => {
  it.each([
    ['list --focus-conn', ['netpol', 'list', MANIFESTS, '--focus-conn', 'tcp80'], /^error netpol-invalid: invalid focus conn value: tcp80; must be <protocol-port> format \(hint: Write --focus-conn as PROTOCOL-PORT/],
    ['eval --source', ['netpol', 'eval', MANIFESTS, '--source', 'shop/nothing', '--destination', 'shop/api', '--port', '80'], /^error netpol-invalid: source "shop\/nothing" is neither an IPv4 address nor a workload of the input .* \(hint: Name a workload as NAMESPACE\/NAME/],
    ['eval, two addresses', ['netpol', 'eval', MANIFESTS, '--source', '10.0.0.1', '--destination', '10.0.0.2', '--port', '80'], /^error netpol-invalid: source and destination are both IP addresses.* \(hint: Name a workload/],
  ])('%s: the hint is about the flag', (_name, args, expected) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    const lines = problemLines(run.stderr);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(run.stderr).not.toContain('Fix the object');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it.each([
    ['txt', 'txt'],
    ['json', 'json'],
    ['palisade-json', 'palisade-json'],
    ['html', 'html'],
  ])('list --focus-workload naming no workload (%s): exit 2, said, nothing printed', (_name, format) => {
    const run = palisade(['netpol', 'list', MANIFESTS, '--focus-workload', 'frontend', '--output', format]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = problemLines(run.stderr);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^error netpol-invalid: --focus-workload names no workload of the input: "frontend" \(hint: Name a workload as NAME, NAMESPACE\/NAME or NAMESPACE\/NAME\[Kind\]/);
  });

  it('every unknown name of both focus flags is said, with a close name as a suggestion', () => {
    const run = palisade(['netpol', 'list', MANIFESTS, '--focus-workload', 'shop/storefront,shop/apii', '--focus-workload-peer', 'log-agnet,monitoring']);
    expect(run.status).toBe(2);
    const lines = problemLines(run.stderr);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toContain('--focus-workload names no workload of the input: "shop/apii" (did you mean "shop/api"?); --focus-workload-peer names no workload of the input: "log-agnet" (did you mean "log-agent"?), "monitoring"');
  });

  it.each([
    ['a name', 'storefront'],
    ['namespace/name', 'shop/storefront'],
    ['namespace/name[Kind]', 'shop/storefront[Deployment]'],
    ['the ingress controller', 'ingress-controller'],
  ])('list --focus-workload by %s is accepted', (_name, workload) => {
    const run = palisade(['netpol', 'list', MANIFESTS, '--focus-workload', workload]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
