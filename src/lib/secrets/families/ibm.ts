/**
 * IBM Cloud credentials, whose formats have no prefix: an IAM API key (44 characters of base64url),
 * Cloud Object Storage HMAC secrets (48 hex), classic-infrastructure (SoftLayer) API keys (64 hex)
 * and Cloudant passwords (64 hex, or 24 lower-case letters for legacy API keys). Each is found
 * under a name that says which service and which credential it is, and IBM Cloudant also in its
 * account URLs (`https://user:password@account.cloudant.com`).
 */
import type { SecretRule } from '../rule.js';

/** How `assigned` reads a name. */
interface NameOptions {
  /** Blanks alone assign too, as a command-line option takes its value (`--sl-key 0123…`). */
  readonly spaced?: boolean;
  /** The name may end a longer one (`MY_APP_COS_SECRET_KEY`): up to 20 name characters and a separator before it. */
  readonly prefixed?: boolean;
}

/**
 * `name` (a regular-expression source, any case) starting a word (or, `prefixed`, ending one
 * after a separator), an optional closing quote, an assignment, an optional opening quote, then
 * `value`, which must end there: a longer value of the same alphabet is not cut down.
 */
function assigned(name: string, value: string, options: NameOptions = {}): RegExp {
  const operator = `[ \\t]{0,5}(?:=>|:{1,2}=|=|:)[ \\t]{0,5}${options.spaced === true ? '|[ \\t]{1,5}' : ''}`;
  const prefix = options.prefixed === true ? '(?:[A-Za-z0-9_.-]{0,20}[_.-])?' : '';
  // The name's start is checked looking back from its end: a pattern that opens with a lookbehind
  // (or a prefix of any name characters) defeats the engine's scan for its first characters, and
  // every position of the text is tried (20 times the time over JavaScript).
  return new RegExp(`(?:${name})(?<=(?<![A-Za-z0-9])${prefix}(?:${name}))["'\`]?(?:${operator})["'\`]?(${value})(?![A-Za-z0-9_-])`, 'gi');
}

/** The credential part of a key's name: key, api key, password. */
const KEY_OR_PASSWORD = '[_.-]?(?:api[_.-]?)?(?:key|pwd|pw|pass(?:word)?)';

export const IBM_RULES: readonly SecretRule[] = [
  {
    id: 'ibm-cloud-iam-api-key', title: 'IBM Cloud IAM API key', severity: 'critical',
    keywords: ['ibm', 'cloudiam', 'cloud_iam', 'cloud-iam', 'iamapi', 'iam_api', 'iam-api'],
    // ibm_cloud_iam_api_key, IBM-API-KEY, iam_api_key, ibm_password, ibm-cloud-pwd …
    pattern: assigned(`(?:ibm[_.-]?(?:cloud[_.-]?)?(?:iam[_.-]?)?|cloud[_.-]?iam[_.-]?|iam[_.-]?(?=api))(?:api[_.-]?)?(?:key|pwd|password)`, '[A-Za-z0-9_-]{44}'),
    minEntropy: 3,
    detectSecrets: ['IbmCloudIamDetector'],
  },
  {
    id: 'ibm-cos-hmac-secret', title: 'IBM Cloud Object Storage HMAC secret access key', severity: 'critical',
    keywords: ['secret'],
    // The HMAC pair's secret is 48 hex characters (an AWS secret access key is 40 of base64).
    pattern: assigned('secret[_.-]?access[_.-]?key|(?:ibm[_.-]?)?cos[_.-]?(?:hmac[_.-]?)?secret[_.-]?key', '[A-Fa-f0-9]{48}', { prefixed: true }),
    minEntropy: 3,
    detectSecrets: ['IbmCosHmacDetector'],
  },
  {
    id: 'softlayer-api-key', title: 'IBM SoftLayer (classic infrastructure) API key', severity: 'critical',
    keywords: ['softlayer', 'sl_', 'sl-', 'sl.', 'slapi', 'slkey', 'slpass', 'slpw'],
    pattern: assigned(`(?:--)?(?:softlayer|sl)${KEY_OR_PASSWORD}`, '[A-Fa-f0-9]{64}', { spaced: true }),
    minEntropy: 3,
    detectSecrets: ['SoftlayerDetector'],
  },
  {
    id: 'softlayer-api-key-url', title: 'IBM SoftLayer API key in an API URL', severity: 'critical', keywords: ['api.softlayer.com'],
    // The SOAP and REST endpoints take the key as a path segment.
    pattern: /api\.softlayer\.com\/(?:soap|rest)\/v3(?:\.1)?\/([A-Fa-f0-9]{64})(?![A-Za-z0-9])/gi,
    minEntropy: 3,
    detectSecrets: ['SoftlayerDetector'],
  },
  {
    id: 'cloudant-password', title: 'IBM Cloudant password or API key', severity: 'high', keywords: ['cloudant'],
    pattern: assigned(`cloudant${KEY_OR_PASSWORD}`, '[A-Fa-f0-9]{64}|[a-z]{24}'),
    minEntropy: 2.5,
    detectSecrets: ['CloudantDetector'],
  },
  {
    id: 'cloudant-url-password', title: 'IBM Cloudant password in an account URL', severity: 'high', keywords: ['cloudant.com'],
    pattern: /https?:\/\/[A-Za-z0-9_-]{1,128}:([A-Fa-f0-9]{64}|[a-z]{24})@[A-Za-z0-9_-]{1,128}\.cloudant\.com(?![A-Za-z0-9.-])/g,
    minEntropy: 2.5,
    detectSecrets: ['CloudantDetector'],
  },
];
