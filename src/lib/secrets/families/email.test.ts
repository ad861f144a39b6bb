/**
 * E-mail and SMS rules on keys built from each issuer's documented format (values generated here,
 * so no real-looking key is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { EMAIL_RULES } from './email.js';
import { ALNUM, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(11);
const found = (text: string): string[] => scanText(text, EMAIL_RULES).map((m) => m.rule.id);

describe('e-mail and SMS keys', () => {
  it('finds Mailchimp keys anywhere, and Mailgun keys of both shapes', () => {
    expect(found(`client.setConfig({ apiKey: "${random(HEX, 32)}-us21" })`)).toEqual(['mailchimp-api-key']);
    expect(found(`MAILGUN_API_KEY=key-${random(HEX, 32)}`)).toEqual(['mailgun-api-key']);
    expect(found(`mailgun_signing_key: ${random(HEX, 32)}-${random(HEX, 8)}-${random(HEX, 8)}`)).toEqual(['mailgun-api-key']);
  });
  it('leaves a Mailchimp look-alike with another suffix, and the Mailgun public key', () => {
    expect(found(`${random(HEX, 32)}-eu21`)).toEqual([]);
    expect(found(`MAILGUN_PUBLIC_KEY=pubkey-${random(HEX, 32)}`)).toEqual([]);
  });
  it('finds SendGrid and Brevo keys anywhere', () => {
    expect(found(`sg.setApiKey("SG.${random(URLSAFE, 22)}.${random(URLSAFE, 43)}")`)).toEqual(['sendgrid-api-key']);
    expect(found(`api-key: xkeysib-${random(HEX, 64)}-${random(ALNUM, 16)}`)).toEqual(['brevo-api-key']);
  });
  it('leaves a SendGrid look-alike with an empty key id', () => {
    expect(found(`SG.${random(URLSAFE, 22)}..${random(URLSAFE, 43)}`)).toEqual([]);
  });
  it('finds MessageBird and Twilio secrets named after the service, not their identifiers', () => {
    expect(found(`MESSAGEBIRD_ACCESS_KEY=${random(ALNUM, 25)}`)).toEqual(['messagebird-api-key']);
    expect(found(`TWILIO_AUTH_TOKEN="${random(HEX, 32)}"`)).toEqual(['twilio-auth-token']);
    expect(found(`TWILIO_ACCOUNT_SID="AC${random(HEX, 32)}"`)).toEqual([]);
    expect(found(`TWILIO_API_KEY=SK${random(HEX, 32)}`)).toEqual([]);
  });
});

describe('Postmark and Mandrill', () => {
  it('finds tokens named after the service', () => {
    const guid = [8, 4, 4, 4, 12].map((n) => random(HEX, n)).join('-');
    expect(found(`POSTMARK_SERVER_TOKEN=${guid}`)).toEqual(['postmark-token']);
    expect(found(`MANDRILL_API_KEY=${random(URLSAFE, 22)}`)).toEqual(['mandrill-api-key']);
  });
});
