/**
 * Package-registry formats gitleaks publishes no positive case for, built from each registry's
 * documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { PACKAGE_REGISTRY_RULES } from './package-registries.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** `n` characters of `alphabet`, none repeated in a row: a stand-in for a random body. */
const body = (n: number, alphabet = ALNUM) => Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
const HEX = '0123456789abcdef';

const found = (text: string) => scanText(text, PACKAGE_REGISTRY_RULES).map((m) => m.rule.id);

describe('package-registry secret rules', () => {
  it.each([
    ['npm-token', `//registry.npmjs.org/:_authToken=npm_${body(36)}`],
    ['pypi-upload-token', `password = pypi-AgEIcHlwaS5vcmc${body(120)}`],
    ['pypi-upload-token', `TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw${body(80)}`],
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
    ['a PyPI token of another index', `pypi-AgEIcHlwaS5vcmX${body(120)}`],
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
