import { describe, expect, it } from 'vitest';
import { scanConfigForSecrets, scanFileForSecrets } from '../analyzers/secrets/index.js';
import { randomSource, UPPER } from '../lib/secrets/families/fixtures/fake-values.js';
import type { Finding } from '../model/finding.js';
import type { ResourceRef } from '../model/resource.js';
import { CONFIG_SECRET_RULE, dropConfigSecrets, secretFinding } from './image-scan-findings.js';

const IMAGE: ResourceRef = { apiVersion: 'palisade.dev/v1', kind: 'Image', name: 'registry.example/app:1' };
const random = randomSource(7);
/** A fake AWS access key id: AKIA and 16 characters of base32's alphabet. */
const awsKey = () => `AKIA${random(UPPER.replace(/[01890]/g, ''), 16)}`;

describe('secret findings', () => {
  it('tells apart distinct values on one line with the same redaction, by column, in id and message', () => {
    const keys = [awsKey(), awsKey(), awsKey()];
    const line = `export KEYS="${keys.join(',')}"`;
    const scan = () => scanFileForSecrets('/etc/profile.d/keys.sh', Buffer.from(`#!/bin/sh\n${line}\n`), 'sha256:l1').map((s) => secretFinding(s, IMAGE));
    const findings = scan();
    expect(findings.map((f) => f.secret?.redacted)).toEqual(keys.map(() => 'AKIA… (20 characters)'));
    expect(new Set(findings.map((f) => f.id)).size).toBe(3);
    expect(new Set(findings.map((f) => f.message)).size).toBe(3);
    expect(findings.map((f) => [f.location.line, f.location.column])).toEqual(keys.map((key) => [2, line.indexOf(key) + 1]));
    expect(findings[0]?.message).toBe(`AWS access key id in /etc/profile.d/keys.sh:2:${String(line.indexOf(keys[0] ?? '') + 1)}: AKIA… (20 characters)`);
    // Stable: the same image gives the same ids on every run.
    expect(scan().map((f) => f.id)).toEqual(findings.map((f) => f.id));
  });

  it('tells apart two values in one configuration entry', () => {
    const keys = [awsKey(), awsKey()];
    const findings = scanConfigForSecrets({ env: [`KEYS=${keys.join(' ')}`] }).map((s) => secretFinding(s, IMAGE));
    expect(findings.map((f) => f.message)).toEqual([
      'AWS access key id in the image configuration (env #1, column 6): AKIA… (20 characters)',
      'AWS access key id in the image configuration (env #1, column 27): AKIA… (20 characters)',
    ]);
    expect(findings[0]?.id).not.toBe(findings[1]?.id);
  });

  it('keeps the id of the entry counting unlisted values when more values are added to the file', () => {
    const file = (count: number) => Buffer.from(Array.from({ length: count }, (_, i) => `KEY_${String(i)}=${awsKey()}`).join('\n'));
    const unlisted = (count: number) => scanFileForSecrets('/app/keys.env', file(count), 'sha256:l1').map((s) => secretFinding(s, IMAGE)).filter((f) => f.secret?.unlisted !== undefined);
    const [few] = unlisted(14);
    const [more] = unlisted(30);
    expect(few?.secret?.unlisted).toBe(4);
    expect(more?.secret?.unlisted).toBe(20);
    expect(more?.id).toBe(few?.id);
  });

  it('never derives the id from the value: two values at the same place give the same id', () => {
    const at = (key: string) => scanFileForSecrets('/app/.env', Buffer.from(`AWS_ACCESS_KEY_ID=${key}\n`), undefined).map((s) => secretFinding(s, IMAGE).id);
    expect(at(awsKey())).toEqual(at(awsKey()));
  });
});

describe('secrets in labels', () => {
  const labels = { 'com.example.okta': `<okta-token>00${random(UPPER, 38)}</okta-token>`, DB_PASSWORD: 'Xk9mQ2vL7pR4zW' };
  const secrets = scanConfigForSecrets({ labels }).map((s) => secretFinding(s, IMAGE));

  it('name the label, in the message and the pointer', () => {
    expect(secrets.map((f) => [f.secret?.label, f.location.path])).toEqual([['com.example.okta', '/config/Labels/com.example.okta'], ['DB_PASSWORD', '/config/Labels/DB_PASSWORD']]);
    expect(secrets[1]?.message).toMatch(/ in the image configuration \(label DB_PASSWORD, column 13\): Xk9… \(14 characters\)$/);
  });

  it('are dropped only where the configuration rule reported the same label', () => {
    // The configuration rule reads the password by its key, and no Okta token in a tag.
    const ruleFinding = { ...secrets[1], ruleId: CONFIG_SECRET_RULE, location: { file: '', line: 0, column: 0, path: '/config/Labels/DB_PASSWORD' } } as Finding;
    expect(dropConfigSecrets(secrets, [ruleFinding]).map((f) => f.secret?.label)).toEqual(['com.example.okta']);
  });
});

describe('secrets in the configuration of several images', () => {
  it('are dropped only where the rule flagged the same place of the same image', () => {
    const other: ResourceRef = { ...IMAGE, name: 'registry.example/other:2' };
    const env = { env: [`TOKEN=<okta-token>00${random(UPPER, 38)}</okta-token>`] };
    const secrets = [IMAGE, other].flatMap((image) => scanConfigForSecrets(env).map((s) => secretFinding(s, image)));
    // The rule flagged Env[0] of the first image only (its ImageConfig is named by the target).
    const ruleFinding = { ...secrets[0], ruleId: CONFIG_SECRET_RULE, resource: { apiVersion: 'palisade.dev/v1', kind: 'ImageConfig', name: 'oci-archive:app.tar' }, location: { file: 'oci-archive:app.tar', line: 0, column: 0, path: '/config/Env/0' } } as Finding;
    const summary = (target: string, reference: string) => ({ target, reference, layers: 1, packages: 0, packagesByEcosystem: {}, vulnerabilities: { checked: false as const, reason: '' }, secretsChecked: true });
    const images = [summary('oci-archive:app.tar', IMAGE.name), summary('docker://registry.example/other:2', other.name)];
    expect(dropConfigSecrets(secrets, [ruleFinding], images).map((f) => f.resource.name)).toEqual([other.name]);
  });
});
