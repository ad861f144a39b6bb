import { describe, expect, it } from 'vitest';
import { scanText } from '../../lib/secrets/scan.js';
import { REAL, STAND_INS } from '../../lib/secrets/fixtures/placeholder-values.js';
import { isPlaceholderValue } from '../secret-in-env-literal/secret-names.js';
import { findSecretsInEntry, findSecretsInText } from './secret-values.js';

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

  it('finds passwords in URLs of any scheme, wherever the URL is in the value', () => {
    expect(findSecretsInText('remote = https://deploy:Xk4-pq9Lw2@git.internal/app.git')).toEqual([{ what: 'a password in a connection URL', value: 'Xk4-pq9Lw2' }]);
    expect(findSecretsInText('REDIS_URL=redis://:Xk4-pq9Lw2@cache:6379/0')).toEqual([{ what: 'a password in a connection URL', value: 'Xk4-pq9Lw2' }]);
    expect(findSecretsInText('postgres://app:${DB_PASSWORD}@db/app')).toEqual([]);
  });
});
