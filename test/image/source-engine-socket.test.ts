/**
 * docker-daemon: on a machine with podman's API socket (podman.socket, rootless or root) and no
 * Docker: the engine is found there without DOCKER_HOST, as Trivy finds it; Docker's socket, when
 * it exists, and DOCKER_HOST still come first.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineEndpoint } from '../../src/loaders/image/engine/docker-host.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-sockets-'));
const servers: Server[] = [];

async function socketAt(path: string): Promise<string> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

afterAll(() => {
  for (const server of servers) server.close();
});

describe('the engine socket when nothing names one', () => {
  it('takes podman\'s socket when Docker has none: the user\'s, then root\'s', async () => {
    const runtime = join(work, 'run-user');
    mkdirSync(join(runtime, 'podman'), { recursive: true });
    const rootless = await socketAt(join(runtime, 'podman/podman.sock'));
    const root = await socketAt(join(work, 'podman-root.sock'));
    const noDocker = { dockerSocket: join(work, 'no-docker.sock'), podmanRootSocket: root };
    const home = { HOME: work };
    expect(engineEndpoint({ ...home, XDG_RUNTIME_DIR: runtime }, noDocker)).toEqual({ kind: 'unix', socketPath: rootless });
    expect(engineEndpoint(home, noDocker)).toEqual({ kind: 'unix', socketPath: root });
    // Nothing there: Docker's path, so the error names it.
    expect(engineEndpoint(home, { dockerSocket: noDocker.dockerSocket, podmanRootSocket: join(work, 'none.sock') })).toEqual({ kind: 'unix', socketPath: noDocker.dockerSocket });
    // Docker's socket and DOCKER_HOST come first.
    const docker = await socketAt(join(work, 'docker.sock'));
    expect(engineEndpoint({ ...home, XDG_RUNTIME_DIR: runtime }, { dockerSocket: docker, podmanRootSocket: root })).toEqual({ kind: 'unix', socketPath: docker });
    expect(engineEndpoint({ ...home, XDG_RUNTIME_DIR: runtime, DOCKER_HOST: 'unix:///elsewhere.sock' }, noDocker)).toEqual({ kind: 'unix', socketPath: '/elsewhere.sock' });
  });
});
