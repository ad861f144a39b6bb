/**
 * Social-network rules on credentials built from each issuer's documented format (values generated
 * here, so no real-looking token is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { SOCIAL_RULES } from './social.js';
import { DIGITS, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(23);
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER_ALNUM}`;
const found = (text: string): string[] => scanText(text, SOCIAL_RULES).map((m) => m.rule.id);

describe('Facebook', () => {
  it('finds an app access token near the word facebook, a page token and an app secret', () => {
    expect(found(`# facebook graph\naccess_token=${random(DIGITS, 15)}|${random(URLSAFE, 27)}`)).toEqual(['facebook-app-access-token']);
    expect(found(`token: EAAG${random(ALNUM, 180)}`)).toEqual(['facebook-page-access-token']);
    expect(found(`FACEBOOK_APP_SECRET=${random(HEX, 32)}`)).toEqual(['facebook-app-secret']);
  });
  it('leaves an "id|value" pair with no mention of Facebook, and a Square token', () => {
    expect(found(`pair=${random(DIGITS, 15)}|${random(URLSAFE, 27)}`)).toEqual([]);
    expect(found(`EAAA${random(ALNUM, 60)}`)).toEqual([]);
  });
});

describe('Twitter, LinkedIn and Twitch', () => {
  it('finds secrets, access tokens and bearer tokens named after the service', () => {
    expect(found(`TWITTER_API_SECRET=${random(ALNUM, 50)}`)).toEqual(['twitter-api-secret']);
    expect(found(`TWITTER_ACCESS_TOKEN_SECRET=${random(ALNUM, 45)}`)).toEqual(['twitter-access-secret']);
    expect(found(`TWITTER_ACCESS_TOKEN=${random(DIGITS, 19)}-${random(ALNUM, 30)}`)).toEqual(['twitter-access-token']);
    expect(found(`TWITTER_BEARER_TOKEN=${'A'.repeat(22)}${random(ALNUM, 90)}`)).toEqual(['twitter-bearer-token']);
    expect(found(`LINKEDIN_CLIENT_SECRET=WPL_AP1.${random(ALNUM, 16)}.${random(ALNUM, 6)}==`)).toEqual(['linkedin-client-secret']);
    expect(found(`TWITCH_OAUTH_TOKEN=${random(LOWER_ALNUM, 30)}`)).toEqual(['twitch-oauth-token']);
  });
  it('leaves the consumer key and the LinkedIn client id', () => {
    expect(found(`TWITTER_API_KEY=${random(ALNUM, 25)}`)).toEqual([]);
    expect(found(`LINKEDIN_CLIENT_ID=${random(LOWER_ALNUM, 14)}`)).toEqual([]);
  });
});
