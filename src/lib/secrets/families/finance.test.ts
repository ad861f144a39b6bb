/**
 * Finance rules on keys built from each issuer's documented format (values generated here, so no
 * real-looking key is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { FINANCE_RULES } from './finance.js';
import { ALNUM, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(17);
const guid = (): string => [8, 4, 4, 4, 12].map((n) => random(HEX, n)).join('-');
const base64Of = (bytes: number): string => Buffer.from(random(HEX, bytes * 2), 'hex').toString('base64');
const found = (text: string): string[] => scanText(text, FINANCE_RULES).map((m) => m.rule.id);

describe('finance keys', () => {
  it('finds Plaid access tokens anywhere, and Plaid secrets named after the service', () => {
    expect(found(`"access_token": "access-production-${guid()}"`)).toEqual(['plaid-access-token']);
    expect(found(`PLAID_SECRET=${random('abcdef0123456789', 30)}`)).toEqual(['plaid-secret']);
  });
  it('leaves another environment, and the 24-hex Plaid client id', () => {
    expect(found(`access-staging-${guid()}`)).toEqual([]);
    expect(found(`PLAID_CLIENT_ID=${random(HEX, 24)}`)).toEqual([]);
  });
  it('finds exchange secrets named after the exchange', () => {
    expect(found(`COINBASE_API_SECRET=${random(URLSAFE, 64)}`)).toEqual(['coinbase-api-secret']);
    expect(found(`kraken_private_key = "${base64Of(64)}"`)).toEqual(['kraken-private-key']);
    expect(found(`KUCOIN_API_SECRET=${guid()}`)).toEqual(['kucoin-api-secret']);
    expect(found(`BITTREX_API_SECRET=${random(HEX, 32)}`)).toEqual(['bittrex-api-key']);
  });
  it('leaves a Kraken value of the wrong size, and the KuCoin key id', () => {
    expect(found(`kraken_private_key = "${base64Of(32)}"`)).toEqual([]);
    expect(found(`KUCOIN_API_KEY=${random(HEX, 24)}`)).toEqual([]);
  });
  it('finds Finicity and FreshBooks credentials', () => {
    expect(found(`FINICITY_APP_KEY=${random(HEX, 32)}`)).toEqual(['finicity-app-key']);
    expect(found(`finicity_partner_secret: ${random(ALNUM, 20)}`)).toEqual(['finicity-partner-secret']);
    expect(found(`FRESHBOOKS_ACCESS_TOKEN=${random(ALNUM, 64)}`)).toEqual(['freshbooks-access-token']);
  });
});
