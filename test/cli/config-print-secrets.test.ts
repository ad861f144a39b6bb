/**
 * `palisade config print` is how a CI job shows what a scan will use, and its output lands in CI
 * logs. Helm --set values (from the flag, PALISADE_HELM_SET or .palisade.yaml) carry passwords and
 * tokens taken from CI secrets; they were printed in full. Their values are redacted now, as
 * rendering problems redact them; short values (replicas=3) are settings and stay readable.
 */
import { describe, expect, it } from 'vitest';
import { palisade } from '../support/cli.js';

const TOKEN = 'xoxb-1234567890-abcdefghijklmnop';

describe('config print and --set values', () => {
  it('redacts a --set value, keeping its key and short values', () => {
    const run = palisade(['config', 'print', '--set', `slack.token=${TOKEN}`, '--set', 'replicas=3']);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.stdout).toContain('- slack.token=xoxb… (32 characters)');
    expect(run.stdout).toContain('- replicas=3\n');
  });

  it('redacts PALISADE_HELM_SET values too', () => {
    const run = palisade(['config', 'print'], { env: { PALISADE_HELM_SET: `db.password=${TOKEN}` } });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.stdout).toContain('- db.password=xoxb… (32 characters)');
  });
});
