/**
 * Cloud, hosting and hosted-API formats gitleaks publishes no positive case for, built from each
 * issuer's documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { CLOUD_RULES } from './cloud.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** `n` characters of `alphabet`, none repeated in a row: a stand-in for a random body. */
const body = (n: number, alphabet = ALNUM) => Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const UUID = `${body(8, HEX)}-${body(4, HEX)}-4${body(3, HEX)}-a${body(3, HEX)}-${body(12, HEX)}`;

const found = (text: string) => scanText(text, CLOUD_RULES).map((m) => m.rule.id);

describe('cloud secret rules', () => {
  it.each([
    ['azure-storage-account-key', `DefaultEndpointsProtocol=https;AccountName=images;AccountKey=${Buffer.from(body(64)).toString('base64')};EndpointSuffix=core.windows.net`],
    ['alibaba-access-key-id', `ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI${body(20)}`],
    ['alibaba-access-key-id', `accessKeyId: LTAI${body(12)}`],
    ['alibaba-access-key-secret', `aliyun_access_key_secret = "${body(30)}"`],
    ['cloudflare-api-key', `CLOUDFLARE_API_TOKEN=${body(40)}`],
    ['cloudflare-api-key', `cloudflare_global_api_key: ${body(37, HEX)}`],
    ['digitalocean-token', `DIGITALOCEAN_TOKEN=dop_v1_${body(64, HEX)}`],
    ['digitalocean-token', `refresh_token: dor_v1_${body(64, HEX)}`],
    ['heroku-api-key', `HEROKU_API_KEY=${UUID}`],
    ['flyio-access-token', `FLY_API_TOKEN=fo1_${body(43)}`],
    ['fastly-api-token', `FASTLY_API_TOKEN="${body(32)}"`],
    ['yandex-cloud-credential', `yandex_api_key: AQVN${body(36)}`],
    ['yandex-cloud-credential', `YANDEX_IAM_TOKEN=t1.${body(40)}.${body(86)}`],
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
    ['an Alibaba key id too short', `LTAI${body(11)}`],
    ['an Alibaba key id too long', `LTAI${body(21)}`],
    ['a DigitalOcean token with a non-hex body', `dop_v1_${body(64)}`],
    ['a Fly.io macaroon too short to be one', `fm2_${body(60, B64)}`],
    ['a Lob-looking key after "global"', `global_key = live_${body(35, HEX)}`],
    ['a Lob publishable key', `LOB_PUBLISHABLE_KEY=live_pub_${body(31, HEX)}`],
    ['a Mapbox public token', `MAPBOX_TOKEN=pk.eyJ1IjoiZXhhbXBsZXVzZXIiLCJhIjoi${body(20)}.${body(22)}`],
    ['an EasyPost-shaped run inside base64', `+EZAK${body(54)}/`],
    ['a UUID not named Heroku', `request_id=${UUID}`],
    ['an Azure account key of the wrong length', `AccountKey=${Buffer.from(body(48)).toString('base64')}`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
