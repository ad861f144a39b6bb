/**
 * kubeconfig `exec` credential plugins (client.authentication.k8s.io v1 and v1beta1: EKS, GKE,
 * AKS kubelogin, Teleport, Pinniped...), run as client-go runs them. client-node's runner is not
 * used: it spawns the plugin again for every request made before a credential is cached and for
 * every request when the plugin gives no expirationTimestamp (dozens of spawns per scan), never
 * sets KUBERNETES_EXEC_INFO, ignores interactiveMode, and writes the plugin's env into our own.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Cluster, User } from '@kubernetes/client-node';

export interface ExecCredential {
  readonly token?: string;
  /** PEM, as the plugin prints them; a client certificate comes with its key. */
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Milliseconds since the epoch; absent: valid for the whole run, as client-go treats it. */
  readonly expiresAt?: number;
}

export interface ExecCredentialSource {
  /** The cached credential while it is valid; otherwise runs the plugin (once for concurrent callers). */
  get(): Promise<ExecCredential>;
}

const API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
/** A credential is a few kilobytes; a plugin printing far more is broken. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
/** Renew a little before expiry, so a request does not leave with a token that lapses in flight. */
const EXPIRY_MARGIN_MS = 10_000;

interface ExecConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: readonly (readonly [string, string])[];
  readonly apiVersion: string;
  readonly interactiveMode: 'Never' | 'IfAvailable' | 'Always';
  readonly provideClusterInfo: boolean;
  readonly installHint?: string;
}

/**
 * The user's exec plugin as a credential source, or a message saying what is wrong with its
 * configuration; undefined when the user has no exec entry.
 */
export function execCredentialSource(user: User, cluster: Cluster): ExecCredentialSource | string | undefined {
  if (user.exec === undefined || user.exec === null) return undefined;
  const exec = execConfig(user.exec as unknown);
  if (typeof exec === 'string') return `user "${user.name}": ${exec}`;
  let cached: ExecCredential | undefined;
  let running: Promise<ExecCredential> | undefined;
  return {
    get: async () => {
      if (cached !== undefined && (cached.expiresAt === undefined || cached.expiresAt - EXPIRY_MARGIN_MS > Date.now())) return cached;
      running ??= runPlugin(exec, cluster).finally(() => {
        running = undefined;
      });
      cached = await running;
      return cached;
    },
  };
}

function execConfig(raw: unknown): ExecConfig | string {
  if (!isRecord(raw)) return 'exec must be a mapping.';
  const { command, args, env, apiVersion, interactiveMode, provideClusterInfo, installHint } = raw;
  if (typeof command !== 'string' || command === '') return 'exec.command is missing.';
  if (typeof apiVersion !== 'string' || !API_VERSIONS.includes(apiVersion)) {
    return `exec.apiVersion ${JSON.stringify(apiVersion ?? '')} is not supported (use ${API_VERSIONS.join(' or ')}).`;
  }
  const mode = interactiveMode ?? 'IfAvailable';
  if (mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always') return `exec.interactiveMode ${JSON.stringify(mode)} is not Never, IfAvailable or Always.`;
  const envPairs: [string, string][] = [];
  for (const entry of Array.isArray(env) ? (env as unknown[]) : []) {
    if (!isRecord(entry) || typeof entry['name'] !== 'string' || typeof entry['value'] !== 'string') return 'exec.env entries need a name and a value.';
    envPairs.push([entry['name'], entry['value']]);
  }
  return {
    command,
    args: Array.isArray(args) ? args.map(String) : [],
    env: envPairs,
    apiVersion,
    interactiveMode: mode,
    provideClusterInfo: provideClusterInfo === true,
    ...(typeof installHint === 'string' && installHint !== '' ? { installHint } : {}),
  };
}

async function runPlugin(exec: ExecConfig, cluster: Cluster): Promise<ExecCredential> {
  // Interactive only with a terminal to talk to (client-go's rule); the plugin then prompts on it.
  const interactive = exec.interactiveMode !== 'Never' && isTerminal(process.stdin);
  if (exec.interactiveMode === 'Always' && !interactive) {
    throw new Error(`exec plugin ${exec.command} needs an interactive terminal (interactiveMode: Always), and there is none`);
  }
  const execInfo = { apiVersion: exec.apiVersion, kind: 'ExecCredential', spec: { interactive, ...(exec.provideClusterInfo ? { cluster: clusterInfo(cluster) } : {}) } };
  const env = { ...process.env, ...Object.fromEntries(exec.env), KUBERNETES_EXEC_INFO: JSON.stringify(execInfo) };
  const output = await run(exec, env, interactive);
  return parseCredential(output, exec);
}

function run(exec: ExecConfig, env: NodeJS.ProcessEnv, interactive: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    // stderr goes to the user, as with kubectl: login prompts and URLs must be seen. Otherwise it
    // is kept for the error message.
    const child = spawn(exec.command, exec.args, { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', interactive ? 'inherit' : 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT_BYTES) child.kill();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const hint = exec.installHint === undefined ? '' : ` (${exec.installHint.trim()})`;
      reject(new Error(error.code === 'ENOENT' ? `exec plugin ${exec.command} was not found${hint}` : `exec plugin ${exec.command} could not start: ${error.message}`));
    });
    child.on('close', (code) => {
      if (stdout.length > MAX_OUTPUT_BYTES) reject(new Error(`exec plugin ${exec.command} printed more than ${MAX_OUTPUT_BYTES} bytes`));
      else if (code !== 0) reject(new Error(`exec plugin ${exec.command} failed with exit code ${String(code)}${stderr.trim() === '' ? '' : `: ${stderr.trim()}`}`));
      else resolve(stdout);
    });
  });
}

