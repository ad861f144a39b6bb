/** Package registries' publishing tokens. */
import { isPlaceholder } from '../placeholders.js';
import { anyCase, B, E, END, namedRule, type SecretRule, START } from '../rule.js';

/**
 * A NuGet.Config `<packageSourceCredentials>` entry: `<add key="ClearTextPassword" value="…" />`
 * (or `Password`, which NuGet expects encrypted but people fill in clear). The value is
 * attribute text, so it ends at the closing quote.
 */
const NUGET_PASSWORD = new RegExp(`<${anyCase('add')}[ \\t]{1,10}${anyCase('key')}="(?:${anyCase('ClearText')})?${anyCase('Password')}"[ \\t]{1,10}${anyCase('value')}="([^"\\r\\n]{1,500})"[ \\t]{0,10}/>`, 'g');

/**
 * Base64 of "user:password", as docker, podman and npm store registry logins: a strict base64
 * string that decodes to printable text with a user and a password that is not a placeholder
 * (placeholders.ts: `user:${PASSWORD}`, `user:changeme` are judged decoded, as written).
 */
function isBase64Login(secret: string): boolean {
  if (secret.length % 4 !== 0) return false;
  const login = Buffer.from(secret, 'base64').toString('latin1');
  const colon = login.indexOf(':');
  return colon > 0 && colon < login.length - 1 && /^[\x20-\x7e]+$/.test(login) && !isPlaceholder(login.slice(colon + 1));
}

/**
 * Whether a PyPI token (after "pypi-") is a whole macaroon: in the binary (v2) format a macaroon
 * ends with its signature field, type 6 and length 32, then the 32-byte HMAC. A token cut short
 * (copied in part, or a truncated sample) does not end so.
 */
function isSignedMacaroon(token: string): boolean {
  const bytes = Buffer.from(token.slice('pypi-'.length), 'base64url');
  const field = bytes.length - 34;
  return field > 0 && bytes[field] === 6 && bytes[field + 1] === 32;
}

/**
 * An .npmrc token line. The key's host and each path segment exclude "/" and ":", so no two of the
 * bounded repetitions can take the same characters.
 */
const NPMRC_AUTH_TOKEN = /\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:\/[^\s/:]{1,100}){0,10}\/:_authToken[ \t]{0,5}=[ \t]{0,5}["']?([^\s"'#;]{16,500})/g;

/** Container registries' logins (docker, podman, npm registries): the files that hold them are often copied into images. */
const LOGIN_RULES: readonly SecretRule[] = [
  // ~/.docker/config.json, containers auth.json: "auths": { "<registry>": { "auth": "<base64 user:password>" } }.
  { id: 'docker-config-auth', title: 'Container registry login (docker config auth)', severity: 'critical', keywords: ['"auth"'], pattern: /"auth"[ \t]{0,10}:[ \t]{0,10}"([A-Za-z0-9+/]{8,1000}={0,2})"/g, accept: isBase64Login },
  // .npmrc: //registry/:_authToken=<token> (npm_ tokens, older UUID tokens, other registries' tokens),
  // and _auth=<base64 user:password>. npm reads a token only under a registry's "nerf dart" key,
  // "//host[:port]/path/:_authToken", so the key is read whole (npm ignores a token under any other).
  {
    // A reference (${NPM_TOKEN}, %NPM_TOKEN%) is a placeholder (placeholders.ts), not the token.
    id: 'npmrc-auth-token', title: 'npm registry token in .npmrc', severity: 'critical', keywords: ['_authtoken'], pattern: NPMRC_AUTH_TOKEN, minEntropy: 3,
    detectSecrets: ['NpmDetector'],
  },
  { id: 'npmrc-auth', title: 'npm registry login in .npmrc', severity: 'critical', keywords: ['_auth'], pattern: /(?:^|[\s:])_auth[ \t]{0,5}=[ \t]{0,5}["']?([A-Za-z0-9+/]{8,1000}={0,2})(?![A-Za-z0-9+/=])/gm, accept: isBase64Login },
];

export const PACKAGE_REGISTRY_RULES: readonly SecretRule[] = [
  { id: 'npm-token', title: 'npm access token', severity: 'critical', keywords: ['npm_'], pattern: new RegExp(`${B}(npm_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3, gitleaks: ['npm-access-token'] },
  // PyPI tokens are macaroons: "pypi-" and the base64 of a binary header naming the issuing
  // index, pypi.org ("AgEIcHlwaS5vcmc") or test.pypi.org ("AgENdGVzdC5weXBpLm9yZw").
  {
    id: 'pypi-upload-token', title: 'PyPI upload token', severity: 'critical', keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    pattern: new RegExp(`${START}(pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000})${END}`, 'g'), minEntropy: 3, accept: isSignedMacaroon,
    gitleaks: ['pypi-upload-token'],
  },
  { id: 'rubygems-api-key', title: 'RubyGems API key', severity: 'critical', keywords: ['rubygems_'], pattern: new RegExp(`${B}(rubygems_[a-f0-9]{48})${E}`, 'g'), minEntropy: 3, gitleaks: ['rubygems-api-token'] },
  { id: 'clojars-deploy-token', title: 'Clojars deploy token', severity: 'critical', keywords: ['clojars_'], pattern: new RegExp(`${B}(CLOJARS_[A-Za-z0-9]{60})${E}`, 'g'), minEntropy: 3, gitleaks: ['clojars-api-token'] },
  {
    id: 'nuget-config-password', title: 'NuGet package source password', severity: 'high', keywords: ['password"'], pattern: NUGET_PASSWORD,
    // %NAME% is NuGet's reference to an environment variable, not the password itself.
    accept: (secret) => !/^%[A-Za-z0-9_]{1,100}%$/.test(secret), gitleaks: ['nuget-config-password'],
  },
  // JFrog Artifactory: API keys start with AKCp; reference (identity) tokens are the base64 of
  // "ref…", so they start with cmVmd.
  { id: 'artifactory-api-key', title: 'JFrog Artifactory API key', severity: 'critical', keywords: ['akcp'], pattern: new RegExp(`${B}(AKCp[A-Za-z0-9]{69})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['artifactory-api-key'] },
  { id: 'artifactory-reference-token', title: 'JFrog Artifactory reference token', severity: 'critical', keywords: ['cmvmd'], pattern: new RegExp(`${B}(cmVmd[A-Za-z0-9]{59})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['artifactory-reference-token'] },
  // The same keys named after the product, in whichever form (73-character API key, 64-character identity token).
  ...LOGIN_RULES,
  // Artifactory's encrypted passwords (a user's password as the profile page encrypts it, which
  // Artifactory accepts in its place): AP, a hex digit naming the key, then letters and digits.
  // Bare, "AP" and a hex digit start too many words and identifiers, so only when named after the
  // product (ARTIFACTORY_PASSWORD=…, X-JFrog-Art-Api: …), as detect-secrets' keyword-bound pattern.
  namedRule({ id: 'artifactory-encrypted-password', title: 'JFrog Artifactory encrypted password', severity: 'high', names: ['artif', 'jfrog'], value: 'AP[0-9A-F][A-Za-z0-9]{8,200}', minEntropy: 3, detectSecrets: ['ArtifactoryDetector'] }),
  namedRule({ id: 'jfrog-token', title: 'JFrog API key or identity token', severity: 'critical', names: ['jfrog', 'artifactory', 'bintray', 'xray'], value: '[A-Za-z0-9]{73}|[A-Za-z0-9]{64}', minEntropy: 3.5, gitleaks: ['jfrog-api-key', 'jfrog-identity-token'] }),
];
