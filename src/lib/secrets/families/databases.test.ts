/**
 * Database and data-service formats gitleaks publishes no positive case for, built from each
 * issuer's documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { DATABASES_RULES } from './databases.js';
import { body, HEX } from './fixtures/fake-values.js';

const found = (text: string) => scanText(text, DATABASES_RULES).map((m) => m.rule.id);

describe('database secret rules', () => {
  it.each([
    ['databricks-token', `DATABRICKS_TOKEN=dapi${body(32, HEX)}`],
    ['planetscale-credential', `DATABASE_URL=mysql://user:pscale_pw_${body(43)}@aws.connect.psdb.cloud/db`],
    ['planetscale-credential', `PLANETSCALE_SERVICE_TOKEN=pscale_tkn_${body(43)}`],
    ['confluent-api-secret', `CONFLUENT_CLOUD_API_SECRET=${body(62)}+/`],
    ['algolia-api-key', `ALGOLIA_ADMIN_API_KEY=${body(32, HEX)}`],
    ['contentful-delivery-token', `CONTENTFUL_ACCESS_TOKEN=${body(43)}`],
    ['contentful-management-token', `CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-${body(43)}`],
    ['maxmind-license-key', `LicenseKey ${body(6)}_${body(29)}_mmk`],
    ['clickhouse-cloud-api-secret', `CLICKHOUSE_SECRET=4b1d${body(38)}`],
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['a Databricks token with a non-hex body', `dapi${body(32)}`],
    ['a Confluent API key (the identifier half)', `CONFLUENT_API_KEY=${body(16).toUpperCase()}`],
    ['an Algolia value that is not hex', `ALGOLIA_API_KEY=${body(32)}`],
    ['a PlanetScale token too short', `pscale_tkn_${body(20)}`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
