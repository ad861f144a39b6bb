import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { IBM_RULES } from './ibm.js';

const ids = (text: string): string[] => scanText(text, IBM_RULES).map((m) => m.rule.id);

// Synthetic values of each format's alphabet and length (not real credentials).
const IAM = 'Qk3v_9ZrT2mX-pL7wN4sY8hJ1cF6dB0aE5gU2oRtK9iM';
const HMAC = '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c1b3d5f7e9a2c4e6b';
const SOFTLAYER = '3e7a9c1f5b2d8e4a6c0f9b7d3e1a5c8f2b6d4e0a9c7f3b1d5e8a2c6f4b0d9e7a';

describe('IBM credentials', () => {
  it('finds an IAM API key under IBM or IAM key names, not a longer value', () => {
    expect(ids(`IBM_CLOUD_API_KEY=${IAM}`)).toEqual(['ibm-cloud-iam-api-key']);
    expect(ids(`"iam_apikey": "${IAM}"`)).toEqual(['ibm-cloud-iam-api-key']);
    expect(ids(`ibmcloud_api_key = ${IAM}x`)).toEqual([]);
    expect(ids(`region_key = ${IAM}`)).toEqual([]);
  });

  it('finds a COS HMAC secret (48 hex) but not a 40-character AWS-shaped key', () => {
    expect(ids(`cos_hmac_secret_key: "${HMAC}"`)).toEqual(['ibm-cos-hmac-secret']);
    expect(ids(`secret_access_key = ${HMAC.slice(0, 40)}`)).toEqual([]);
  });

  it('finds SoftLayer keys as assignments, command-line options and API URLs', () => {
    expect(ids(`--softlayer-api-key ${SOFTLAYER}`)).toEqual(['softlayer-api-key']);
    expect(ids(`SL_API_KEY="${SOFTLAYER}"`)).toEqual(['softlayer-api-key']);
    expect(ids(`https://api.softlayer.com/rest/v3/${SOFTLAYER}/SoftLayer_Account.json`)).toEqual(['softlayer-api-key-url']);
    // ssl_key is not SoftLayer.
    expect(ids(`ssl_key = ${SOFTLAYER}`)).toEqual([]);
  });

  it('finds Cloudant passwords in assignments and account URLs', () => {
    expect(ids(`CLOUDANT_PASSWORD=${SOFTLAYER}`)).toEqual(['cloudant-password']);
    expect(ids(`https://acct-1:${SOFTLAYER}@acct-1.cloudant.com/db`)).toEqual(['cloudant-url-password']);
    expect(ids(`https://acct-1:${SOFTLAYER}.cloudant.com`)).toEqual([]);
  });
});
