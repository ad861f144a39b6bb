/**
 * Payment rules on keys built from each issuer's documented format (values generated here, so no
 * real-looking key is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { PAYMENTS_RULES } from './payments.js';
import { ALNUM, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(13);
const found = (text: string): string[] => scanText(text, PAYMENTS_RULES).map((m) => m.rule.id);

describe('payment keys', () => {
  it('finds Square access tokens and application secrets', () => {
    expect(found(`SQUARE_ACCESS_TOKEN=EAAA${random(URLSAFE, 60)}`)).toEqual(['square-access-token']);
    expect(found(`square.secret = sq0csp-${random(URLSAFE, 43)}`)).toEqual(['square-access-token']);
  });
  it('leaves a hex digest that starts with eaaa', () => {
    expect(found(`sha256:eaaa${random(HEX, 60)}`)).toEqual([]);
  });
  it('tells Flutterwave secret keys from encryption keys', () => {
    expect(found(`FLW_SECRET_KEY=FLWSECK-${random(HEX, 32)}-X`)).toEqual(['flutterwave-secret-key']);
    expect(found(`FLW_ENCRYPTION_KEY=FLWSECK_TEST${random(HEX, 12)}`)).toEqual(['flutterwave-encryption-key']);
  });
  it('leaves the Flutterwave public key', () => {
    expect(found(`FLW_PUBLIC_KEY=FLWPUBK-${random(HEX, 32)}-X`)).toEqual([]);
  });
  it('finds GoCardless live and sandbox tokens named after the service', () => {
    expect(found(`GOCARDLESS_ACCESS_TOKEN=live_${random(URLSAFE, 40)}`)).toEqual(['gocardless-access-token']);
    expect(found(`gocardless_token: sandbox_${random(URLSAFE, 40)}`)).toEqual(['gocardless-access-token']);
    expect(found(`GOCARDLESS_ACCESS_TOKEN=test_${random(URLSAFE, 40)}`)).toEqual([]);
  });
});

describe('webhook secrets and Braintree', () => {
  it('finds a webhook signing secret and a Braintree access token', () => {
    expect(found(`STRIPE_WEBHOOK_SECRET=whsec_${random(ALNUM, 32)}`)).toEqual(['webhook-signing-secret']);
    expect(found(`BT_TOKEN=access_token$production$${random('abcdefghijklmnopqrstuvwxyz0123456789', 16)}$${random(HEX, 32)}`)).toEqual(['braintree-access-token']);
  });
  it('leaves a Braintree token with a short secret', () => {
    expect(found(`access_token$sandbox$${random('abcdefghijklmnopqrstuvwxyz0123456789', 16)}$${random(HEX, 16)}`)).toEqual([]);
  });
});
