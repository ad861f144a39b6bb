/**
 * Observability rules on tokens built from each issuer's documented format (values generated here,
 * so no real-looking token is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { HEX, randomSource } from './fixtures/fake-values.js';

const random = randomSource(31);
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = `${UPPER_ALNUM}abcdefghijklmnopqrstuvwxyz`;
const found = (text: string): string[] => scanText(text, OBSERVABILITY_RULES).map((m) => m.rule.id);
const base64Json = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64');

describe('Grafana', () => {
  it('finds legacy API keys and Cloud tokens that decode to JSON, and service account tokens', () => {
    expect(found(`GRAFANA_API_KEY=${base64Json({ k: random(ALNUM, 32), n: 'ci', id: 1 })}`)).toEqual(['grafana-api-key']);
    expect(found(`GRAFANA_CLOUD_TOKEN=glc_${base64Json({ o: '123456', n: 'stack-read', k: random(ALNUM, 24), m: { r: 'us' } })}`)).toEqual(['grafana-cloud-token']);
    expect(found(`Authorization: Bearer glsa_${random(ALNUM, 32)}_${random(HEX, 8)}`)).toEqual(['grafana-service-account-token']);
  });
  it('leaves a glc_ value that does not decode to JSON', () => {
    expect(found(`glc_eyJ${random(ALNUM, 60)}`)).toEqual([]);
  });
});

describe('other observability tokens', () => {
  it('finds each documented format', () => {
    const cases: readonly (readonly [string, string])[] = [
      [`SENTRY_AUTH_TOKEN=sntryu_${random(HEX, 64)}`, 'sentry-user-token'],
      [`sentry_auth_token: ${random(HEX, 64)}`, 'sentry-auth-token'],
      [`DD_API_KEY=${random(HEX, 32)}`, 'datadog-api-key'],
      [`datadog_app_key = "${random(HEX, 40)}"`, 'datadog-api-key'],
      [`DT_API_TOKEN=dt0c01.${random(UPPER_ALNUM, 24)}.${random(UPPER_ALNUM, 64)}`, 'dynatrace-api-token'],
      [`NEW_RELIC_API_KEY=NRAK-${random(UPPER_ALNUM, 27)}`, 'new-relic-user-api-key'],
      [`insert_key: NRII-${random(ALNUM, 32)}`, 'new-relic-insert-key'],
      [`NEW_RELIC_LICENSE_KEY=${random(HEX, 36)}NRAL`, 'new-relic-license-key'],
    ];
    for (const [text, rule] of cases) expect(found(text), text).toEqual([rule]);
  });
  it('leaves the New Relic browser key and a Sentry DSN', () => {
    expect(found(`NREUM.info={licenseKey:"NRJS-${random(HEX, 19)}"}`)).toEqual([]);
    expect(found(`SENTRY_DSN=https://${random(HEX, 32)}@o1.ingest.sentry.io/1`)).toEqual([]);
  });
});
