/** Social networks' and media platforms' API credentials. */
import { B, E, anyCase, namedRule, type SecretRule } from '../rule.js';

/**
 * App access tokens are "<app id>|<app secret or its hash>" (the bar may be URL-encoded). Nothing in
 * them names Facebook, so they count only within 200 characters after the word "facebook" (the
 * same line, or the next lines of a YAML block or a commented section).
 */
const FACEBOOK_APP_TOKEN = `${anyCase('facebook')}[\\s\\S]{0,200}?${B}(\\d{15,16}(?:\\||%7[Cc])[A-Za-z0-9_-]{27,40})${E}`;

export const SOCIAL_RULES: readonly SecretRule[] = [
  { id: 'facebook-app-access-token', title: 'Facebook app access token', severity: 'high', keywords: ['facebook'], pattern: new RegExp(FACEBOOK_APP_TOKEN, 'g'), minEntropy: 3, gitleaks: ['facebook-access-token'] },
  // User and page access tokens: "EAA", an app-type letter and a long alphanumeric body ("EAAA…" is Square's).
  { id: 'facebook-page-access-token', title: 'Facebook user or page access token', severity: 'high', keywords: ['eaa'], pattern: new RegExp(`${B}(EAA[B-Z][A-Za-z0-9]{96,400})${E}`, 'g'), minEntropy: 4, gitleaks: ['facebook-page-access-token'] },
  namedRule({ id: 'facebook-app-secret', title: 'Facebook app secret', severity: 'high', names: ['facebook'], value: '[a-f0-9]{32}', minEntropy: 3, gitleaks: ['facebook-secret'] }),
  // Client secrets: 16 alphanumerics, or the newer "WPL_AP1.<16>.<base64>" form (the 14-character client id is not a secret).
  namedRule({ id: 'linkedin-client-secret', title: 'LinkedIn client secret', severity: 'high', names: ['linkedin', 'linked_in', 'linked-in'], value: 'WPL_AP\\d\\.[A-Za-z0-9]{16}\\.[A-Za-z0-9+/]{6,12}={0,2}|[A-Za-z0-9]{16}', minEntropy: 3, gitleaks: ['linkedin-client-secret'] }),
  // Twitter (X): consumer secrets (50), access token secrets (45), access tokens ("<user id>-<random>")
  // and app bearer tokens (22 "A"s, then URL-encoded base64). Consumer keys identify the app and are not reported.
  namedRule({ id: 'twitter-api-secret', title: 'Twitter API secret', severity: 'high', names: ['twitter'], value: '[A-Za-z0-9]{50}', minEntropy: 3.5, gitleaks: ['twitter-api-secret'] }),
  namedRule({ id: 'twitter-access-secret', title: 'Twitter access token secret', severity: 'high', names: ['twitter'], value: '[A-Za-z0-9]{45}', minEntropy: 3.5, gitleaks: ['twitter-access-secret'] }),
  namedRule({ id: 'twitter-access-token', title: 'Twitter access token', severity: 'medium', names: ['twitter'], value: '\\d{15,25}-[A-Za-z0-9]{20,40}', minEntropy: 3.5, gitleaks: ['twitter-access-token'] }),
  // The 22 "A"s are the format's own (a zero-padded app id), not a placeholder.
  namedRule({ id: 'twitter-bearer-token', title: 'Twitter bearer token', severity: 'high', names: ['twitter'], value: 'A{22}[A-Za-z0-9%]{80,100}', minEntropy: 3.5, placeholders: 'keep', gitleaks: ['twitter-bearer-token'] }),
  // Twitch OAuth tokens: 30 lower-case alphanumerics.
  namedRule({ id: 'twitch-oauth-token', title: 'Twitch OAuth token', severity: 'high', names: ['twitch'], value: '[a-z0-9]{30}', minEntropy: 3.5, gitleaks: ['twitch-api-token'] }),
];
