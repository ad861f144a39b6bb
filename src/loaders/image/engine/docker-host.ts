/**
 * Where the Docker Engine API listens, as the docker CLI finds it: DOCKER_HOST (`unix:///path` or
 * `tcp://host:port`), else the current docker context (DOCKER_CONTEXT, else `currentContext` in
 * ~/.docker/config.json: rootless Docker and Docker Desktop on Linux set one, whose endpoint is in
 * ~/.docker/contexts/meta/SHA256(NAME)/meta.json), else the conventional /var/run/docker.sock,
 * or when there is none podman's API socket: podman's Docker-compatible service (`podman system
 * service`, podman.socket) answers the same API. TLS endpoints (DOCKER_TLS_VERIFY) are not
 * supported: a local engine is reached through its socket.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ImageError } from '../problems.js';

export type EngineEndpoint =
  | { readonly kind: 'unix'; readonly socketPath: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** Where the sockets are looked for when nothing names an endpoint; injectable for tests. */
export interface SocketDefaults {
  readonly dockerSocket: string;
  /** podman's API socket for root (podman.socket in systemd). */
  readonly podmanRootSocket: string;
}

const SOCKET_DEFAULTS: SocketDefaults = { dockerSocket: DEFAULT_DOCKER_SOCKET, podmanRootSocket: '/run/podman/podman.sock' };

export function engineEndpoint(env: NodeJS.ProcessEnv = process.env, defaults: SocketDefaults = SOCKET_DEFAULTS): EngineEndpoint {
  const host = env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : contextHost(env);
  if (host === undefined) return { kind: 'unix', socketPath: defaultSocket(env, defaults) };
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (socketPath === '') throw new ImageError('image-unsupported', `DOCKER_HOST "${host}" names no socket`);
    return { kind: 'unix', socketPath };
  }
  if (host.startsWith('tcp://') || host.startsWith('http://')) {
    if (env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '') {
      throw new ImageError('image-unsupported', `DOCKER_HOST ${host} with DOCKER_TLS_VERIFY: TLS engine endpoints are not supported; use the engine's unix socket`);
    }
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return { kind: 'tcp', host: url.hostname, port: url.port === '' ? 2375 : Number(url.port) };
  }
  throw new ImageError('image-unsupported', `DOCKER_HOST "${host}" is not unix:///PATH or tcp://HOST:PORT`);
}

/**
 * Docker's socket when it exists; else podman's API socket when one exists (the user's,
 * $XDG_RUNTIME_DIR/podman/podman.sock, then root's), which answers the same API: a machine with
 * podman.socket enabled and no Docker needs no DOCKER_HOST, as Trivy finds podman's socket too.
 * Docker's path when neither exists, so the error names it.
 */
function defaultSocket(env: NodeJS.ProcessEnv, defaults: SocketDefaults): string {
  if (existsSync(defaults.dockerSocket)) return defaults.dockerSocket;
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const podman = [runtimeDir === undefined || runtimeDir === '' ? undefined : join(runtimeDir, 'podman/podman.sock'), defaults.podmanRootSocket];
  return podman.find((socket) => socket !== undefined && existsSync(socket)) ?? defaults.dockerSocket;
}

/** The docker endpoint of the current context; undefined for the "default" context or none. */
function contextHost(env: NodeJS.ProcessEnv): string | undefined {
  const configDir = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  const name = env.DOCKER_CONTEXT !== undefined && env.DOCKER_CONTEXT !== '' ? env.DOCKER_CONTEXT : currentContext(configDir);
  if (name === undefined || name === 'default') return undefined;
  const meta = join(configDir, 'contexts/meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
  let host: unknown;
  try {
    host = (JSON.parse(readFileSync(meta, 'utf8')) as { Endpoints?: { docker?: { Host?: unknown } } }).Endpoints?.docker?.Host;
  } catch {
    throw new ImageError('engine-unreachable', `the docker context "${name}" is not readable at ${meta}; set DOCKER_HOST or choose another context`);
  }
  if (typeof host !== 'string' || host === '') throw new ImageError('engine-unreachable', `the docker context "${name}" names no docker endpoint (${meta})`);
  return host;
}

function currentContext(configDir: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: unknown }).currentContext;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

export function describeEndpoint(endpoint: EngineEndpoint): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : `tcp://${endpoint.host}:${endpoint.port}`;
}
