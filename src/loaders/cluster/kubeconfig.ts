/**
 * Finds and reads the kubeconfig the way kubectl does (--kubeconfig, else every file in KUBECONFIG,
 * else ~/.kube/config, else the pod's service account), and selects the context. Parsing and
 * most credentials (tokens, client certificates, OIDC) are client-node's job; this module turns its
 * failures into located problems and fills in what it gets wrong for kubectl users: `tokenFile`,
 * exec plugins (exec-credential.ts), relative plugin paths, and HTTPS_PROXY (src/lib/proxy-env.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve as resolvePath, sep } from 'node:path';
import jsYaml from 'js-yaml';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { problem } from '../../core/errors.js';
import type { Problem } from '../../model/problem.js';
import { proxyFromEnvironment } from '../../lib/proxy-env.js';
import { execCredentialSource, type ExecCredentialSource } from './exec-credential.js';

/** Kubeconfigs are a few kilobytes; anything far larger is not one. */
const MAX_KUBECONFIG_BYTES = 4 * 1024 * 1024;
/** Bearer tokens (JWTs included) are a few kilobytes. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface ResolvedKubeconfig {
  readonly ok: true;
  readonly config: KubeConfig;
  readonly context: string;
  readonly server: string;
  /** The context's default namespace, when it names one. */
  readonly namespace?: string;
  /** What was read, for messages: a path, a list of paths, or "in-cluster service account". */
  readonly origin: string;
  /** The user's exec credential plugin, when it has one. */
  readonly credentials?: ExecCredentialSource;
}

export type KubeconfigResult = ResolvedKubeconfig | { readonly ok: false; readonly problem: Problem };

/** The parts of the KubeConfig class this module needs (the module is loaded lazily). */
type KubeConfigClass = new () => KubeConfig;

export async function resolveKubeconfig(target: { readonly kubeconfig?: string; readonly context?: string }): Promise<KubeconfigResult> {
  // client-node pulls in every generated API client; import it only when a cluster is scanned.
  const { KubeConfig: KubeConfigCtor } = await import('@kubernetes/client-node');
  const loaded = loadConfig(KubeConfigCtor, target.kubeconfig);
  if (!loaded.ok) return loaded;
  return selectContext(loaded.config, loaded.origin, target.context);
}

type Loaded = { readonly ok: true; readonly config: KubeConfig; readonly origin: string } | { readonly ok: false; readonly problem: Problem };

function loadConfig(Ctor: KubeConfigClass, explicitPath: string | undefined): Loaded {
  if (explicitPath !== undefined) return loadFiles(Ctor, [explicitPath], { skipMissing: false });
  const fromEnv = (process.env['KUBECONFIG'] ?? '').split(delimiter).filter((file) => file !== '');
  // kubectl skips KUBECONFIG entries that do not exist, but not ones that are broken.
  if (fromEnv.length > 0) return loadFiles(Ctor, fromEnv, { skipMissing: true });
  const home = process.env['HOME'] ?? homedir();
  const defaultPath = join(home, '.kube', 'config');
  if (exists(defaultPath)) return loadFiles(Ctor, [defaultPath], { skipMissing: false });
  if (process.env['KUBERNETES_SERVICE_HOST'] !== undefined && exists(SERVICE_ACCOUNT_TOKEN)) {
    const config = new Ctor();
    config.loadFromCluster();
    return { ok: true, config, origin: 'in-cluster service account' };
  }
  return {
    ok: false,
    problem: problem('kubeconfig-invalid', 'No kubeconfig found: --kubeconfig not given, KUBECONFIG unset, ~/.kube/config missing, and not running in a pod.'),
  };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads each file and merges them with kubectl's rule: the first file to define a name (or the
 * current context) wins. client-node's own merge lets later files win and throws on duplicates.
 */
