/**
 * Cloud providers', hosting platforms' and hosted APIs' credentials. The hosted APIs (commerce,
 * shipping, media, data) are meant for a developer-services family once the catalog lists one.
 */
import { assignedTo, B, E, namedRule, type SecretRule } from '../rule.js';

/** Starts a token whose alphabet includes `-`: not inside a longer run of that alphabet ("x-glpat-…" is not a token). */
const START = '(?<![A-Za-z0-9_-])';
/** Ends a token whose alphabet includes `-`: a longer value of the same alphabet is not cut down to fit. */
const END = '(?![A-Za-z0-9_-])';
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

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
];

const COMMERCE_RULES: readonly SecretRule[] = [
  // shpat_ admin API, shpca_ custom app, shppa_ private app access tokens; shpss_ app shared secrets.
  { id: 'shopify-token', title: 'Shopify access token or shared secret', severity: 'critical', keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], pattern: new RegExp(`${B}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${E}`, 'g'), minEntropy: 3, gitleaks: ['shopify-access-token', 'shopify-custom-access-token', 'shopify-private-app-access-token', 'shopify-shared-secret'] },
  { id: 'shippo-api-token', title: 'Shippo API token', severity: 'high', keywords: ['shippo_live_', 'shippo_test_'], pattern: new RegExp(`${B}(shippo_(?:live|test)_[a-fA-F0-9]{40})${E}`, 'g'), minEntropy: 3, gitleaks: ['shippo-api-token'] },
  // EZAK production and EZTK test keys. Their body is alphanumeric, so a run of base64 can hold
  // one by chance: the token must not continue base64 ("+", "/" before, "+", "/", "=" after).
  { id: 'easypost-api-key', title: 'EasyPost API key', severity: 'high', keywords: ['ezak', 'eztk'], pattern: /(?<![A-Za-z0-9_+/-])(EZ[AT]K[A-Za-z0-9]{54})(?![A-Za-z0-9_+/=-])/g, minEntropy: 3, gitleaks: ['easypost-api-token', 'easypost-test-api-token'] },
  { id: 'duffel-api-token', title: 'Duffel API token', severity: 'high', keywords: ['duffel_live_', 'duffel_test_'], pattern: new RegExp(`${START}(duffel_(?:live|test)_[A-Za-z0-9_=-]{43})(?![A-Za-z0-9_=-])`, 'g'), minEntropy: 3, gitleaks: ['duffel-api-token'] },
  // Lob secret keys (live_/test_ and 35 hex); the live_pub_/test_pub_ publishable keys are not secret.
  // "lob" is too common a substring to prefilter on, so the value's prefix is the keyword, and the
  // name must start a word ("global", "blob" are not Lob).
  { id: 'lob-api-key', title: 'Lob API key', severity: 'high', keywords: ['live_', 'test_'], pattern: new RegExp(`(?<![A-Za-z])${assignedTo(['lob'], '(?:live|test)_[a-f0-9]{35}').source}`, 'g'), minEntropy: 3, gitleaks: ['lob-api-key'] },
  // Freemius keeps its secret key in a PHP array: "secret_key" => "sk_…" (29 printable characters).
  { id: 'freemius-secret-key', title: 'Freemius secret key', severity: 'high', keywords: ['secret_key'], pattern: /["']secret_key["'][ \t]{0,10}=>[ \t]{0,10}["'](sk_[^\s"']{29})["']/g, minEntropy: 3, gitleaks: ['freemius-secret-key'] },
];

const MEDIA_AND_DATA_RULES: readonly SecretRule[] = [
  // Mapbox secret tokens (sk.): a base64 JSON payload and a signature. Public pk. tokens ship in web pages by design.
  { id: 'mapbox-secret-token', title: 'Mapbox secret access token', severity: 'high', keywords: ['sk.eyj'], pattern: new RegExp(`${START}(sk\\.eyJ[A-Za-z0-9_-]{20,300}\\.[A-Za-z0-9_-]{22})${E}`, 'g'), minEntropy: 3 },
  { id: 'typeform-api-token', title: 'Typeform personal access token', severity: 'high', keywords: ['tfp_'], pattern: new RegExp(`${START}(tfp_[A-Za-z0-9_.=-]{59})(?![A-Za-z0-9_.=-])`, 'g'), minEntropy: 3, gitleaks: ['typeform-api-token'] },
  { id: 'frameio-api-token', title: 'Frame.io developer token', severity: 'high', keywords: ['fio-u-'], pattern: new RegExp(`${START}(fio-u-[A-Za-z0-9_=-]{64})(?![A-Za-z0-9_=-])`, 'g'), minEntropy: 3, gitleaks: ['frameio-api-token'] },
  // 42 school (intra.42.fr) OAuth application secrets.
  { id: 'intra42-client-secret', title: '42 Intra OAuth client secret', severity: 'medium', keywords: ['s-s4t2ud-', 's-s4t2af-'], pattern: new RegExp(`${B}(s-s4t2(?:ud|af)-[a-fA-F0-9]{64})${E}`, 'g'), minEntropy: 3, gitleaks: ['intra42-client-secret'] },
  namedRule({ id: 'adafruit-io-key', title: 'Adafruit IO key', severity: 'medium', names: ['adafruit'], value: '[A-Za-z0-9_-]{32}', minEntropy: 3, gitleaks: ['adafruit-api-key'] }),
  // Beamer API keys: "b_" and 44 characters.
  namedRule({ id: 'beamer-api-key', title: 'Beamer API key', severity: 'medium', names: ['beamer'], value: 'b_[A-Za-z0-9_=-]{44}', minEntropy: 3, gitleaks: ['beamer-api-token'] }),
  namedRule({ id: 'finnhub-api-key', title: 'Finnhub API key', severity: 'medium', names: ['finnhub'], value: '[A-Za-z0-9]{20}', minEntropy: 3, gitleaks: ['finnhub-access-token'] }),
  namedRule({ id: 'flickr-api-key', title: 'Flickr API key', severity: 'medium', names: ['flickr'], value: '[A-Za-z0-9]{32}', minEntropy: 3, gitleaks: ['flickr-access-token'] }),
  namedRule({ id: 'nytimes-api-key', title: 'New York Times API key', severity: 'medium', names: ['nytimes', 'new-york-times', 'newyorktimes'], value: '[A-Za-z0-9_=-]{32}', minEntropy: 3, gitleaks: ['nytimes-access-token'] }),
  namedRule({ id: 'private-ai-api-key', title: 'Private AI API key', severity: 'high', names: ['privateai', 'private_ai', 'private-ai'], value: '[A-Za-z0-9]{32}', minEntropy: 3, gitleaks: ['privateai-api-token'] }),
];

export const CLOUD_RULES: readonly SecretRule[] = [
  ...AWS_RULES,
  ...AZURE_RULES,
  ...ALIBABA_RULES,
  ...CLOUDFLARE_RULES,
  ...PLATFORM_RULES,
  ...COMMERCE_RULES,
  ...MEDIA_AND_DATA_RULES,
];
