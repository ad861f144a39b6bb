/**
 * Cloud providers' and hosting platforms' credentials. Hosted developer APIs (commerce, shipping,
 * media, data) are in developer-services.ts.
 */
import { B, E, END, namedRule, type SecretRule, START, UUID } from '../rule.js';

const AWS_RULES: readonly SecretRule[] = [
  { id: 'aws-access-key-id', title: 'AWS access key id', severity: 'critical', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: new RegExp(`${B}((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`, 'g'), minEntropy: 3, gitleaks: ['aws-access-token'] },
  { id: 'aws-secret-access-key', title: 'AWS secret access key', severity: 'critical', keywords: ['aws_secret', 'aws-secret', 'secretaccesskey', 'secret_access_key'], pattern: /(?:aws_?secret_?access_?key|secretaccesskey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, minEntropy: 4 },
];

const AZURE_RULES: readonly SecretRule[] = [
  // Entra ID (Azure AD) client secrets since 2021: 3 characters, a version digit, "Q~", then
  // 31 to 34 more, 37 to 40 in all. The alphabet includes "~" and ".", so the token boundary
  // excludes them as well.
  { id: 'azure-ad-client-secret', title: 'Azure AD (Entra ID) client secret', severity: 'critical', keywords: ['q~'], pattern: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g, minEntropy: 3, gitleaks: ['azure-ad-client-secret'] },
  // A storage account key (64 random bytes, 88 characters of base64) in a connection string:
  // DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net.
  { id: 'azure-storage-account-key', title: 'Azure storage account key', severity: 'critical', keywords: ['accountkey='], pattern: /AccountKey=([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi, minEntropy: 4 },
];

const ALIBABA_RULES: readonly SecretRule[] = [
  // LTAI and 12 (older keys) to 20 characters.
  { id: 'alibaba-access-key-id', title: 'Alibaba Cloud AccessKey ID', severity: 'critical', keywords: ['ltai'], pattern: new RegExp(`${B}(LTAI[A-Za-z0-9]{12,20})${E}`, 'g'), minEntropy: 3, gitleaks: ['alibaba-access-key-id'] },
  namedRule({ id: 'alibaba-access-key-secret', title: 'Alibaba Cloud AccessKey secret', severity: 'critical', names: ['alibaba', 'aliyun'], value: '[A-Za-z0-9]{30}', minEntropy: 3.5, gitleaks: ['alibaba-secret-key'] }),
];

const CLOUDFLARE_RULES: readonly SecretRule[] = [
  // API tokens are 40 characters; the legacy Global API Key (the whole account) 37 hex characters.
  namedRule({ id: 'cloudflare-api-key', title: 'Cloudflare API token or global API key', severity: 'critical', names: ['cloudflare'], value: '[A-Za-z0-9_-]{40}|[a-f0-9]{37}', minEntropy: 3, gitleaks: ['cloudflare-api-key', 'cloudflare-global-api-key'] }),
  // v1.0-<24 hex>-<146 hex>: issues origin certificates for the account's zones.
  { id: 'cloudflare-origin-ca-key', title: 'Cloudflare Origin CA key', severity: 'high', keywords: ['v1.0-'], pattern: new RegExp(`${B}(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${E}`, 'g'), minEntropy: 3, gitleaks: ['cloudflare-origin-ca-key'] },
];

const PLATFORM_RULES: readonly SecretRule[] = [
  // doo_ OAuth, dop_ personal access, dor_ refresh tokens.
  { id: 'digitalocean-token', title: 'DigitalOcean token', severity: 'critical', keywords: ['doo_v1_', 'dop_v1_', 'dor_v1_'], pattern: new RegExp(`${B}(do[opr]_v1_[a-f0-9]{64})${E}`, 'g'), minEntropy: 3, gitleaks: ['digitalocean-access-token', 'digitalocean-pat', 'digitalocean-refresh-token'] },
  // Older Heroku API keys are bare UUIDs: only a named one is a key.
  namedRule({ id: 'heroku-api-key', title: 'Heroku API key', severity: 'critical', names: ['heroku'], value: UUID, minEntropy: 3, gitleaks: ['heroku-api-key'] }),
  { id: 'heroku-api-token', title: 'Heroku API token', severity: 'critical', keywords: ['hrku-aa'], pattern: new RegExp(`${START}(HRKU-AA[A-Za-z0-9_-]{58})${END}`, 'g'), minEntropy: 3.5, gitleaks: ['heroku-api-key-v2'] },
  // fo1_ OAuth tokens, and fm1a_/fm1r_/fm2_ macaroons (base64), often several joined by commas
  // after "FlyV1 ".
  {
    id: 'flyio-access-token', title: 'Fly.io access token', severity: 'critical', keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    pattern: new RegExp(`(?<![A-Za-z0-9_+/-])(fo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])|(?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,4096}={0,3}(?![A-Za-z0-9+/=]))`, 'g'), minEntropy: 4, gitleaks: ['flyio-access-token'],
  },
  { id: 'scalingo-api-token', title: 'Scalingo API token', severity: 'critical', keywords: ['tk-us-'], pattern: new RegExp(`${START}(tk-us-[A-Za-z0-9_-]{48})${END}`, 'g'), minEntropy: 3, gitleaks: ['scalingo-api-token'] },
  namedRule({ id: 'fastly-api-token', title: 'Fastly API token', severity: 'high', names: ['fastly'], value: '[A-Za-z0-9_=-]{32}', minEntropy: 3, gitleaks: ['fastly-api-token'] }),
  // Yandex Cloud: IAM tokens (t1.<payload>.<86-character signature>), API keys (AQVN…) and the
  // secret half of static access keys (YC…), all without an unmistakable prefix of their own.
  namedRule({
    id: 'yandex-cloud-credential', title: 'Yandex Cloud IAM token, API key or static key secret', severity: 'critical', names: ['yandex'],
    value: 't1\\.[A-Za-z0-9_-]{1,300}={0,2}\\.[A-Za-z0-9_-]{86}={0,2}|AQVN[A-Za-z0-9_-]{35,38}|YC[A-Za-z0-9_-]{38}', minEntropy: 3,
    gitleaks: ['yandex-access-token', 'yandex-api-key', 'yandex-aws-access-token'],
  }),
  { id: 'google-api-key', title: 'Google API key', severity: 'high', keywords: ['aiza'], pattern: new RegExp(`${B}(AIza[A-Za-z0-9_-]{35})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['gcp-api-key'] },
  // Google OAuth client secrets since 2021: "GOCSPX-" and 28 URL-safe characters. With the client
  // id (public) they let anyone run the app's OAuth flows (client_secret.json, installed apps).
  { id: 'google-oauth-client-secret', title: 'Google OAuth client secret', severity: 'high', keywords: ['gocspx-'], pattern: new RegExp(`${START}(GOCSPX-[A-Za-z0-9_-]{28})${END}`, 'g'), minEntropy: 3 },
];

export const CLOUD_RULES: readonly SecretRule[] = [
  ...AWS_RULES,
  ...AZURE_RULES,
  ...ALIBABA_RULES,
  ...CLOUDFLARE_RULES,
  ...PLATFORM_RULES,
];