/** The ExecCredential the plugin printed, checked as client-go checks it. */
function parseCredential(output: string, exec: ExecConfig): ExecCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw new Error(`exec plugin ${exec.command} did not print an ExecCredential (not JSON)`);
  }
  if (!isRecord(parsed) || parsed['kind'] !== 'ExecCredential') throw new Error(`exec plugin ${exec.command} did not print an ExecCredential`);
  if (parsed['apiVersion'] !== exec.apiVersion) {
    throw new Error(`exec plugin ${exec.command} is configured for ${exec.apiVersion} but printed ${String(parsed['apiVersion'])}`);
  }
  const status = parsed['status'];
  if (!isRecord(status)) throw new Error(`exec plugin ${exec.command} printed an ExecCredential without status`);
  const text = (key: string): string | undefined => (typeof status[key] === 'string' && status[key] !== '' ? status[key] : undefined);
  const token = text('token');
  const cert = text('clientCertificateData');
  const key = text('clientKeyData');
  if ((cert === undefined) !== (key === undefined)) throw new Error(`exec plugin ${exec.command} printed a client certificate without its key, or a key without its certificate`);
  if (token === undefined && cert === undefined) throw new Error(`exec plugin ${exec.command} printed neither a token nor a client certificate`);
  const expiry = text('expirationTimestamp');
  const expiresAt = expiry === undefined ? undefined : Date.parse(expiry);
  return {
    ...(token === undefined ? {} : { token }),
    ...(cert === undefined || key === undefined ? {} : { clientCertificateData: cert, clientKeyData: key }),
    ...(expiresAt === undefined || Number.isNaN(expiresAt) ? {} : { expiresAt }),
  };
}

/** spec.cluster for provideClusterInfo: the fields of the kubeconfig cluster a plugin may need. */
function clusterInfo(cluster: Cluster): Record<string, unknown> {
  const ca = cluster.caData ?? (cluster.caFile === undefined ? undefined : readFileSync(cluster.caFile).toString('base64'));
  return {
    server: cluster.server,
    ...(cluster.tlsServerName === undefined ? {} : { 'tls-server-name': cluster.tlsServerName }),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(ca === undefined ? {} : { 'certificate-authority-data': ca }),
    ...(cluster.proxyUrl === undefined ? {} : { 'proxy-url': cluster.proxyUrl }),
  };
}

/** Typed boolean, but undefined when stdin is a pipe or a file; spec.interactive must still be a boolean. */
function isTerminal(stream: { readonly isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
