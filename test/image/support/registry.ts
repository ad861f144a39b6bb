/**
 * A real registry for the tests: Debian's docker-registry (distribution 2.8) on a free local port,
 * optionally with htpasswd basic auth, TLS (self-signed cert with an IP SAN) or token auth.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './podman.js';

export interface Registry {
  readonly host: string;
  readonly dir: string;
  readonly caFile?: string;
  stop(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0); });
    });
    server.on('error', reject);
  });
}

export function selfSignedCert(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
  return { cert, key };
}

export async function startRegistry(options: { basic?: { user: string; password: string }; tls?: boolean; token?: { realm: string; service: string; issuer: string; rootCert: string } } = {}): Promise<Registry> {
  requireTool('docker-registry');
  const dir = mkdtempSync(join(tmpdir(), 'palisade-registry-'));
  const port = await freePort();
  const lines = ['version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${dir}/data`, 'http:', `  addr: 127.0.0.1:${port}`];
  let caFile: string | undefined;
  if (options.tls === true) {
    const { cert, key } = selfSignedCert(dir, 'registry');
    lines.push('  tls:', `    certificate: ${cert}`, `    key: ${key}`);
    caFile = cert;
  }
  if (options.basic !== undefined) {
    requireTool('htpasswd');
    writeFileSync(join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', options.basic.user, options.basic.password]));
    lines.push('auth:', '  htpasswd:', '    realm: palisade-test', `    path: ${dir}/htpasswd`);
  }
  if (options.token !== undefined) {
    lines.push('auth:', '  token:', `    realm: ${options.token.realm}`, `    service: ${options.token.service}`, `    issuer: ${options.token.issuer}`, `    rootcertbundle: ${options.token.rootCert}`);
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const scheme = options.tls === true ? 'https' : 'http';
  for (let i = 0; i < 100; i += 1) {
    try {
      execFileSync('curl', ['-s', '-o', '/dev/null', '-k', `${scheme}://127.0.0.1:${port}/v2/`], { stdio: 'pipe', timeout: 2000 });
      break;
    } catch {
      if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { host: `127.0.0.1:${port}`, dir, ...(caFile === undefined ? {} : { caFile }), stop: () => { child.kill(); rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * skopeo copy SRC docker://HOST/REPO:TAG with the given credentials, keeping every platform.
 * Asynchronous: a token service in this process must stay able to answer while skopeo runs.
 */
export async function push(source: string, destination: string, options: { creds?: string; tlsVerify?: boolean; certDir?: string } = {}): Promise<void> {
  requireTool('skopeo');
  await promisify(execFile)('skopeo', [
    'copy', '--quiet', '--all', `--dest-tls-verify=${options.tlsVerify === true ? 'true' : 'false'}`,
    ...(options.creds === undefined ? [] : ['--dest-creds', options.creds]),
    ...(options.certDir === undefined ? [] : ['--dest-cert-dir', options.certDir]),
    source, destination,
  ], { timeout: 120_000 });
}
