import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomSource, UPPER } from '../../lib/secrets/families/fixtures/fake-values.js';
import { redact } from '../../lib/redact.js';
import { MAX_VALUES_PER_RULE } from '../../lib/secrets/summary.js';
import { scanConfigForSecrets, scanFileForSecrets, wantsSecretScan } from './index.js';

const random = randomSource(42);
/** A fake AWS access key id: AKIA and 16 characters of base32's alphabet. */
const awsKey = () => `AKIA${random(UPPER.replace(/[01890]/g, ''), 16)}`;
const signature = random(`${UPPER}abcdefghijklmnopqrstuvwxyz_-`, 43);
const JWT = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from('{"sub":"svc-billing","iat":1716239022}').toString('base64url')}.${signature}`;

describe('secrets of one file', () => {
  it('reports a value repeated on a minified line once, at its first line', () => {
    const bundle = `// built\nvar t=[${Array.from({ length: 3000 }, () => `"${JWT}"`).join(',')}];\n`;
    expect(scanFileForSecrets('/app/bundle.js', Buffer.from(bundle), undefined).map((s) => [s.rule, s.line, s.redacted])).toEqual([['jwt', 2, `eyJh… (${String(JWT.length)} characters)`]]);
  });

  it('says how often a repeated value occurs, and where on its line it first is', () => {
    const bundle = `// built\nvar t=[${Array.from({ length: 3000 }, () => `"${JWT}"`).join(',')}];\n`;
    const [first] = scanFileForSecrets('/app/bundle.js', Buffer.from(bundle), undefined);
    expect([first?.line, first?.column, first?.occurrences]).toEqual([2, 'var t=["'.length + 1, 3000]);
    const once = scanFileForSecrets('/app/.env', Buffer.from(`TOKEN=${JWT}\n`), undefined);
    expect(once.map((s) => [s.column, s.occurrences])).toEqual([[7, undefined]]);
  });

  it('lists the first distinct values of a rule and counts the rest, never dropping them silently', () => {
    const keys = Array.from({ length: 2000 }, awsKey);
    const text = keys.map((key, i) => `key${String(i)} = ${key}`).join('\n');
    const found = scanFileForSecrets('/srv/keys.txt', Buffer.from(text), 'sha256:l1');
    expect(found).toHaveLength(MAX_VALUES_PER_RULE + 1);
    expect(found.slice(0, MAX_VALUES_PER_RULE).map((s) => s.line)).toEqual(Array.from({ length: MAX_VALUES_PER_RULE }, (_, i) => i + 1));
    expect(found.at(-1)).toEqual({
      rule: 'aws-access-key-id', title: 'AWS access key id', severity: 'critical', place: 'file', path: '/srv/keys.txt', layer: 'sha256:l1',
      line: MAX_VALUES_PER_RULE + 1, column: `key${String(MAX_VALUES_PER_RULE)} = `.length + 1, unlisted: 2000 - MAX_VALUES_PER_RULE,
      redacted: `${(2000 - MAX_VALUES_PER_RULE).toLocaleString('en-US')} more values not listed`,
    });
    for (const s of found) for (const key of keys) expect(s.redacted).not.toContain(key.slice(4));
  });

  it('finds passwords in https URLs of the configuration, which layer files search only in credential stores', () => {
    const password = random(`${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`, 18);
    const url = `https://ci:${password}@gitlab.internal.corp/platform/api.git`;
    const found = scanConfigForSecrets({ env: [`GIT_URL=${url}`], labels: { 'org.opencontainers.image.source': url }, history: [{ created_by: `RUN git clone ${url} /src` }] });
    expect(found.map((s) => [s.place, s.rule, s.redacted])).toEqual([['env', 'url-password', redact(password)], ['label', 'url-password', redact(password)], ['history', 'url-password', redact(password)]]);
    // A token of a known format in the URL is reported by its own rule, once.
    const github = `ghp_${random(`${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`, 36)}`;
    expect(scanConfigForSecrets({ env: [`REPO=https://x-access-token:${github}@github.com/org/repo.git`] }).map((s) => s.rule)).toEqual(['github-token']);
  });

  it('reports a secret of an Env entry once, not again at the ENV step of the history that set it', () => {
    const key = awsKey();
    const found = scanConfigForSecrets({
      env: [`AWS_ACCESS_KEY_ID=${key}`],
      history: [{ created_by: `/bin/sh -c #(nop)  ENV AWS_ACCESS_KEY_ID=${key}` }, { created_by: `ENV AWS_ACCESS_KEY_ID=${key}` }, { created_by: `/bin/sh -c aws configure set key ${key}` }],
    });
    expect(found.map((s) => [s.place, s.line])).toEqual([['env', 1], ['history', 3]]);
  });

  it('keeps values of different rules and the same value in different places of the configuration', () => {
    const key = awsKey();
    const found = scanConfigForSecrets({ env: [`AWS_ACCESS_KEY_ID=${key}`, `BACKUP_KEY_ID=${key}`], history: [{ created_by: `RUN echo ${key} ${key} && echo ${JWT}` }] });
    expect(found.map((s) => [s.place, s.line, s.rule])).toEqual([['env', 1, 'aws-access-key-id'], ['env', 2, 'aws-access-key-id'], ['history', 1, 'aws-access-key-id'], ['history', 1, 'jwt']]);
  });
});

