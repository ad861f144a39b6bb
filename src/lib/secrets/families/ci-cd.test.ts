/**
 * CI/CD and developer-tooling formats gitleaks publishes no positive case for, built from each
 * issuer's documented shape, each with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { CI_CD_RULES } from './ci-cd.js';
import { body, HEX, UPPER } from './fixtures/fake-values.js';

const UUID = `${body(8, HEX)}-${body(4, HEX)}-4${body(3, HEX)}-a${body(3, HEX)}-${body(12, HEX)}`;

const found = (text: string) => scanText(text, CI_CD_RULES).map((m) => m.rule.id);

describe('CI/CD secret rules', () => {
  it.each([
    ['drone-token', `DRONE_TOKEN=${body(32)}`],
    ['travis-ci-token', `travis_api_token: ${body(22)}`],
    ['harness-api-key', `x-api-key: pat.${body(22)}.${body(24)}.${body(20)}`],
    ['octopus-deploy-api-key', `X-Octopus-ApiKey: API-${body(26, UPPER)}`],
    ['netlify-access-token', `NETLIFY_AUTH_TOKEN=nfp_${body(40)}`],
    ['prefect-api-key', `PREFECT_API_KEY=pnu_${body(36)}`],
    ['sonarqube-token', `-Dsonar.host.url=https://sq -Dsonar.token=squ_${body(40, HEX)}`],
    ['sonar-token-assignment', `sonar.login=${body(40, HEX)}`],
    ['snyk-api-token', `SNYK_TOKEN=${UUID}`],
    ['codecov-token', `CODECOV_TOKEN=${UUID}`],
    ['postman-api-key', `X-Api-Key: PMAK-${body(24, HEX)}-${body(34, HEX)}`],
    ['readme-api-key', `README_API_KEY=rdme_${body(70, '0123456789abcdefghijklmnopqrstuvwxyz')}`],
    ['rapidapi-key', `X-RapidAPI-Key: ${body(50)}`],
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['an Octopus-shaped word inside a longer one', `GSSAPI-${body(26, UPPER)}`],
    ['an Octopus key in lower case', `api-${body(26, UPPER).toLowerCase()}`],
    ['a SonarQube token with a non-hex body', `squ_${body(40)}`],
    ['a UUID not named Snyk', `trace_id=${UUID}`],
    ['a Harness-shaped value inside a longer word', `compat.${body(22)}.${body(24)}.${body(20)}`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