function loadFiles(Ctor: KubeConfigClass, paths: readonly string[], options: { readonly skipMissing: boolean }): Loaded {
  const clusters = new Map<string, Cluster>();
  const contexts = new Map<string, Context>();
  const users = new Map<string, User>();
  let currentContext = '';
  const read: string[] = [];
  for (const path of paths) {
    if (options.skipMissing && !exists(path)) continue;
    const one = loadFile(Ctor, path);
    if (!one.ok) return one;
    read.push(path);
    for (const c of one.config.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const c of one.config.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    for (const u of one.config.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    const fileContext = one.config.getCurrentContext() as string | undefined;
    if (currentContext === '' && typeof fileContext === 'string') currentContext = fileContext;
  }
  const origin = read.join(delimiter);
  if (read.length === 0) {
    return { ok: false, problem: problem('kubeconfig-invalid', `None of the KUBECONFIG files exist: ${paths.join(delimiter)}.`) };
  }
  const config = new Ctor();
  config.loadFromOptions({ clusters: [...clusters.values()], contexts: [...contexts.values()], users: [...users.values()], currentContext });
  return { ok: true, config, origin };
}

function loadFile(Ctor: KubeConfigClass, path: string): Loaded {
  const invalid = (message: string, line?: number): Loaded => ({
    ok: false,
    problem: problem('kubeconfig-invalid', message, line === undefined ? { file: path } : { file: path, line }),
  });
  let text: string;
  try {
    if (statSync(path).size > MAX_KUBECONFIG_BYTES) return invalid(`Kubeconfig ${path} is larger than ${MAX_KUBECONFIG_BYTES} bytes; it is not a kubeconfig.`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return invalid(`Cannot read kubeconfig ${path}: ${errorText(error)}.`);
  }
  const shape = checkShape(text);
  if (!shape.ok) return invalid(`Kubeconfig ${path} is not valid: ${shape.message}`, shape.line);
  const config = new Ctor();
  try {
    config.loadFromString(text);
  } catch (error) {
    // client-node names the bad entry, e.g. "clusters[0].cluster.server is missing".
    return invalid(`Kubeconfig ${path} is not valid: ${errorText(error)}.`);
  }
  // Relative certificate and key paths are relative to the kubeconfig, as kubectl reads them.
  config.makePathsAbsolute(dirname(path));
  resolveExecCommands(config, dirname(path));
  const tokenError = applyTokenFiles(config, shape.document, dirname(path));
  if (tokenError !== undefined) return invalid(`Kubeconfig ${path}: ${tokenError}`);
  return { ok: true, config, origin: path };
}

/**
 * An exec plugin command with a path separator ("./bin/login") is relative to the kubeconfig, as
 * client-go resolves it; a bare name ("aws") is looked up on PATH.
 */
function resolveExecCommands(config: KubeConfig, directory: string): void {
  config.users = config.users.map((user) => {
    const exec: unknown = user.exec;
    if (!isMapping(exec) || typeof exec['command'] !== 'string' || !exec['command'].includes(sep) || isAbsolute(exec['command'])) return user;
    return { ...user, exec: { ...exec, command: resolvePath(directory, exec['command']) } };
  });
}

/**
 * kubectl's `tokenFile` user field (a bearer token kept in a file, e.g. a projected service
 * account token): client-node only knows a non-standard `token-file` key and would send no
 * token at all. Read as client-go reads it: relative to the kubeconfig, surrounding whitespace
 * (the newline `echo` leaves) trimmed, and taking precedence over an inline `token`.
 */
function applyTokenFiles(config: KubeConfig, document: Record<string, unknown>, directory: string): string | undefined {
  const tokenFiles = new Map<string, string>();
  const users = document['users'];
  for (const entry of Array.isArray(users) ? (users as unknown[]) : []) {
    const name = isMapping(entry) ? entry['name'] : undefined;
    const user = isMapping(entry) ? entry['user'] : undefined;
    const tokenFile = isMapping(user) ? user['tokenFile'] : undefined;
    if (typeof name === 'string' && typeof tokenFile === 'string' && tokenFile !== '') tokenFiles.set(name, tokenFile);
  }
  if (tokenFiles.size === 0) return undefined;
  const tokens = new Map<string, string>();
  for (const [name, tokenFile] of tokenFiles) {
    const tokenPath = resolvePath(directory, tokenFile);
    try {
      if (statSync(tokenPath).size > MAX_TOKEN_FILE_BYTES) return `user "${name}" has tokenFile ${tokenPath}, which is larger than ${MAX_TOKEN_FILE_BYTES} bytes.`;
      tokens.set(name, readFileSync(tokenPath, 'utf8').trim());
    } catch (error) {
      return `cannot read tokenFile of user "${name}": ${errorText(error)}.`;
    }
  }
  config.users = config.users.map((user) => {
    const token = tokens.get(user.name);
    return token === undefined ? user : { ...user, token };
  });
  return undefined;
}

/**
 * Checks what client-node assumes without checking (it dereferences null documents and entries),
 * with the same YAML parser it uses so both read the file alike.
 */
function checkShape(text: string): { ok: true; document: Record<string, unknown> } | { ok: false; message: string; line?: number } {
  let parsed: unknown;
  try {
    parsed = jsYaml.load(text, { json: true });
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) return { ok: false, message: `${error.reason}.`, line: error.mark.line + 1 };
    return { ok: false, message: `${errorText(error)}.` };
  }
  if (!isMapping(parsed)) return { ok: false, message: 'expected a mapping with clusters, contexts and users.' };
  for (const section of ['clusters', 'contexts', 'users'] as const) {
    const entries = parsed[section];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) return { ok: false, message: `${section} must be a list.` };
    const bad = entries.findIndex((entry) => !isMapping(entry));
    if (bad !== -1) return { ok: false, message: `${section}[${bad}] must be a mapping.` };
  }
  return { ok: true, document: parsed };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function selectContext(config: KubeConfig, origin: string, requested: string | undefined): KubeconfigResult {
  const names = config.getContexts().map((c) => c.name);
  const available = names.length === 0 ? 'it defines no contexts' : `available: ${names.join(', ')}`;
  const place = origin.includes(delimiter) || origin.startsWith('in-cluster') ? {} : { file: origin };
  const current = config.getCurrentContext() as string | undefined;
  const name = requested ?? (current === undefined || current === '' ? undefined : current);
  if (name === undefined) {
    return { ok: false, problem: problem('context-not-found', `Kubeconfig ${origin} sets no current-context; choose one with --context (${available}).`, place) };
  }
  const context = config.getContextObject(name);
  if (context === null) {
    return { ok: false, problem: problem('context-not-found', `Context "${name}" is not in kubeconfig ${origin} (${available}).`, place) };
  }
  config.setCurrentContext(name);
  const cluster = config.getCluster(context.cluster);
  if (cluster === null) {
    return { ok: false, problem: problem('kubeconfig-invalid', `Context "${name}" names cluster "${context.cluster}", which kubeconfig ${origin} does not define.`, place) };
  }
  // client-node types the user as required, but reads a context without one as undefined.
  const user = context.user as string | undefined;
  const userEntry = user === undefined ? null : config.getUser(user);
  if (user !== undefined && userEntry === null) {
    return { ok: false, problem: problem('kubeconfig-invalid', `Context "${name}" names user "${user}", which kubeconfig ${origin} does not define.`, place) };
  }
  const credentials = userEntry === null ? undefined : execCredentialSource(userEntry, cluster);
  if (typeof credentials === 'string') return { ok: false, problem: problem('kubeconfig-invalid', `Kubeconfig ${origin}, ${credentials}`, place) };
  // The plugin is run by our source, not by client-node (see exec-credential.ts).
  if (credentials !== undefined) config.users = config.users.map((u) => (u.name === user ? withoutExec(u) : u));
  const url = parseServer(cluster.server);
  if (url === undefined) {
    return { ok: false, problem: problem('kubeconfig-invalid', `Cluster "${cluster.name}" has server "${cluster.server}", which is not an http(s) URL.`, place) };
  }
  if (url.protocol === 'http:' && !cluster.skipTLSVerify) {
    // client-node 1.x refuses plain-HTTP servers unless TLS verification is switched off, although
    // there is no TLS to verify (kubectl accepts them, e.g. `kubectl proxy`). Say so to it.
    config.clusters = config.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c));
  }
  const proxyUrl = cluster.proxyUrl ?? proxyFromEnvironment(url);
  if (proxyUrl !== undefined && cluster.proxyUrl === undefined) {
    config.clusters = config.clusters.map((c) => (c.name === cluster.name ? { ...c, proxyUrl } : c));
  }
  const { namespace } = context;
  return {
    ok: true,
    config,
    context: name,
    server: cluster.server,
    origin,
    ...(namespace === undefined ? {} : { namespace }),
    ...(credentials === undefined ? {} : { credentials }),
  };
}

function withoutExec(user: User): User {
  return Object.fromEntries(Object.entries(user).filter(([key]) => key !== 'exec')) as unknown as User;
}

function parseServer(server: string): URL | undefined {
  try {
    const url = new URL(server);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Some errors (YAML, exec plugins) span lines; one line reads better in a problem.
  return (text.split('\n')[0] ?? '').replace(/[.:\s]+$/, '');
}
