/**
 * Package-registry formats gitleaks publishes no positive case for, built from each registry's
 * documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { PACKAGE_REGISTRY_RULES } from './package-registries.js';
import { body, HEX } from './fixtures/fake-values.js';

/**
 * A PyPI token as PyPI mints it: a v2 binary macaroon (location, a UUID identifier, one caveat,
 * the signature field last), URL-safe base64 after "pypi-". `signed: false` cuts the signature off.
 */
function pypiToken(location: string, signed = true): string {
  const field = (type: number, value: Uint8Array) => Buffer.concat([Buffer.from([type, value.length]), value]);
  const identifier = Buffer.from(`${body(8, HEX)}-${body(4, HEX)}-${body(4, HEX)}-${body(4, HEX)}-${body(12, HEX)}`);
  const caveat = Buffer.from('{"version": 1, "permissions": {"projects": ["palisade"]}}');
  const signature = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
  const parts = [Buffer.from([2]), field(1, Buffer.from(location)), field(2, identifier), Buffer.from([0]), field(2, caveat), Buffer.from([0, 0])];
  if (signed) parts.push(field(6, signature));
  return `pypi-${Buffer.concat(parts).toString('base64url')}`;
}

const found = (text: string) => scanText(text, PACKAGE_REGISTRY_RULES).map((m) => m.rule.id);

describe('package-registry secret rules', () => {
  it.each([
    ['npm-token', `//registry.npmjs.org/:_authToken=npm_${body(36)}`],
    ['pypi-upload-token', `password = ${pypiToken('pypi.org')}`],
    ['pypi-upload-token', `TWINE_PASSWORD=${pypiToken('test.pypi.org')}`],
    ['npmrc-auth-token', `//registry.npmjs.org/:_authToken=${body(8, HEX)}-${body(4, HEX)}-${body(4, HEX)}-${body(4, HEX)}-${body(12, HEX)}`],
    ['npmrc-auth-token', `//nexus.internal:8443/repository/npm-group/:_authToken="${body(40)}"`],
    ['rubygems-api-key', `:rubygems_api_key: rubygems_${body(48, HEX)}`],
    ['clojars-deploy-token', `CLOJARS_PASSWORD=CLOJARS_${body(60, HEX)}`],
    ['nuget-config-password', '<add key="ClearTextPassword" value="s3cr3t-Feed-Pass" />'],
    ['artifactory-api-key', `X-JFrog-Art-Api: AKCp${body(69)}`],
    ['artifactory-reference-token', `Authorization: Bearer cmVmd${body(59)}`],
    ['jfrog-token', `JFROG_ACCESS_TOKEN=${body(64)}`],
    ['docker-config-auth', `{"auths": {"ghcr.io": {"auth": "${Buffer.from(`deploy:${body(24)}`).toString('base64')}"}}}`],
    ['npmrc-auth-token', `//npm.pkg.github.com/:_authToken=${body(8, HEX)}-${body(4, HEX)}-${body(4, HEX)}-${body(4, HEX)}-${body(12, HEX)}`],
    ['npmrc-auth', `//registry.example.org/:_auth=${Buffer.from(`ci:${body(16)}`).toString('base64')}`],
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['a PyPI token of another index', pypiToken('pypi.org').replace('AgEIcHlwaS5vcmc', 'AgEIcHlwaS5vcmX')],
    ['a PyPI token cut before its signature', pypiToken('pypi.org', false)],
    ['a PyPI-shaped value whose body is no macaroon', `pypi-AgEIcHlwaS5vcmc${body(120)}`],
    ['an .npmrc token under a key npm does not read (no "/" before ":_authToken")', `//registry.npmjs.org:_authToken=${body(40)}`],
    ['an .npmrc token under a key that is not a registry URL', `registry.npmjs.org/:_authToken=${body(40)}`],
    ['a PyPI header without a body', 'pypi-AgEIcHlwaS5vcmc'],
    ['a RubyGems key with a non-hex body', `rubygems_${body(48)}`],
    ['a NuGet password taken from the environment', '<add key="ClearTextPassword" value="%NUGET_FEED_PASSWORD%" />'],
    ['a NuGet setting that is not a password', `<add key="Username" value="${body(16)}" />`],
    ['an Artifactory key one character short', `AKCp${body(68)}`],
    ['a docker auth that is not a login', `{"auth": "${Buffer.from(body(24)).toString('base64')}"}`],
    ['a docker auth with an empty password', `{"auth": "${Buffer.from('deploy:').toString('base64')}"}`],
    ['an .npmrc token taken from the environment', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('artifactory-encrypted-password', () => {
  const encrypted = `AP6${body(24)}`;

  it('reports an AP… encrypted password named after Artifactory or JFrog', () => {
    for (const line of [`ARTIFACTORY_PASSWORD=${encrypted}`, `X-JFrog-Art-Api: ${encrypted}`, `artif-key: "${encrypted}"`]) {
      expect(scanText(line, PACKAGE_REGISTRY_RULES).map((m) => m.rule.id), line).toEqual(['artifactory-encrypted-password']);
    }
  });

  it('leaves bare AP… words, placeholders and other prefixes alone', () => {
    for (const line of [encrypted, 'ARTIFACTORY_PASSWORD=AP6xxxxxxxxxxxxx', 'ARTIFACTORY_HOST=APPLICATIONSERVER1', 'artifactory_password=APZ1234567890abc']) {
      expect(scanText(line, PACKAGE_REGISTRY_RULES).filter((m) => m.rule.id === 'artifactory-encrypted-password'), line).toEqual([]);
    }
  });
});

describe('registry logins', () => {
  it('judges the password of a base64 login decoded: a placeholder there is not a credential', () => {
    for (const password of ['${REGISTRY_PASSWORD}', 'changeme', 'your-password']) {
      const auth = Buffer.from(`deploy:${password}`).toString('base64');
      expect(scanText(`{"auths": {"ghcr.io": {"auth": "${auth}"}}}`, PACKAGE_REGISTRY_RULES), password).toEqual([]);
      expect(scanText(`//registry.internal/:_auth=${auth}`, PACKAGE_REGISTRY_RULES), password).toEqual([]);
    }
  });
});
