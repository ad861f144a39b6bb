/**
 * Productivity and CRM rules on tokens built from each issuer's documented format (values generated
 * here, so no real-looking token is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { PRODUCTIVITY_RULES } from './productivity.js';
import { DIGITS, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(19);
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER_ALNUM}`;
const guid = (): string => [8, 4, 4, 4, 12].map((n) => random(HEX, n)).join('-');
const found = (text: string): string[] => scanText(text, PRODUCTIVITY_RULES).map((m) => m.rule.id);

describe('Atlassian API tokens', () => {
  // gitleaks' published sample: its last 8 characters are the CRC-32 of the rest.
  const token = 'ATATT3xFfGF0K3irG5tKKi-6u-wwaXQFeGwZ-IHR-hQ3CulkKtMSuteRQFfLZ6jihHThzZCg_UjnDt-4Wl_gIRf4zrZJs5JqaeuBhsfJ4W5GD6yGg3W7903gbvaxZPBjxIQQ7BgFDSkPS8oPispw4KLz56mdK-G6CIvLO6hHRrZHY0Q3tvJ6JxE=C63992E6';
  it('finds a token whose checksum holds, named or not', () => {
    expect(found(`curl -u me@example.org:${token} https://x.atlassian.net`)).toEqual(['atlassian-api-token']);
  });
  it('leaves a token with one character changed (the checksum fails)', () => {
    expect(found(`curl -u me:${token.replace('xFfGF0', 'xFfGF1')} https://x.atlassian.net`)).toEqual([]);
  });
  it('finds a legacy token assigned to a Jira name', () => {
    expect(found(`JIRA_API_TOKEN=${random(ALNUM, 24)}`)).toEqual(['atlassian-legacy-api-token']);
  });
});

describe('other productivity tokens', () => {
  it('finds each documented format', () => {
    const cases: readonly (readonly [string, string])[] = [
      [`AIRTABLE_API_KEY=key${random(ALNUM, 14)}`, 'airtable-api-key'],
      [`airtable_token: pat${random(ALNUM, 14)}.${random(HEX, 64)}`, 'airtable-personal-access-token'],
      [`ASANA_PAT=1/${random(DIGITS, 16)}:${random(HEX, 32)}`, 'asana-token'],
      [`HUBSPOT_API_KEY=${guid()}`, 'hubspot-api-key'],
      [`Authorization: Bearer pat-na1-${guid()}`, 'hubspot-private-app-token'],
      [`INTERCOM_ACCESS_TOKEN=dG9rOj${random(ALNUM, 52)}==`, 'intercom-access-token'],
      [`LINEAR_API_KEY=lin_api_${random(ALNUM, 40)}`, 'linear-api-key'],
      [`LINEAR_CLIENT_SECRET=${random(HEX, 32)}`, 'linear-client-secret'],
      [`LOOKERSDK_CLIENT_SECRET=${random(ALNUM, 24)}`, 'looker-client-secret'],
      [`NOTION_TOKEN=ntn_${random(DIGITS, 11)}${random(ALNUM, 35)}`, 'notion-api-token'],
      [`squarespace_api_key: ${guid()}`, 'squarespace-api-key'],
      [`ZENDESK_API_TOKEN=${random(ALNUM, 40)}`, 'zendesk-api-token'],
      [`LAUNCHDARKLY_SDK_KEY=sdk-${guid()}`, 'launchdarkly-access-token'],
      [`ADOBE_CLIENT_SECRET=p8e-${random(ALNUM, 32)}`, 'adobe-client-secret'],
      [`DROPBOX_TOKEN=sl.${random(URLSAFE, 140)}`, 'dropbox-short-lived-token'],
      [`DROPBOX_TOKEN=${random(ALNUM, 11)}AAAAAAAAAA${random(URLSAFE, 43)}`, 'dropbox-long-lived-token'],
      [`DROPBOX_APP_SECRET=${random(LOWER_ALNUM, 15)}`, 'dropbox-app-secret'],
      [`ETSY_API_KEY=${random(LOWER_ALNUM, 24)}`, 'etsy-api-key'],
      [`source "https://${random(HEX, 8)}:${random(HEX, 8)}@enterprise.contribsys.com/"`, 'sidekiq-gem-server-url'],
    ];
    for (const [text, rule] of cases) expect(found(text), text).toEqual([rule]);
  });
  it('leaves identifiers and shapes that are not the format', () => {
    for (const text of [
      `ASANA_CLIENT_ID=${random(DIGITS, 16)}`,
      `LOOKERSDK_CLIENT_ID=${random(ALNUM, 20)}`,
      `LAUNCHDARKLY_MOBILE_KEY=mob-${guid()}`,
      `NOTION_TOKEN=ntn_${random(ALNUM, 46)}`,
      `linear_layer = ${random(DIGITS, 12)}`,
      `DROPBOX_TOKEN=${random(ALNUM, 11)}AAAAAAAAAA${'A'.repeat(43)}`,
    ]) expect(found(text), text).toEqual([]);
  });
});
