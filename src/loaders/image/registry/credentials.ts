/**
 * Registry credentials as docker and podman store them: REGISTRY_AUTH_FILE alone when set, else
 * $XDG_RUNTIME_DIR/containers/auth.json (/run/containers/0 for root), ~/.config/containers/auth.json
 * ($XDG_CONFIG_HOME), then ~/.docker/config.json ($DOCKER_CONFIG); the first file that knows the
 * registry answers.
 * - `auths` keys are a registry written as a host[:port], as a legacy URL
 *   (`https://index.docker.io/v1/`: the path is no namespace), or, in containers-auth.json, as
 *   host/namespace[/repo], where the most specific key that contains the repository wins.
 *   Docker Hub is docker.io, index.docker.io or registry-1.docker.io alike.
 * - An entry holds base64 "user:password" in `auth` (or `username` and `password`), or an
 *   `identitytoken` (an OAuth2 refresh token from `docker login` against Azure ACR and others).
 * - `credHelpers[host]`, else `credsStore`, names a credential helper: docker-credential-NAME is run
 *   with `get` and the server URL on stdin, as docker does. A helper that is missing or fails is a
 *   registry-denied error naming it, never a silent anonymous pull; so is a file that is not JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ImageError } from '../problems.js';
import { canonicalRegistry, DOCKER_HUB } from '../../../lib/image-ref.js';
import { jsonErrorMessage } from '../../../lib/json-error.js';

export type Credentials =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  /** An OAuth2 refresh token, exchanged at the Bearer realm for an access token. */
  | { readonly kind: 'identity-token'; readonly token: string };

interface AuthEntry { auth?: unknown; username?: unknown; password?: unknown; identitytoken?: unknown }
interface AuthFile { auths?: Record<string, AuthEntry>; credHelpers?: Record<string, unknown>; credsStore?: unknown }

/** What docker passes to a helper for Docker Hub; other registries are named by host. */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';
const HELPER_TIMEOUT_MS = 30_000;

/**
 * Where containers-auth.json(5) and docker look, in order. A file named by REGISTRY_AUTH_FILE is
 * the only one podman reads, so it is the only one read here too.
 */
export function authFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.REGISTRY_AUTH_FILE !== undefined && env.REGISTRY_AUTH_FILE !== '') return [env.REGISTRY_AUTH_FILE];
  const home = env.HOME ?? homedir();
  const runtimeDir = env.XDG_RUNTIME_DIR !== undefined && env.XDG_RUNTIME_DIR !== ''
    ? env.XDG_RUNTIME_DIR
    // podman's default for root without a session: /run/containers/0/auth.json.
    : typeof process.getuid === 'function' && process.getuid() === 0 ? '/run/containers/0' : undefined;
  return [
    ...(runtimeDir === undefined ? [] : [join(runtimeDir, 'containers/auth.json')]),
    join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'containers/auth.json'),
    join(env.DOCKER_CONFIG ?? join(home, '.docker'), 'config.json'),
  ];
}

/**
 * The credentials for `domain` (host[:port] as the user wrote it, docker.io for Docker Hub) and
 * `repository`, or undefined when no file knows the registry.
 */
export function findCredentials(domain: string, repository: string, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const host = canonicalRegistry(domain);
  for (const file of authFiles(env)) {
    const parsed = readAuthFile(file);
    if (parsed === undefined) continue;
    const helper = helperFor(parsed, host);
    if (helper !== undefined) {
      const found = runHelper(helper, host, env);
      if (found !== undefined) return found;
    }
    const entry = bestEntry(parsed.auths ?? {}, host, repository);
    const found = entry === undefined ? undefined : fromEntry(entry);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A credentials file, or undefined when there is none (or it is empty). One that cannot be read or
 * parsed is an error naming it, as podman and skopeo make it: skipping it would pull anonymously
 * and report "denied" with nothing pointing at the broken file. The content is never quoted.
 */
function readAuthFile(file: string): AuthFile | undefined {
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImageError('registry-denied', `the registry credentials file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImageError('registry-denied', `the registry credentials file ${file} is not valid JSON (${jsonErrorMessage(error)}); fix it, or name another with REGISTRY_AUTH_FILE`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ImageError('registry-denied', `the registry credentials file ${file} is not a JSON object`);
  return parsed;
}

function helperFor(file: AuthFile, host: string): string | undefined {
  for (const [key, name] of Object.entries(file.credHelpers ?? {})) {
    if (typeof name === 'string' && name !== '' && keyScope(key).host === host) return name;
  }
  return typeof file.credsStore === 'string' && file.credsStore !== '' ? file.credsStore : undefined;
}

/** Legacy URL keys name a host only; other keys may add a namespace (containers-auth.json). */
function keyScope(key: string): { host: string; path: string } {
  if (/^https?:\/\//i.test(key)) return { host: canonicalRegistry(key.replace(/^https?:\/\//i, '').replace(/\/.*$/, '')), path: '' };
  const slash = key.indexOf('/');
  return slash === -1 ? { host: canonicalRegistry(key), path: '' } : { host: canonicalRegistry(key.slice(0, slash)), path: key.slice(slash + 1).replace(/\/+$/, '') };
}

function bestEntry(auths: Record<string, AuthEntry>, host: string, repository: string): AuthEntry | undefined {
  let best: { entry: AuthEntry; specificity: number } | undefined;
  for (const [key, entry] of Object.entries(auths)) {
    const scope = keyScope(key);
    if (scope.host !== host) continue;
    if (scope.path !== '' && repository !== scope.path && !repository.startsWith(`${scope.path}/`)) continue;
    if (typeof entry !== 'object' || fromEntry(entry) === undefined) continue;
    if (best === undefined || scope.path.length > best.specificity) best = { entry, specificity: scope.path.length };
  }
  return best?.entry;
}

function fromEntry(entry: AuthEntry): Credentials | undefined {
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') return { kind: 'identity-token', token: entry.identitytoken };
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username !== '') {
    return { kind: 'basic', username: entry.username, password: entry.password };
  }
  return undefined;
}

/** docker-credential-NAME get: stdout {"Username","Secret"}; "credentials not found" means none. */
function runHelper(name: string, host: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  const program = `docker-credential-${name}`;
  const server = host === DOCKER_HUB ? DOCKER_HUB_SERVER : host;
  let output: string;
  try {
    output = execFileSync(program, ['get'], { input: server, env: { ...process.env, ...env }, timeout: HELPER_TIMEOUT_MS, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 }).toString('utf8');
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: Buffer; stderr?: Buffer };
    const said = `${failure.stdout?.toString('utf8') ?? ''} ${failure.stderr?.toString('utf8') ?? ''}`.trim();
    if (/credentials not found/i.test(said)) return undefined;
    const why = failure.code === 'ENOENT' ? 'is not installed (not on PATH)' : `failed: ${said.slice(0, 200) || failure.message}`;
    throw new ImageError('registry-denied', `the credential helper ${program}, which the docker configuration names for ${host}, ${why}`);
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(output) as typeof parsed;
  } catch {
    throw new ImageError('registry-denied', `the credential helper ${program} answered for ${host} with something that is not JSON`);
  }
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
  if (secret === '') return undefined;
  // Docker's convention: the user name "<token>" marks the secret as an identity token.
  return username === '<token>' ? { kind: 'identity-token', token: secret } : { kind: 'basic', username, password: secret };
}
