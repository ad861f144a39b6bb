/**
 * Bad flags and flag values: exit 2, one problem line (`error usage: ... (hint: ...)`, the format
 * of every other problem) saying what is wrong and where the usage is.
 */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

/** Every command a user can run, as typed. */
const COMMANDS = [
  'scan', 'attack-paths', 'snapshot', 'sbom', 'image scan', 'dockerfile', 'config print',
  'rules list', 'rules show', 'frameworks list', 'frameworks show',
  'rbac who-can', 'rbac can-i', 'rbac permissions', 'rbac pods', 'rbac paths', 'rbac graph', 'rbac suggest',
  'netpol list', 'netpol diff', 'netpol eval', 'netpol generate',
  'db import', 'db update', 'db status',
];

function usageLine(stderr: string): string | undefined {
  return stderr.split('\n').find((line) => line.startsWith('error usage: '));
}

describe('usage errors', () => {
  it.each([
    [['scan', 'examples/', '--fail-on', 'nonsense'], /argument 'nonsense' is invalid\. Allowed choices are critical, high, medium, low, none/, 'palisade scan'],
    [['scan', 'examples/', '--format', 'nonsense'], /argument 'nonsense' is invalid/, 'palisade scan'],
    [['scan', 'examples/', '--fail-no', 'high'], /unknown option '--fail-no' \(Did you mean --fail-on\?\)/, 'palisade scan'],
    [['rbac', 'who-can', 'get', 'secrets', '--bogus'], /unknown option '--bogus'/, 'palisade rbac who-can'],
    [['netpol', 'eval', 'examples/manifests'], /required option '--source <endpoint>' not specified/, 'palisade netpol eval'],
    [['image', 'scan'], /missing required argument 'target'/, 'palisade image scan'],
    [['attack-paths', 'examples/', '--max-paths-per-pair', '0'], /option '--max-paths-per-pair <n>' argument '0' is invalid\. It must be a whole number from 1 to 1000\./, 'palisade attack-paths'],
    [['rules', 'show', 'a', 'b'], /too many arguments for 'show'/, 'palisade rules show'],
  ])('%j', (args, error, command) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    const line = usageLine(run.stderr);
    expect(line, run.stderr).toMatch(error);
    expect(line).toContain(`(hint: Run \`${command} --help\` for the usage.)`);
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it.each(COMMANDS)('palisade %s --bogus: exit 2, one coded line naming the command', (command) => {
    const run = palisade([...command.split(' '), '--bogus']);
    expect(run.status).toBe(2);
    // Commander names a missing required option (netpol eval --source) before an unknown one.
    const hint = ` (hint: Run \`palisade ${command} --help\` for the usage.)\n`;
    expect(run.stderr).toMatch(/^error usage: (unknown option '--bogus'|required option '[^']+' not specified) \(hint: /);
    expect(run.stderr.endsWith(hint)).toBe(true);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stdout).toBe('');
  });

  it('control characters in a bad argument are shown as \\xNN, not sent to the terminal', () => {
    const run = palisade(['scan', 'examples/', '--fail-on', '\u001b]0;pwned\u0007']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("argument '\\x1b]0;pwned\\x07' is invalid");
    expect(run.stderr).not.toContain('\u001b');
  });

  it('an unknown command shows the command list', () => {
    const run = palisade(['nonsense']);
    expect(run.status).toBe(2);
    expect(usageLine(run.stderr)).toBe("error usage: unknown command 'nonsense' (hint: Run `palisade --help` for the usage.)");
    expect(run.stderr).toContain('Commands:');
  });

  it('sbom --vulns -f spdx is a usage problem, before the image is read', () => {
    const run = palisade(['sbom', 'oci-archive:missing.tar', '--vulns', '-f', 'spdx']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error usage: --vulns needs -f cyclonedx: SPDX 2.3 has no place for vulnerabilities (hint: Drop -f spdx, or drop --vulns.)\n');
  });

  it.each([
    ['image scan -f inventory --fail-on', ['image', 'scan', 'oci-archive:missing.tar', '-f', 'inventory', '--fail-on', 'critical', '--vex', 'app.vex.json'], '--fail-on, --vex have no effect with -f inventory, which lists packages, not findings'],
    ['sbom --vex without --vulns', ['sbom', 'oci-archive:missing.tar', '--vex', 'app.vex.json'], '--vex has no effect without --vulns'],
    ['netpol list --focus-direction alone', ['netpol', 'list', 'examples/manifests', '--focus-direction', 'ingress'], '--focus-direction has no effect without --focus-workload'],
  ])('%s: a flag that would be ignored is refused, not dropped silently', (_name, args, message) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error usage: ${message.replace(/[-.]/g, '\\$&')} \\(hint: [^)]+\\)\n$`));
    expect(run.stdout).toBe('');
  });

  it('rules show of an unknown id prints a problem line with the catalog hint', () => {
    const run = palisade(['rules', 'show', 'privileged']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error unknown-rule: no rule "privileged" \(did you mean privileged-container[^)]*\?\) \(hint: List the rules with `palisade rules list`\.\)\n$/);
  });
});

describe('config print', () => {
  it('a missing --config is an error naming the file, exit 2, and no configuration printed as if it were read', () => {
    const run = palisade(['config', 'print', '-c', '/nonexistent/palisade.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error config-not-found /nonexistent/palisade.yaml: configuration file /nonexistent/palisade.yaml does not exist (hint: Check the --config path.)\n');
    expect(run.stdout).toBe('');
  });

  it('prints the resolved configuration when it is valid', () => {
    const run = palisade(['config', 'print'], { env: { PALISADE_FAIL_ON: 'critical' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^failOn: critical$/m);
    expect(run.stdout).toContain('failOn: environment PALISADE_FAIL_ON');
  });
});
