/** Productivity, collaboration, CRM and commerce services' tokens. */
import { B, E, namedRule, type SecretRule, UUID } from '../rule.js';

/** CRC-32 (IEEE), as zlib computes it (zlib.crc32 is not in every Node 20). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = (c & 1) !== 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i += 1) crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Atlassian API tokens end in the CRC-32 of everything before it, as 8 upper-case hex digits. */
function atlassianChecksum(token: string): boolean {
  return crc32(token.slice(0, -8)).toString(16).toUpperCase().padStart(8, '0') === token.slice(-8);
}

export const PRODUCTIVITY_RULES: readonly SecretRule[] = [
  // Current Atlassian API tokens: "ATATT3", a URL-safe body, "=" and a checksum. They act as the
  // user in Jira, Confluence and Bitbucket (code): critical.
  { id: 'atlassian-api-token', title: 'Atlassian API token', severity: 'critical', keywords: ['atatt3'], pattern: new RegExp(`${B}(ATATT3[A-Za-z0-9_=-]{177}=[A-F0-9]{8})${E}`, 'g'), minEntropy: 3.5, accept: atlassianChecksum, gitleaks: ['atlassian-api-token'] },
  // Older Atlassian API tokens had no prefix: 24 alphanumerics assigned to a Jira/Confluence/Atlassian name.
  namedRule({ id: 'atlassian-legacy-api-token', title: 'Atlassian API token (legacy format)', severity: 'critical', names: ['atlassian', 'confluence', 'jira'], value: '[A-Za-z0-9]{24}', minEntropy: 3.5, gitleaks: ['atlassian-api-token'] }),
  // Legacy API keys ("key" and 14 characters); personal access tokens ("pat", 14 characters, "." and 64 hex).
  namedRule({ id: 'airtable-api-key', title: 'Airtable API key', severity: 'high', names: ['airtable'], value: 'key[A-Za-z0-9]{14}', minEntropy: 3, gitleaks: ['airtable-api-key'] }),
  namedRule({ id: 'airtable-personal-access-token', title: 'Airtable personal access token', severity: 'high', names: ['airtable'], value: 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}', minEntropy: 3, gitleaks: ['airtable-personnal-access-token'] }),
  // Personal access tokens ("1/<user id>:<32 hex>", "2/<user id>/<app id>:<32 hex>") and OAuth client secrets (32 alphanumerics).
  namedRule({ id: 'asana-token', title: 'Asana personal access token or client secret', severity: 'high', names: ['asana'], value: '[12]/\\d{10,20}(?:/\\d{10,20})?:[a-f0-9]{32}|[A-Za-z0-9]{32}', minEntropy: 3, gitleaks: ['asana-client-secret'] }),
  // Legacy API keys are GUIDs; private app tokens are "pat-<region>-<UUID>".
  namedRule({ id: 'hubspot-api-key', title: 'HubSpot API key', severity: 'high', names: ['hubspot'], value: UUID, minEntropy: 3, gitleaks: ['hubspot-api-key'] }),
  { id: 'hubspot-private-app-token', title: 'HubSpot private app token', severity: 'high', keywords: ['pat-na1-', 'pat-eu1-'], pattern: new RegExp(`${B}(pat-(?:na1|eu1)-${UUID})${E}`, 'g'), minEntropy: 3 },
  // Access tokens: 60 characters of base64 ("dG9rOj…", the encoding of "tok:…").
  namedRule({ id: 'intercom-access-token', title: 'Intercom access token', severity: 'high', names: ['intercom'], value: '[A-Za-z0-9_=-]{60}', minEntropy: 3.5, gitleaks: ['intercom-api-key'] }),
  { id: 'linear-api-key', title: 'Linear API key', severity: 'high', keywords: ['lin_api_', 'lin_oauth_'], pattern: new RegExp(`${B}(lin_api_[A-Za-z0-9]{40}|lin_oauth_[a-f0-9]{64})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['linear-api-key'] },
  namedRule({ id: 'linear-client-secret', title: 'Linear OAuth client secret', severity: 'high', names: ['linear'], value: '[a-f0-9]{32}', minEntropy: 3, gitleaks: ['linear-client-secret'] }),
  // Looker API client secrets: 24 alphanumerics (the 20-character client id is not a secret).
  namedRule({ id: 'looker-client-secret', title: 'Looker API client secret', severity: 'high', names: ['looker'], value: '[A-Za-z0-9]{24}', minEntropy: 3.5, gitleaks: ['looker-client-secret'] }),
  // Integration tokens: "ntn_", 11 digits and 35 alphanumerics.
  { id: 'notion-api-token', title: 'Notion API token', severity: 'high', keywords: ['ntn_'], pattern: new RegExp(`${B}(ntn_\\d{11}[A-Za-z0-9]{35})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['notion-api-token'] },
  namedRule({ id: 'squarespace-api-key', title: 'Squarespace API key', severity: 'high', names: ['squarespace'], value: UUID, minEntropy: 3, gitleaks: ['squarespace-access-token'] }),
  namedRule({ id: 'zendesk-api-token', title: 'Zendesk API token', severity: 'high', names: ['zendesk'], value: '[A-Za-z0-9]{40}', minEntropy: 3.5, gitleaks: ['zendesk-secret-key'] }),
  // API access tokens ("api-<UUID>") and server-side SDK keys ("sdk-<UUID>"); mobile keys are shipped in apps and not secrets.
  namedRule({ id: 'launchdarkly-access-token', title: 'LaunchDarkly access token or SDK key', severity: 'high', names: ['launchdarkly', 'launch_darkly'], value: `(?:api|sdk)-${UUID}`, minEntropy: 3, gitleaks: ['launchdarkly-access-token'] }),
  // Adobe OAuth client secrets: "p8e-" and 32 alphanumerics.
  { id: 'adobe-client-secret', title: 'Adobe client secret', severity: 'high', keywords: ['p8e-'], pattern: new RegExp(`${B}(p8e-[A-Za-z0-9]{32})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['adobe-client-secret'] },
  // Dropbox: short-lived tokens ("sl." and a long URL-safe body), long-lived tokens (11 characters,
  // ten "A"s, 43 more) and app secrets (15 lower-case alphanumerics).
  namedRule({ id: 'dropbox-short-lived-token', title: 'Dropbox short-lived access token', severity: 'high', names: ['dropbox'], value: 'sl\\.[A-Za-z0-9_=.-]{130,1400}', minEntropy: 4, gitleaks: ['dropbox-short-lived-api-token'] }),
  // The ten "A"s are the format's own, not a placeholder; entropy still rules out filler.
  namedRule({ id: 'dropbox-long-lived-token', title: 'Dropbox long-lived access token', severity: 'high', names: ['dropbox'], value: '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}', minEntropy: 3.5, placeholders: 'keep', gitleaks: ['dropbox-long-lived-api-token'] }),
  namedRule({ id: 'dropbox-app-secret', title: 'Dropbox app secret', severity: 'high', names: ['dropbox'], value: '[a-z0-9]{15}', minEntropy: 3.2, gitleaks: ['dropbox-api-token'] }),
  // Etsy API keys (keystrings): 24 lower-case alphanumerics.
  namedRule({ id: 'etsy-api-key', title: 'Etsy API key', severity: 'high', names: ['etsy'], value: '[a-z0-9]{24}', minEntropy: 3.5, gitleaks: ['etsy-access-token'] }),
  // Sidekiq Pro/Enterprise gem server credentials ("<8 hex>:<8 hex>"), given to Bundler by
  // environment variable or in the gem source URL.
  namedRule({ id: 'sidekiq-gem-credentials', title: 'Sidekiq Pro/Enterprise gem server credentials', severity: 'high', names: ['bundle_enterprise__contribsys__com', 'bundle_gems__contribsys__com'], value: '[a-f0-9]{8}:[a-f0-9]{8}', gitleaks: ['sidekiq-secret'] }),
  { id: 'sidekiq-gem-server-url', title: 'Sidekiq Pro/Enterprise gem server URL with credentials', severity: 'high', keywords: ['@gems.contribsys.com', '@enterprise.contribsys.com'], pattern: /https?:\/\/([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?![A-Za-z0-9.-])/gi, gitleaks: ['sidekiq-sensitive-url'] },
];
