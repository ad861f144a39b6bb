/**
 * Private-key rules on keys built from the standard encodings (bodies generated here), on near
 * misses, and on hostile input that a lazy scan would make quadratic.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { KEY_RULES } from './keys.js';
import { BASE64, randomSource } from './fixtures/fake-values.js';

const random = randomSource(37);
const lines = (count: number, width: number): string[] => Array.from({ length: count }, () => random(BASE64, width));
const found = (text: string): string[] => scanText(text, KEY_RULES).map((m) => m.rule.id);

describe('PEM private keys', () => {
  it('finds a key in a file, and one with escaped line breaks in JSON', () => {
    const body = lines(12, 64);
    expect(found(`-----BEGIN RSA PRIVATE KEY-----\n${body.join('\n')}\n-----END RSA PRIVATE KEY-----\n`)).toEqual(['private-key']);
    expect(found(`{"private_key": "-----BEGIN PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END PRIVATE KEY-----\\n"}`)).toEqual(['private-key']);
  });
  it('finds an encrypted key with its headers', () => {
    expect(found(`-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,932256E9ACCDC996\n\n${lines(8, 64).join('\n')}\n-----END RSA PRIVATE KEY-----`)).toEqual(['private-key']);
  });
  it('leaves a public key and a BEGIN line with no END', () => {
    expect(found(`-----BEGIN PUBLIC KEY-----\n${lines(6, 64).join('\n')}\n-----END PUBLIC KEY-----`)).toEqual([]);
    expect(found(`-----BEGIN PRIVATE KEY-----\n${lines(6, 64).join('\n')}\n`)).toEqual([]);
  });
  it('reads many BEGIN lines without an END line in one pass', () => {
    // 2.6 MB: a lazy scan to the end of the text per BEGIN line took over a minute on this (past
    // the test timeout); the body that stops at the next dashes takes milliseconds.
    const hostile = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(100)}\n`.repeat(20_000);
    expect(found(hostile)).toEqual([]);
  });
});

describe('kubeconfig client keys', () => {
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${lines(12, 64).join('\n')}\n-----END RSA PRIVATE KEY-----\n`;
  const data = Buffer.from(pem).toString('base64');
  it('finds client-key-data in a YAML or JSON kubeconfig by decoding it', () => {
    expect(found(`users:\n- name: admin\n  user:\n    client-certificate-data: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIC\n').toString('base64')}\n    client-key-data: ${data}\n`)).toEqual(['kubeconfig-client-key']);
    expect(found(`{"users":[{"name":"admin","user":{"client-key-data":"${data}"}}]}`)).toEqual(['kubeconfig-client-key']);
  });
  it('leaves data that is not a private key, and a path to the key', () => {
    expect(found(`client-key-data: ${Buffer.from(`-----BEGIN CERTIFICATE-----\n${lines(4, 64).join('\n')}\n`).toString('base64')}`)).toEqual([]);
    expect(found('client-key: /etc/kubernetes/pki/admin.key')).toEqual([]);
  });
});

describe('PuTTY private keys', () => {
  const ppk = (privateLines: string): string => [
    'PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: eddsa-key-20240101',
    'Public-Lines: 2', ...lines(2, 64), `Private-Lines: 1`, privateLines, `Private-MAC: ${random('0123456789abcdef', 64)}`, '',
  ].join('\n');
  it('finds the private part of a .ppk file', () => {
    expect(found(ppk(random(BASE64, 44)))).toEqual(['putty-private-key']);
  });
  it('leaves a file whose private part is filler', () => {
    expect(found(ppk('A'.repeat(44)))).toEqual([]);
  });
});
