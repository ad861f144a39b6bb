/**
 * Hosted developer-API formats gitleaks publishes no positive case for, built from each issuer's
 * documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { DEVELOPER_SERVICES_RULES } from './developer-services.js';
import { body, HEX } from './fixtures/fake-values.js';

const found = (text: string) => scanText(text, DEVELOPER_SERVICES_RULES).map((m) => m.rule.id);

describe('developer-services secret rules', () => {
  it.each([
    ['shopify-token', `X-Shopify-Access-Token: shpat_${body(32, HEX)}`],
    ['shippo-api-token', `Authorization: ShippoToken shippo_live_${body(40, HEX)}`],
    ['easypost-api-key', `EASYPOST_API_KEY=EZTK${body(54)}`],
    ['duffel-api-token', `Bearer duffel_test_${body(43)}`],
    ['lob-api-key', `LOB_API_KEY=live_${body(35, HEX)}`],
    ['mapbox-secret-token', `MAPBOX_TOKEN=sk.eyJ1IjoiZXhhbXBsZXVzZXIiLCJhIjoi${body(20)}.${body(22)}`],
    ['typeform-api-token', `typeform: tfp_${body(59)}`],
    ['frameio-api-token', `FRAMEIO_TOKEN=fio-u-${body(64)}`],
    ['adafruit-io-key', `ADAFRUIT_IO_KEY=aio_${body(28)}`],
    ['beamer-api-key', `beamer_key = "b_${body(44)}"`],
    ['finnhub-api-key', `finnhub_token: ${body(20).toLowerCase()}`],
    ['flickr-api-key', `FLICKR_API_KEY=${body(32, HEX)}`],
    ['nytimes-api-key', `NYTIMES_API_KEY=${body(32)}`],
    ['private-ai-api-key', `PRIVATE_AI_API_KEY=${body(32)}`],
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['a Lob-looking key after "global"', `global_key = live_${body(35, HEX)}`],
    ['a Lob publishable key', `LOB_PUBLISHABLE_KEY=live_pub_${body(31, HEX)}`],
    ['a Mapbox public token', `MAPBOX_TOKEN=pk.eyJ1IjoiZXhhbXBsZXVzZXIiLCJhIjoi${body(20)}.${body(22)}`],
    ['an EasyPost-shaped run inside base64', `+EZAK${body(54)}/`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
