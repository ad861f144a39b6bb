/** CI/CD, deployment, code-quality and developer-tooling services' tokens. */
import { B, E, namedRule, type SecretRule, START, UUID } from '../rule.js';

const PIPELINE_RULES: readonly SecretRule[] = [
  namedRule({ id: 'drone-token', title: 'Drone CI access token', severity: 'high', names: ['droneci', 'drone_token', 'drone-token'], value: '[A-Za-z0-9]{32}', minEntropy: 3, gitleaks: ['droneci-access-token'] }),
  namedRule({ id: 'travis-ci-token', title: 'Travis CI access token', severity: 'high', names: ['travis'], value: '[A-Za-z0-9]{22}', minEntropy: 3, gitleaks: ['travisci-access-token'] }),
  // Harness: pat. (personal) or sat. (service account), then the account id, the token id and the secret.
  { id: 'harness-api-key', title: 'Harness API key', severity: 'critical', keywords: ['pat.', 'sat.'], pattern: new RegExp(`${START}((?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20})${E}`, 'g'), minEntropy: 3, gitleaks: ['harness-api-key'] },
  { id: 'octopus-deploy-api-key', title: 'Octopus Deploy API key', severity: 'critical', keywords: ['api-'], pattern: new RegExp(`${B}(API-[A-Z0-9]{26})${E}`, 'g'), minEntropy: 3, gitleaks: ['octopus-deploy-api-key'] },
  namedRule({ id: 'netlify-access-token', title: 'Netlify access token', severity: 'critical', names: ['netlify'], value: '[A-Za-z0-9_=-]{40,46}', minEntropy: 3, gitleaks: ['netlify-access-token'] }),
  { id: 'prefect-api-key', title: 'Prefect Cloud API key', severity: 'high', keywords: ['pnu_'], pattern: new RegExp(`${B}(pnu_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3, gitleaks: ['prefect-api-token'] },
];

const CODE_QUALITY_RULES: readonly SecretRule[] = [
  // SonarQube squ_ user, sqp_ project analysis and sqa_ global analysis tokens.
  { id: 'sonarqube-token', title: 'SonarQube token', severity: 'high', keywords: ['squ_', 'sqp_', 'sqa_'], pattern: new RegExp(`${B}(sq[upa]_[a-f0-9]{40})${E}`, 'g'), minEntropy: 3, gitleaks: ['sonar-api-token'] },
  // Older SonarQube and SonarCloud tokens have no prefix: a value given to sonar.token or sonar.login.
  namedRule({ id: 'sonar-token-assignment', title: 'SonarQube or SonarCloud token', severity: 'high', names: ['sonar.token', 'sonar_token', 'sonar-token', 'sonartoken', 'sonar.login', 'sonar_login', 'sonar-login', 'sonarlogin'], value: '(?:sq[upa]_)?[A-Za-z0-9_=-]{40}', minEntropy: 3, gitleaks: ['sonar-api-token'] }),
  // Snyk API and OAuth tokens are UUIDs: only a named one is a token.
  namedRule({ id: 'snyk-api-token', title: 'Snyk API token', severity: 'high', names: ['snyk'], value: UUID, minEntropy: 3, gitleaks: ['snyk-api-token'] }),
  // Upload tokens only upload coverage reports.
  namedRule({ id: 'codecov-token', title: 'Codecov upload token', severity: 'medium', names: ['codecov'], value: `${UUID}|[A-Za-z0-9]{32}`, minEntropy: 3, gitleaks: ['codecov-access-token'] }),
];

const API_TOOLING_RULES: readonly SecretRule[] = [
  { id: 'postman-api-key', title: 'Postman API key', severity: 'high', keywords: ['pmak-'], pattern: new RegExp(`${B}(PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34})${E}`, 'g'), minEntropy: 3, gitleaks: ['postman-api-token'] },
  { id: 'readme-api-key', title: 'ReadMe API key', severity: 'high', keywords: ['rdme_'], pattern: new RegExp(`${B}(rdme_[a-z0-9]{70})${E}`, 'g'), minEntropy: 3, gitleaks: ['readme-api-token'] },
  namedRule({ id: 'rapidapi-key', title: 'RapidAPI key', severity: 'high', names: ['rapidapi'], value: '[A-Za-z0-9_-]{50}', minEntropy: 3, gitleaks: ['rapidapi-access-token'] }),
];

export const CI_CD_RULES: readonly SecretRule[] = [
  ...PIPELINE_RULES,
  ...CODE_QUALITY_RULES,
  ...API_TOOLING_RULES,
];
