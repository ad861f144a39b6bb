/**
 * Infrastructure formats gitleaks publishes no positive case for, built from each issuer's
 * documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { INFRASTRUCTURE_RULES } from './infrastructure.js';
import { body, HEX, UPPER } from './fixtures/fake-values.js';

/** A 1Password service account token: "ops_" and the base64 of a JSON object. */
const OPS = `ops_${Buffer.from(JSON.stringify({ signInAddress: 'my.1password.com', email: `${body(12).toLowerCase()}@1passwordserviceaccounts.com`, muk: { k: body(43), kid: 'mp' }, secretKey: `A3-${body(6, UPPER)}`, srpX: body(64, HEX) })).toString('base64').replace(/=+$/, '')}`;

const found = (text: string) => scanText(text, INFRASTRUCTURE_RULES).map((m) => m.rule.id);

describe('infrastructure secret rules', () => {
  it.each([
    ['vault-token', `VAULT_TOKEN=hvs.${body(95)}`],
    ['vault-legacy-token', `X-Vault-Token: s.${body(24)}`],
    ['terraform-cloud-token', `token = "${body(14)}.atlasv1.${body(67)}"`],
    ['pulumi-access-token', `PULUMI_ACCESS_TOKEN=pul-${body(40, HEX)}`],
    ['doppler-token', `DOPPLER_TOKEN=dp.pt.${body(43)}`],
    ['doppler-token', `DOPPLER_TOKEN=dp.st.prd.${body(43)}`],
    ['1password-secret-key', `A3-${body(32, UPPER).replace(/^(.{6})(.{6})(.{5})(.{5})(.{5})(.{5})$/, '$1-$2-$3-$4-$5-$6')}`],
    ['1password-service-account-token', `OP_SERVICE_ACCOUNT_TOKEN=${OPS}`],
    ['infracost-api-key', `INFRACOST_API_KEY=ico-${body(32)}`],
    ['defined-networking-api-key', `DN_API_KEY=dnkey-${body(26)}-${body(52)}`],
    ['authress-service-client-key', `AUTHRESS_KEY=sc_${body(10).toLowerCase()}.${body(5).toLowerCase()}.acc_${body(20).toLowerCase()}.${body(60)}`],
    ['cisco-meraki-api-key', `MERAKI_DASHBOARD_API_KEY=${body(40, HEX)}`],
    ['okta-api-token', `myOktaToken = "00${body(40)}"`],
    ['okta-api-token-header', `curl -H "Authorization: SSWS 00${body(40)}" https://dev-1.okta.com/api/v1/users`],
    ['openshift-user-token', `oc login --token=sha256~${body(43)}`],
    ['settlemint-token', `SETTLEMINT_ACCESS_TOKEN=sm_pat_${body(16)}`],
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['a legacy Vault token not given to a Vault or token setting', `value = s.${body(24)}`],
    ['a field access shaped like a legacy Vault token', 'token: s.AcceptanceTimeoutSeconds'],
    ['a service account token whose body is not JSON', `ops_eyJ${body(300)}`],
    ['an Okta-shaped value inside a longer word', `brookTable = "00${body(40)}"`],
    ['a Meraki key with upper-case hex', `meraki_key: ${body(40, '0123456789ABCDEF')}`],
    ['an OpenShift token one character short', `sha256~${body(42)}`],
    ['a Pulumi token inside a longer word', `vipul-${body(40, HEX)}`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
