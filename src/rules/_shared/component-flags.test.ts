import { describe, expect, it } from 'vitest';
import { parseFlags, parseGoBool, parseGoInt } from './component-flags.js';

const BOOLS = new Set(['anonymous-auth', 'profiling']);

describe('parseFlags (pflag)', () => {
  it('reads --name=value and --name value, and the last occurrence wins', () => {
    const flags = parseFlags(['--a=1', '--b', '2', '--a', '3'], BOOLS);
    expect(flags.last('a')).toEqual({ value: '3', argIndex: 4 });
    expect(flags.last('b')).toEqual({ value: '2', argIndex: 2 });
  });

  it('never lets a boolean flag consume the next argument', () => {
    const flags = parseFlags(['--anonymous-auth', 'false', '--profiling=false'], BOOLS);
    expect(flags.last('anonymous-auth')).toEqual({ value: 'true', argIndex: 0, detached: { value: 'false', argIndex: 1 } });
    expect(flags.last('profiling')).toEqual({ value: 'false', argIndex: 2 });
  });

  it('consumes the next argument for a non-boolean flag even when it starts with a dash', () => {
    expect(parseFlags(['--v', '-2'], BOOLS).last('v')?.value).toBe('-2');
  });

  it('reads an unknown flag followed by another long flag as a boolean', () => {
    const flags = parseFlags(['--some-switch', '--audit-log-path=/x'], BOOLS);
    expect(flags.last('some-switch')?.value).toBe('true');
    expect(flags.last('audit-log-path')?.value).toBe('/x');
  });

  it('appends slice flags in order', () => {
    const flags = parseFlags(['--authorization-mode=Node, RBAC', '--authorization-mode=Webhook'], BOOLS);
    expect(flags.values('authorization-mode')).toEqual(['Node', 'RBAC', 'Webhook']);
  });

  it('ignores single-dash arguments and stops at --', () => {
    const flags = parseFlags(['-anonymous-auth=false', '--', '--profiling=false'], BOOLS);
    expect(flags.has('anonymous-auth')).toBe(false);
    expect(flags.has('profiling')).toBe(false);
  });
});

describe('parseFlags (Go flag package)', () => {
  it('accepts one dash and stops at the first positional argument', () => {
    const flags = parseFlags(['-client-cert-auth', '--data-dir', '/var/lib/etcd', 'extra', '--auto-tls'], new Set(['client-cert-auth', 'auto-tls']), 'goflag');
    expect(flags.last('client-cert-auth')?.value).toBe('true');
    expect(flags.last('data-dir')?.value).toBe('/var/lib/etcd');
    expect(flags.has('auto-tls')).toBe(false);
  });
});

describe('Go value parsing', () => {
  it('follows strconv.ParseBool and Atoi', () => {
    expect(['1', 't', 'TRUE', 'True'].map(parseGoBool)).toEqual([true, true, true, true]);
    expect(['0', 'f', 'FALSE', 'False'].map(parseGoBool)).toEqual([false, false, false, false]);
    expect(parseGoBool('yes')).toBeUndefined();
    expect(parseGoInt('30')).toBe(30);
    expect(parseGoInt('30d')).toBeUndefined();
  });
});
