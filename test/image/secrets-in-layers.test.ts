/**
 * Secrets in image layers and configuration: a credential deleted by a later layer is still in the
 * image and must be found; values are always redacted, in the SDK result and the CLI output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryImage } from '../../src/sdk/index.js';
import { palisade } from '../support/cli.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const AWS_KEY = 'AKIALALEMEL33243OLIB';
const GITHUB = 'ghp_R4nd0mT0k3nV4lu3Xy9Qw2Er5Ty8Ui1Op3As';
const STRIPE = 'sk_live_51OuEMLAlTWGaDypq4P5cuDHbuKeG4t';
let layout: string;

beforeAll(async () => {
  layout = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
  const writer = new OciWriter(layout);
  const manifest = writer.image([
    await tarOf({ 'app/.env': `DEBUG=1\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n`, 'app/readme.txt': 'nothing here' }),
    await tarOf({ 'app/.wh..env': '' }),
  ], 'amd64', {
    config: { Env: ['PATH=/bin', `GITHUB_TOKEN=${GITHUB}`], Labels: { maintainer: 'ops' } },
    history: [{ created_by: 'COPY app /app' }, { created_by: `RUN curl -u ${STRIPE}: https://api.stripe.com && rm /app/.env` }],
  });
  writer.index([manifest]);
});

describe('secrets in images', () => {
  it('finds a secret in a file a later layer deleted, and in env and history', async () => {
    const result = await inventoryImage(`oci:${layout}`, { secrets: true });
    const secrets = result.secrets ?? [];
    expect(secrets.map((s) => [s.rule, s.place, s.path ?? '', s.deleted ?? false])).toEqual([
      ['aws-access-key-id', 'file', '/app/.env', true],
      ['github-token', 'env', '', false],
      ['stripe-key', 'history', '', false],
    ]);
    expect(secrets[0]?.layer).toBe(result.inventory.image?.layers[0]?.digest);
    expect([secrets[0]?.line, secrets[0]?.column]).toEqual([2, 'AWS_ACCESS_KEY_ID='.length + 1]);
    const text = JSON.stringify(secrets);
    for (const value of [AWS_KEY, GITHUB, STRIPE]) expect(text).not.toContain(value);
  });

  it('never prints a value on the command line', () => {
    const run = palisade(['image', 'scan', `oci:${layout}`, '--secrets']);
    expect(run.status).toBe(1); // the secrets are critical findings: the default gate (high) fails
    expect(run.stdout).toMatch(/Secrets: 3/);
    expect(run.stdout).toMatch(/aws-access-key-id {2}\/app\/.env:2:19 \(deleted by a later layer, still in the image\) {2}AKIA… \(20 characters\)/);
    for (const value of [AWS_KEY, GITHUB, STRIPE]) expect(run.stdout + run.stderr).not.toContain(value);
  });
});
