/**
 * Hosted developer APIs' credentials: commerce and shipping (Shopify, Shippo, EasyPost, Duffel,
 * Lob, Freemius), media and data services (Mapbox, Typeform, Frame.io, Adafruit IO, Beamer,
 * Finnhub, Flickr, New York Times, Private AI) and 42 Intra OAuth applications.
 */
import { assignedTo, B, E, namedRule, type SecretRule, START } from '../rule.js';

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

export const DEVELOPER_SERVICES_RULES: readonly SecretRule[] = [
  ...COMMERCE_RULES,
  ...MEDIA_AND_DATA_RULES,
];
