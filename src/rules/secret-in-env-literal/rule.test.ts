import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';
import { credentialFormat, isSecretName, urlPassword } from './secret-names.js';

describeRuleFixtures(rule);

describe('secret-in-env-literal', () => {
  it('recognises secret-looking names and leaves pointers to secrets alone', () => {
    for (const name of ['DB_PASSWORD', 'dbPassword', 'MYSQLROOTPASSWORD', 'API_KEY', 'apiKey', 'OAUTH_CLIENT_SECRET', 'SLACK_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'SSH_PRIVATE_KEY', 'REDIS_PWD', 'GOOGLE_APPLICATION_CREDENTIALS_JSON', 'SENTRY_DSN', 'AZURE_BATCH_KEY', 'STRIPE_KEY']) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['PWD', 'LOG_LEVEL', 'DB_PASSWORD_FILE', 'SECRET_NAME', 'TOKEN_TTL', 'AWS_ACCESS_KEY_ID', 'TOKENIZER_MODEL', 'KEYCLOAK_URL', 'PASSWORD_MIN_LENGTH', 'MAX_TOKENS', 'CACHE_KEY', 'SSH_PUBLIC_KEY', 'KEY']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it('recognises credentials by their format', () => {
    expect(credentialFormat('AKIA4HQW7ZXRT2MBN5KP')).toBe('AWS access key id');
    // AWS's documentation key is a placeholder, as in every Palisade secret rule.
    expect(credentialFormat('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    const body = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
    expect(credentialFormat(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`)).toBe('private key');
    expect(credentialFormat('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')).toBe('JSON Web Token');
    expect(credentialFormat('Hello from the environment')).toBeUndefined();
    expect(credentialFormat('x'.repeat(100_000))).toBeUndefined();
  });

  it('finds passwords in URLs but not placeholders', () => {
    expect(urlPassword('redis://:s3cret@cache:6379')).toBe('s3cret');
    expect(urlPassword('amqp://guest:guest-password@mq:5672/')).toBe('guest-password');
    expect(urlPassword('postgres://app:$(DB_PASSWORD)@db/shop')).toBeUndefined();
    // The same check as image scans and ConfigMaps: a URL inside a longer value counts too.
    expect(urlPassword('-Dspring.datasource.url=postgresql://app:Xk4-pq9Lw2@db:5432/shop -Xmx1g')).toBe('Xk4-pq9Lw2');
    expect(urlPassword('https://ci:example-token-1@git.internal/app.git')).toBeUndefined();
  });

  it('never prints the value, only a redacted prefix and its length', async () => {
    const scan = await scanFixtures(rule, ['fail/literal-secrets.yaml']);
    expect(findingsFor(scan, 'fail-pod-password').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" sets the secret-looking variable DB_PASSWORD to a literal value (hunt… (18 characters))', '/spec/containers/0/env/0/value'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-init-url-credentials').map((f) => f.message)).toEqual([
      'init container "migrate" sets DATABASE_URL to a URL with an embedded password (S3c… (14 characters)) as a literal value',
    ]);
    for (const finding of scan.findings) {
      for (const secret of ['hunter2-but-longer', 'sk_live_51vnpKnA1hEDCM4PmBxdUcl1Mh', 'S3cretPassw0rd', 'rootroot', 'ghp_c3j27xdcg2lMLzgeonyLGcTJFiz4soCmZ9cp']) {
        expect(finding.message).not.toContain(secret);
      }
    }
    expect(findingsFor(scan, 'fail-pod-token-and-private-key')).toHaveLength(3);
  });
});
