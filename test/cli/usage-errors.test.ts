/** Bad flags and flag values: exit 2, one line saying what is wrong, and where the usage is. */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

describe('usage errors', () => {
  it.each([
    [['scan', 'examples/', '--fail-on', 'nonsense'], /argument 'nonsense' is invalid\. Allowed choices are critical, high, medium, low, none/, 'palisade scan'],
    [['scan', 'examples/', '--format', 'nonsense'], /argument 'nonsense' is invalid/, 'palisade scan'],
    [['scan', 'examples/', '--fail-no', 'high'], /unknown option '--fail-no'\n?.*Did you mean --fail-on\?/, 'palisade scan'],
    [['rbac', 'who-can', 'get', 'secrets', '--bogus'], /unknown option '--bogus'/, 'palisade rbac who-can'],
    [['netpol', 'eval', 'examples/manifests'], /required option '--source <endpoint>' not specified/, 'palisade netpol eval'],
    [['image', 'scan'], /missing required argument 'target'/, 'palisade image scan'],
  ])('%j', (args, error, command) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(error);
    expect(run.stderr).toContain(`(run \`${command} --help\` for usage)`);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('an unknown command shows the command list', () => {
    const run = palisade(['nonsense']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'nonsense'");
    expect(run.stderr).toContain('Commands:');
  });
});
