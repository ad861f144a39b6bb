/** Database, data-platform and hosted data services' credentials. */
import { B, E, END, namedRule, type SecretRule, START } from '../rule.js';

export const DATABASES_RULES: readonly SecretRule[] = [
  { id: 'clickhouse-cloud-api-secret', title: 'ClickHouse Cloud API key secret', severity: 'critical', keywords: ['4b1d'], pattern: new RegExp(`${B}(4b1d[A-Za-z0-9]{38})${E}`, 'g'), minEntropy: 3, gitleaks: ['clickhouse-cloud-api-secret-key'] },
  // dapi and 32 hex; tokens copied from the workspace UI may end in -<digit>.
  { id: 'databricks-token', title: 'Databricks personal access token', severity: 'critical', keywords: ['dapi'], pattern: new RegExp(`${B}(dapi[a-f0-9]{32}(?:-\\d)?)${E}`, 'g'), minEntropy: 3, gitleaks: ['databricks-api-token'] },
  // pscale_tkn_ service tokens, pscale_oauth_ tokens and pscale_pw_ database passwords.
  {
    id: 'planetscale-credential', title: 'PlanetScale token or database password', severity: 'critical', keywords: ['pscale_tkn_', 'pscale_oauth_', 'pscale_pw_'],
    pattern: new RegExp(`${START}(pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.=-]{32,64})(?![A-Za-z0-9_.=-])`, 'g'), minEntropy: 3,
    gitleaks: ['planetscale-api-token', 'planetscale-oauth-token', 'planetscale-password'],
  },
  // Confluent Cloud API keys pair a 16-character key (an identifier) with a 64-character secret.
  namedRule({ id: 'confluent-api-secret', title: 'Confluent Cloud API secret', severity: 'critical', names: ['confluent'], value: '[A-Za-z0-9+/]{64}', minEntropy: 3.5, gitleaks: ['confluent-secret-key'] }),
  // Algolia admin and search keys are 32 hex characters; only named ones are recognisable.
  namedRule({ id: 'algolia-api-key', title: 'Algolia API key', severity: 'medium', names: ['algolia'], value: '[a-f0-9]{32}', minEntropy: 3, gitleaks: ['algolia-api-key'] }),
  // Content Delivery API tokens read published content; CFPAT- tokens manage the whole space.
  namedRule({ id: 'contentful-delivery-token', title: 'Contentful delivery API token', severity: 'medium', names: ['contentful'], value: '[A-Za-z0-9_=-]{43}', minEntropy: 3, gitleaks: ['contentful-delivery-api-token'] }),
  { id: 'contentful-management-token', title: 'Contentful management token', severity: 'high', keywords: ['cfpat-'], pattern: new RegExp(`${START}(CFPAT-[A-Za-z0-9_-]{43})${END}`, 'g'), minEntropy: 3 },
  // <6>_<29>_mmk: downloads the GeoIP databases.
  { id: 'maxmind-license-key', title: 'MaxMind license key', severity: 'medium', keywords: ['_mmk'], pattern: new RegExp(`${B}([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)${E}`, 'g'), minEntropy: 3, gitleaks: ['maxmind-license-key'] },
];
