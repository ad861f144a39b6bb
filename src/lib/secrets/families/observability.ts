/** Monitoring, logging and error-tracking services' tokens. */
import { B, E, namedRule, type SecretRule } from '../rule.js';

/** Whether `body` is base64 of a JSON object (Grafana's API keys and Cloud tokens are). */
function base64JsonObject(body: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export const OBSERVABILITY_RULES: readonly SecretRule[] = [
  { id: 'sentry-org-token', title: 'Sentry organisation token', severity: 'high', keywords: ['sntrys_'], pattern: /(sntrys_eyJpYXQiO[A-Za-z0-9+/=]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[A-Za-z0-9+/=]{10,200}={0,2}_[A-Za-z0-9+/]{43})/g, gitleaks: ['sentry-org-token'] },
  { id: 'sentry-user-token', title: 'Sentry user auth token', severity: 'high', keywords: ['sntryu_'], pattern: new RegExp(`${B}(sntryu_[a-f0-9]{64})${E}`, 'g'), minEntropy: 3, gitleaks: ['sentry-user-token'] },
  // Auth tokens before the sntry prefixes: 64 hex characters, named after the service.
  namedRule({ id: 'sentry-auth-token', title: 'Sentry auth token (legacy format)', severity: 'high', names: ['sentry'], value: '[a-f0-9]{64}', minEntropy: 3, gitleaks: ['sentry-access-token'] }),
  // API keys (32 hex) and application keys (40 hex), named after the service or its DD_ variables.
  namedRule({ id: 'datadog-api-key', title: 'Datadog API or application key', severity: 'high', names: ['datadog', 'dd_api_key', 'dd_app_key', 'dd_application_key'], value: '[a-f0-9]{40}|[a-f0-9]{32}', minEntropy: 3, gitleaks: ['datadog-access-token'] }),
  // "dt0c01.", a 24-character public part and a 64-character secret part.
  { id: 'dynatrace-api-token', title: 'Dynatrace API token', severity: 'high', keywords: ['dt0c01.'], pattern: new RegExp(`${B}(dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['dynatrace-api-token'] },
  // Legacy API keys: base64 of {"k":<32 characters>,"n":<name>,"id":<number>} (76 characters or more).
  { id: 'grafana-api-key', title: 'Grafana API key', severity: 'high', keywords: ['eyjrijoi'], pattern: new RegExp(`${B}(eyJrIjoi[A-Za-z0-9+/]{60,400}={0,3})${E}`, 'g'), minEntropy: 3.5, accept: base64JsonObject, gitleaks: ['grafana-api-key'] },
  // Grafana Cloud access policy tokens: "glc_" and base64 of a JSON object.
  { id: 'grafana-cloud-token', title: 'Grafana Cloud access policy token', severity: 'high', keywords: ['glc_eyj'], pattern: new RegExp(`${B}(glc_eyJ[A-Za-z0-9+/]{29,400}={0,3})${E}`, 'g'), minEntropy: 3.5, accept: (secret) => base64JsonObject(secret.slice(4)), gitleaks: ['grafana-cloud-api-token'] },
  // Service account tokens: "glsa_", 32 alphanumerics, "_" and an 8-hex checksum.
  { id: 'grafana-service-account-token', title: 'Grafana service account token', severity: 'high', keywords: ['glsa_'], pattern: new RegExp(`${B}(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['grafana-service-account-token'] },
  // New Relic user API keys ("NRAK-" and 27), Insights insert keys ("NRII-" and 32) and ingest
  // license keys (36 hex and "NRAL"). Browser keys ("NRJS-") ship in every page's snippet and are not secrets.
  { id: 'new-relic-user-api-key', title: 'New Relic user API key', severity: 'high', keywords: ['nrak-'], pattern: new RegExp(`${B}(NRAK-[A-Z0-9]{27})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['new-relic-user-api-key'] },
  { id: 'new-relic-insert-key', title: 'New Relic insert key', severity: 'medium', keywords: ['nrii-'], pattern: new RegExp(`${B}(NRII-[A-Za-z0-9_-]{32})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['new-relic-insert-key'] },
  { id: 'new-relic-license-key', title: 'New Relic license key', severity: 'medium', keywords: ['nral'], pattern: new RegExp(`${B}([a-f0-9]{36}NRAL)${E}`, 'g'), minEntropy: 3 },
  // Sumo Logic access ids ("su" and 12) and access keys (64 alphanumerics). The names are the
  // service's ("sumologic", "sumo_"), not any word starting with "sumo" (sumOfExposures).
  namedRule({ id: 'sumologic-access-id', title: 'Sumo Logic access id', severity: 'medium', names: ['sumologic', 'sumo_', 'sumo-', 'sumoaccess'], value: 'su[A-Za-z0-9]{12}', minEntropy: 3, gitleaks: ['sumologic-access-id'] }),
  namedRule({ id: 'sumologic-access-key', title: 'Sumo Logic access key', severity: 'high', names: ['sumologic', 'sumo_', 'sumo-', 'sumoaccess'], value: '[A-Za-z0-9]{64}', minEntropy: 3.5, gitleaks: ['sumologic-access-token'] }),
];