describe('credential stores found by name', () => {
  const scan = (path: string, text: string) => scanFileForSecrets(path, Buffer.from(text), undefined).map((s) => `${s.rule}:${String(s.line)} ${s.redacted}`);
  const token = random(`${UPPER}abcdefghijklmnopqrstuvwxyz`, 20);

  it("reads git's credential store, .pgpass and .netrc, whose lines hold no keyword", () => {
    expect(scan('/root/.git-credentials', `https://ci-bot:${token}@git.internal.corp\n`)).toEqual([`git-credentials:1 ${redact(token)}`]);
    expect(scan('/home/app/.config/git/credentials', `https://ci-bot:${token}@git.internal.corp\n`)).toEqual([`git-credentials:1 ${redact(token)}`]);
    expect(scan('/var/lib/postgresql/.pgpass', `# host:port:db:user:password\ndb.internal:5432:*:app:${token}\nreplica:5432:*:app:pa\\:${token}\n`)).toEqual([`pgpass-password:2 ${redact(token)}`, `pgpass-password:3 ${redact(`pa\\:${token}`)}`]);
    expect(scan('/root/.netrc', `machine api.internal.corp\n  login ci\n  password ${token}\nmachine b login x password "${token}x"\n`)).toEqual([`netrc-password:3 ${redact(token)}`, `netrc-password:4 ${redact(`${token}x`)}`]);
  });

  it("reads passwords in git's configuration: a remote cloned with credentials, a URL rewritten with them", () => {
    const repository = `[remote "origin"]\n\turl = https://deploy-bot:${token}@gitlab.internal.corp/platform/api.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`;
    expect(scan('/app/.git/config', repository)).toEqual([`git-config-url-password:2 ${redact(token)}`]);
    const user = `[url "https://oauth2:${token}@gitlab.internal.corp/"]\n\tinsteadOf = https://gitlab.internal.corp/\n`;
    expect(scan('/root/.gitconfig', user)).toEqual([`git-config-url-password:1 ${redact(token)}`]);
    expect(scan('/etc/gitconfig', user)).toEqual([`git-config-url-password:1 ${redact(token)}`]);
    expect(scan('/app/.git/config', '[remote "origin"]\n\turl = https://gitlab.internal.corp/platform/api.git\n')).toEqual([]);
  });

  it('leaves the same lines alone in other files, and placeholders in credential stores', () => {
    expect(scan('/srv/app/README.txt', `https://ci-bot:${token}@git.internal.corp\ndb.internal:5432:*:app:${token}\n`)).toEqual([]);
    expect(scan('/root/.git-credentials', 'https://ci-bot:${GIT_TOKEN}@git.internal.corp\n')).toEqual([]);
    expect(scan('/root/.netrc', 'machine a login b password changeme\n')).toEqual([]);
  });
});

describe('files searched', () => {
  it("passes over Python packages' published READMEs, not their code or the image's own files", () => {
    expect(wantsSecretScan('/usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO', 4000)).toBe(false);
    expect(wantsSecretScan('/usr/local/lib/python3.12/site-packages/requests-2.32.3.dist-info/METADATA', 4000)).toBe(false);
    expect(wantsSecretScan('/usr/local/lib/python3.12/site-packages/jwt/api_jwt.py', 4000)).toBe(true);
    expect(wantsSecretScan('/srv/app/METADATA', 4000)).toBe(true);
  });
  /** What the image scan reports for a file: nothing for a file it does not search. */
  const searched = (path: string, text: string) => (wantsSecretScan(path, text.length) ? scanFileForSecrets(path, Buffer.from(text), undefined).map((s) => s.rule) : []);

  it('passes over C headers installed by packages (libssl-dev, Node), whose constants are named like secrets', () => {
    const header = '#define TLS_MD_MASTER_SECRET_CONST "\\x6d\\x61\\x73\\x74\\x65\\x72\\x20\\x73\\x65\\x63\\x72\\x65\\x74"\n#define PQnoPasswordSupplied "fe_sendauth: no password supplied\\n"\n';
    expect(searched('/usr/include/openssl/tls1.h', header)).toEqual([]);
    expect(searched('/usr/include/postgresql/libpq-fe.h', header)).toEqual([]);
    expect(searched('/usr/local/include/node/openssl/tls1.h', header)).toEqual([]);
    // The image's own sources are still searched.
    expect(searched('/srv/app/src/consts.h', header)).not.toEqual([]);
  });

  it("passes over the test keys of other people's code (Go's crypto/tls example key, an SDK's or a package's fixtures), not the image's own", () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    const goTest = `package tls\n\nconst testKey = \`${key}\`\n`;
    expect(searched('/usr/local/go/src/crypto/tls/testdata/example-key.pem', key)).toEqual([]);
    expect(searched('/usr/local/go/src/crypto/tls/example_test.go', goTest)).toEqual([]);
    expect(searched('/usr/share/go-1.19/src/crypto/tls/testdata/example-key.pem', key)).toEqual([]);
    expect(searched('/root/go/pkg/mod/golang.org/x/crypto@v0.31.0/ssh/testdata/keys.go', goTest)).toEqual([]);
    expect(searched('/usr/lib/google-cloud-sdk/platform/gsutil/third_party/google-auth-library-python/tests/data/privatekey.pem', key)).toEqual([]);
    expect(searched('/srv/app/node_modules/ssh2/test/fixtures/id_ecdsa', key)).toEqual([]);
    expect(searched('/usr/local/lib/python3.12/site-packages/tornado/test/test.key', key)).toEqual([]);
    // A key in the image's own tests, or in a package's code rather than its tests, is reported.
    expect(searched('/app/test/fixtures/client.key', key)).toEqual(['private-key']);
    expect(searched('/srv/app/node_modules/internal-client/config/client.key', key)).toEqual(['private-key']);
    expect(searched('/usr/local/go/src/crypto/tls/example.go', goTest)).toEqual(['private-key']);
  });
});
