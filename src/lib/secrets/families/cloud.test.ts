/**
 * Cloud and hosting formats gitleaks publishes no positive case for, built from each
 * issuer's documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { CLOUD_RULES } from './cloud.js';
import { BASE64, body, HEX } from './fixtures/fake-values.js';

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
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['an Alibaba key id too short', `LTAI${body(11)}`],
    ['an Alibaba key id too long', `LTAI${body(21)}`],
    ['a DigitalOcean token with a non-hex body', `dop_v1_${body(64)}`],
    ['a Fly.io macaroon too short to be one', `fm2_${body(60, BASE64)}`],
    ['a UUID not named Heroku', `request_id=${UUID}`],
    ['an Azure account key of the wrong length', `AccountKey=${Buffer.from(body(48)).toString('base64')}`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('google-oauth-client-secret', () => {
  it('finds a client secret in client_secret.json and leaves a truncated or longer value', () => {
    const secret = `GOCSPX-${body(28, `${BASE64.slice(0, 62)}_-`)}`;
    expect(found(`{"installed":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${secret}"}}`)).toEqual(['google-oauth-client-secret']);
    expect(found(`client_secret: ${secret.slice(0, -2)}`)).toEqual([]);
    expect(found(`client_secret: ${secret}xyz`)).toEqual([]);
  });
});

