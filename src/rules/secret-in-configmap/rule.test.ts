import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { redact } from '../../lib/redact.js';
import { findSecretsInEntry, findSecretsInText, isSecretKeyName } from '../_shared/secret-values.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('secret-in-configmap', () => {
  it('redacts the value in the message and points at the key', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: shop}
data:
  LOG_LEVEL: debug
  DB_PASSWORD: correct-horse-battery-staple
`);
    expect(scan.findings.map((f) => [f.message, f.location.path, f.location.line])).toEqual([
      ['ConfigMap "shop/app" key "DB_PASSWORD" holds a credential (key "DB_PASSWORD") (corr… (28 characters))', '/data/DB_PASSWORD', 6],
    ]);
    expect(scan.findings[0]?.message).not.toContain('horse');
  });

  it('never prints more than four characters of any detected value', () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxYZ';
    expect(redact(token)).toBe('ghp_… (40 characters)');
    expect(findSecretsInText(`helper: ${token}`)).toEqual([{ what: 'a GitHub token', value: token }]);
  });

  it('tells credential keys from keys about credentials', () => {
    expect(['DB_PASSWORD', 'apiToken', 'client_secret', 'SLACK_API_KEY'].map(isSecretKeyName)).toEqual([true, true, true, true]);
    expect(['DB_PASSWORD_FILE', 'TOKEN_TTL', 'secretName', 'TOKEN_URL', 'LOG_LEVEL'].map(isSecretKeyName)).toEqual([false, false, false, false, false]);
  });

  it('ignores trivial values under credential keys', () => {
    for (const value of ['', 'true', '12345678', '${PASSWORD}', '{{ .Values.password }}', '********', 'changeme', '/etc/secret/pw']) {
      expect(findSecretsInEntry('PASSWORD', value), value).toEqual([]);
    }
  });

  it('reads quoted values and := assignments, and decodes JWT candidates', () => {
    expect(findSecretsInText('password = "value with quotes and spaces"')).toEqual([{ what: 'a credential assignment (password)', value: 'value with quotes and spaces' }]);
    expect(findSecretsInText('db_pass := hunter2hunter2')).toEqual([{ what: 'a credential assignment (pass)', value: 'hunter2hunter2' }]);
    // an unsigned token is still a credential; random "eyJ" text whose parts are not JSON is not
    const unsigned = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiSm9lIiwKInN0YXR1cyI6ImVtcGxveWVlIgp9';
    expect(findSecretsInText(`auth: ${unsigned}`).map((m) => m.what)).toEqual(['a JSON Web Token']);
    expect(findSecretsInText('eyJhbasdGciOiJIUaddasd.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4')).toEqual([]);
    expect(findSecretsInText('"https://url:8000";@something else')).toEqual([]);
    expect(findSecretsInText('bypass: somethingLong123')).toEqual([]);
    expect(findSecretsInText('password: my-fake-password')).toEqual([]);
  });

  it('stays fast on hostile input', () => {
    // Linear patterns: a megabyte of near-misses is scanned without catastrophic backtracking.
    const hostile = `${'password'.repeat(50_000)}${'eyJ'.repeat(100_000)}${'a://b:'.repeat(50_000)}`;
    expect(findSecretsInText(hostile)).toEqual([]);
  });
});
