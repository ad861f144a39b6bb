import { describe, expect, it } from 'vitest';
import { scanText } from '../../lib/secrets/scan.js';
import { REAL, STAND_INS } from '../../lib/secrets/fixtures/placeholder-values.js';
import { isPlaceholderValue } from '../secret-in-env-literal/secret-names.js';
import { ALNUM, randomSource } from '../../lib/secrets/families/fixtures/fake-values.js';
import { MAX_VALUES_PER_RULE } from '../../lib/secrets/summary.js';
import { findSecretsInEntry, findSecretsInText, isSecretKeyName } from './secret-values.js';

describe('secret values in configuration', () => {
  it('is the judgement of the image scan, the ConfigMap and image-config rules and the env rule alike', () => {
    const judgements = (value: string) => ({
      image: scanText(`password = "${value}"`, undefined, undefined, { path: '/etc/app.conf' }).length > 0,
      configmap: findSecretsInEntry('DB_PASSWORD', value).length > 0,
      env: !isPlaceholderValue(value),
    });
    for (const value of STAND_INS) expect(judgements(value), value).toEqual({ image: false, configmap: false, env: false });
    for (const value of REAL) expect(judgements(value), value).toEqual({ image: true, configmap: true, env: true });
  });

  it('reads PASS as a word of a credential name (DB_PASS, SMTP_PASS), not inside another word', () => {
    for (const key of ['DB_PASS', 'MYSQL_PASS', 'SMTP_PASS', 'pass', 'REDIS_PASS_FILE_CONTENT']) expect(isSecretKeyName(key), key).toBe(true);
    for (const key of ['BYPASS', 'COMPASS_URL', 'PASSTHROUGH', 'DB_PASS_FILE', 'SMTP_PASS_PATH']) expect(isSecretKeyName(key), key).toBe(false);
    expect(findSecretsInEntry('SMTP_PASS', 'Xk29-qLm81z')).toEqual([{ what: 'a credential (key "SMTP_PASS")', value: 'Xk29-qLm81z' }]);
  });

  it('finds passwords in URLs of any scheme, wherever the URL is in the value', () => {
    expect(findSecretsInText('remote = https://deploy:Xk4-pq9Lw2@git.internal/app.git')).toEqual([{ what: 'a password in a connection URL', value: 'Xk4-pq9Lw2' }]);
    expect(findSecretsInText('REDIS_URL=redis://:Xk4-pq9Lw2@cache:6379/0')).toEqual([{ what: 'a password in a connection URL', value: 'Xk4-pq9Lw2' }]);
    expect(findSecretsInText('postgres://app:${DB_PASSWORD}@db/app')).toEqual([]);
  });

  it('reports a value repeated in a bundle once, and counts the values past the limit on the last one listed', () => {
    const random = randomSource(7);
    const tokens = Array.from({ length: MAX_VALUES_PER_RULE + 20 }, () => `glpat-${random(ALNUM, 20)}`);
    const bundle = `${tokens.map((t) => `"${t}"`).join(',')},${Array.from({ length: 500 }, () => `"${tokens[0] ?? ''}"`).join(',')}`;
    const found = findSecretsInText(bundle);
    expect(found.map((m) => m.value)).toEqual(tokens.slice(0, MAX_VALUES_PER_RULE));
    expect(found.map((m) => m.more)).toEqual([...Array.from({ length: MAX_VALUES_PER_RULE - 1 }, () => undefined), 20]);
  });
});
