/** Infrastructure tooling: secret stores, identity, provisioning and network management. */
import { assignedTo, B, E, END, namedRule, type SecretRule, START } from '../rule.js';

/** A 1Password service account token's body is base64 JSON (its account, keys and sign-in address). */
function isServiceAccountToken(token: string): boolean {
  const text = Buffer.from(token.slice('ops_'.length), 'base64').toString('latin1');
  return text.startsWith('{"') && /^[\x20-\x7e]{20,}$/.test(text.slice(0, 64));
}

/** Okta API tokens: "00" and 40 characters; they act with their creator's admin rights. */
const OKTA_TOKEN = '00[A-Za-z0-9_=-]{40}';

const VAULT_RULES: readonly SecretRule[] = [
  // hvs. service and hvb. batch tokens (Vault 1.10+): the prefix says what they are.
  { id: 'vault-token', title: 'HashiCorp Vault token', severity: 'critical', keywords: ['hvs.', 'hvb.'], pattern: new RegExp(`${START}(hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300})${END}`, 'g'), minEntropy: 3.5, gitleaks: ['vault-service-token', 'vault-batch-token'] },
  // Before 1.10, service tokens were "s." and 24 base62 characters: too short a prefix to find
  // alone, so only a value given to a Vault or token setting counts, and it must hold a digit
  // (as 98% of random ones do), unlike field accesses such as s.AcceptanceTimeoutSeconds.
  {
    id: 'vault-legacy-token', title: 'HashiCorp Vault token (before 1.10)', severity: 'critical', keywords: ['vault', 'token'],
    pattern: assignedTo(['vault', 'token'], 's\\.[A-Za-z0-9]{24}'), minEntropy: 3.5, accept: (secret) => /\d/.test(secret), gitleaks: ['vault-service-token'],
  },
];

export const INFRASTRUCTURE_RULES: readonly SecretRule[] = [
  ...VAULT_RULES,
  // <14 characters>.atlasv1.<60-70 characters>: HCP Terraform (Terraform Cloud) and Enterprise tokens.
  { id: 'terraform-cloud-token', title: 'HCP Terraform API token', severity: 'critical', keywords: ['.atlasv1.'], pattern: new RegExp(`${B}([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])`, 'g'), minEntropy: 3.5, gitleaks: ['hashicorp-tf-api-token'] },
  { id: 'pulumi-access-token', title: 'Pulumi access token', severity: 'critical', keywords: ['pul-'], pattern: new RegExp(`${B}(pul-[a-f0-9]{40})${E}`, 'g'), minEntropy: 3, gitleaks: ['pulumi-api-token'] },
  // dp.pt. personal, dp.ct. CLI, dp.sa. service account, dp.scim., dp.audit., and dp.st.
  // service tokens, which may name their config (dp.st.prd.…).
  {
    id: 'doppler-token', title: 'Doppler token', severity: 'critical', keywords: ['dp.pt.', 'dp.ct.', 'dp.sa.', 'dp.st.', 'dp.scim.', 'dp.audit.'],
    pattern: new RegExp(`${B}(dp\\.(?:pt|ct|sa|scim|audit|st(?:\\.[a-z0-9_-]{1,80})?)\\.[A-Za-z0-9]{40,44})${E}`, 'g'), minEntropy: 3, gitleaks: ['doppler-api-token'],
  },
  // A3-<6>-<11 or 6-5>-<5>-<5>-<5>: with the account password, it opens a 1Password account.
  { id: '1password-secret-key', title: '1Password account secret key', severity: 'critical', keywords: ['a3-'], pattern: new RegExp(`${START}(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})${END}`, 'g'), minEntropy: 3, gitleaks: ['1password-secret-key'] },
  {
    id: '1password-service-account-token', title: '1Password service account token', severity: 'critical', keywords: ['ops_eyj'],
    pattern: /(?<![A-Za-z0-9+/_-])(ops_eyJ[A-Za-z0-9+/_-]{250,4096}={0,3})(?![A-Za-z0-9+/=_-])/g, minEntropy: 4, accept: isServiceAccountToken, gitleaks: ['1password-service-account-token'],
  },
  { id: 'infracost-api-key', title: 'Infracost API key', severity: 'medium', keywords: ['ico-'], pattern: new RegExp(`${B}(ico-[A-Za-z0-9]{32})${E}`, 'g'), minEntropy: 3, gitleaks: ['infracost-api-token'] },
  // Defined Networking (managed Nebula overlay networks).
  { id: 'defined-networking-api-key', title: 'Defined Networking API key', severity: 'high', keywords: ['dnkey-'], pattern: new RegExp(`${START}(dnkey-[A-Za-z0-9_=-]{26}-[A-Za-z0-9_=-]{52})(?![A-Za-z0-9_=-])`, 'g'), minEntropy: 3, gitleaks: ['defined-networking-api-token'] },
  // <sc|ext|scauth|authress>_<account>.<key id>.acc_<client>.<signature>
  {
    id: 'authress-service-client-key', title: 'Authress service client access key', severity: 'high', keywords: ['.acc_', '.acc-'],
    pattern: new RegExp(`${START}((?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][A-Za-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120})(?![A-Za-z0-9+/_=-])`, 'g'), minEntropy: 3, gitleaks: ['authress-service-client-access-key'],
  },
  // Meraki dashboard API keys administer the organisation's network devices.
  namedRule({ id: 'cisco-meraki-api-key', title: 'Cisco Meraki API key', severity: 'critical', names: ['meraki'], value: '[0-9a-f]{40}', minEntropy: 3, gitleaks: ['cisco-meraki-api-key'] }),
  { id: 'okta-api-token', title: 'Okta API token', severity: 'critical', keywords: ['okta'], pattern: assignedTo(['okta'], OKTA_TOKEN), minEntropy: 3.5, gitleaks: ['okta-access-token'] },
  // The same token where Okta's API takes it: "Authorization: SSWS <token>".
  { id: 'okta-api-token-header', title: 'Okta API token (SSWS authorization)', severity: 'critical', keywords: ['ssws'], pattern: new RegExp(`SSWS[ \\t]{1,5}(${OKTA_TOKEN})${END}`, 'g'), minEntropy: 3.5, gitleaks: ['okta-access-token'] },
  // OpenShift OAuth access tokens (oc login --token=sha256~…).
  { id: 'openshift-user-token', title: 'OpenShift user token', severity: 'critical', keywords: ['sha256~'], pattern: new RegExp(`${START}(sha256~[A-Za-z0-9_-]{43})${END}`, 'g'), minEntropy: 3.5, gitleaks: ['openshift-user-token'] },
  // SettleMint (blockchain platform): application, personal and service access tokens.
  { id: 'settlemint-token', title: 'SettleMint access token', severity: 'high', keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'], pattern: new RegExp(`${B}(sm_(?:aat|pat|sat)_[A-Za-z0-9]{16})${E}`, 'g'), minEntropy: 3, gitleaks: ['settlemint-application-access-token', 'settlemint-personal-access-token', 'settlemint-service-access-token'] },
];
