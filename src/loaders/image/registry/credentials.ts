/**
 * Registry credentials as docker and podman store them: REGISTRY_AUTH_FILE, then
 * $XDG_RUNTIME_DIR/containers/auth.json, then ~/.docker/config.json; each maps a registry
 * (host[:port], sometimes written as a URL) to base64 "user:password" in `auth`.
 * Credential helpers (credsStore) are not run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export function authFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const files: string[] = [];
  if (env.REGISTRY_AUTH_FILE !== undefined && env.REGISTRY_AUTH_FILE !== '') files.push(env.REGISTRY_AUTH_FILE);
  if (env.XDG_RUNTIME_DIR !== undefined && env.XDG_RUNTIME_DIR !== '') files.push(join(env.XDG_RUNTIME_DIR, 'containers/auth.json'));
  files.push(join(env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker'), 'config.json'));
  return files;
}

export function findCredentials(registry: string, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  for (const file of authFiles(env)) {
    if (!existsSync(file)) continue;
    let auths: Record<string, { auth?: string; username?: string; password?: string }> | undefined;
    try {
      auths = (JSON.parse(readFileSync(file, 'utf8')) as { auths?: typeof auths }).auths;
    } catch {
      continue;
    }
    for (const [key, entry] of Object.entries(auths ?? {})) {
      if (normalizeKey(key) !== registry && !(registry === 'registry-1.docker.io' && normalizeKey(key) === 'index.docker.io')) continue;
      if (entry.auth !== undefined) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
      }
      if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
    }
  }
  return undefined;
}

/** "https://index.docker.io/v1/" -> "index.docker.io"; "127.0.0.1:5000" stays. */
function normalizeKey(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}
