/**
 * Where the Docker Engine API listens: DOCKER_HOST (`unix:///path` or `tcp://host:port`), else the
 * conventional /var/run/docker.sock. podman's Docker-compatible service (`podman system service`)
 * answers the same API on its own socket. TLS endpoints (DOCKER_TLS_VERIFY) are not supported: a
 * local engine is reached through its socket.
 */
import { ImageError } from '../problems.js';

export type EngineEndpoint =
  | { readonly kind: 'unix'; readonly socketPath: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export function engineEndpoint(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const host = env.DOCKER_HOST;
  if (host === undefined || host === '') return { kind: 'unix', socketPath: DEFAULT_DOCKER_SOCKET };
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

export function describeEndpoint(endpoint: EngineEndpoint): string {
  return endpoint.kind === 'unix' ? `unix://${endpoint.socketPath}` : `tcp://${endpoint.host}:${endpoint.port}`;
}
