/**
 * A read-only Kubernetes API server for tests: no kube-apiserver runs on these machines, so this
 * is the one test double, and it answers as kube-apiserver does: discovery documents, typed
 * lists without apiVersion/kind on items (CRD lists keep them), key-ordered chunked lists with
 * opaque continue tokens, and meta/v1 Status objects for every error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ADDON_RESOURCES, BUILTIN_RESOURCES, apiVersionOf, groupVersions, type ResourceDef } from './resources.js';
import { badRequest, expired, forbidden, methodNotAllowed, objectNotFound, pathNotFound, tooManyRequests, unauthorized, type StatusReply } from './status.js';
import { ObjectStore, decodeContinue, encodeContinue } from './store.js';
import type { TestCertificates } from './tls.js';

export interface ApiServerOptions {
  /** The objects the cluster holds, as manifests (apiVersion, kind, metadata.name). */
  readonly objects: readonly unknown[];
  /** Largest page the server returns, whatever `limit` asks (the real server's default is unlimited). */
  readonly pageSize?: number;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Kinds that the caller may not list or get (403 Forbidden), at cluster scope and in every namespace... */
  readonly forbidden?: readonly string[];
  /** ...except these namespaces, per kind (as a Role and RoleBinding in them would grant). */
  readonly namespaceGrants?: Readonly<Record<string, readonly string[]>>;
  /** Add-on API groups to serve even with no objects of them (CRDs installed, no objects yet). */
  readonly groups?: readonly string[];
  /**
   * Serve HTTPS with these certificates. Without a token, a request must then present a client
   * certificate signed by the CA (kube-apiserver's x509 authentication), or it gets 401.
   */
  readonly tls?: TestCertificates;
  /**
   * Throttles a request as API Priority and Fairness does: when this returns a number of seconds,
   * the request gets 429 TooManyRequests with that Retry-After instead of an answer.
   */
  readonly throttle?: (request: LoggedRequest) => number | undefined;
  /** Called with each request before it is answered (tests use it to compact between pages). */
  readonly onRequest?: (request: LoggedRequest) => void;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

export interface KubeconfigOptions {
  readonly token?: string;
  /** For a TLS server: trust its CA (default true) and log in with the client certificate (default true). */
  readonly trustCa?: boolean;
  readonly clientCertificate?: boolean;
  readonly insecureSkipTlsVerify?: boolean;
  /** The context's default namespace. */
  readonly namespace?: string;
}

export interface ApiServerHandle {
  readonly url: string;
  /** Writes a kubeconfig whose context `context` points at this server; `token` overrides the server's token. */
  kubeconfigPath(context: string, options?: KubeconfigOptions): string;
  /** Every request served, in order. */
  readonly requests: readonly LoggedRequest[];
  /** TCP connections accepted so far (each a TLS handshake on an HTTPS server). */
  connections(): number;
  /** Expires every continue token issued so far (an etcd compaction). */
  compact(): void;
  close(): Promise<void>;
}

const USER = 'system:serviceaccount:palisade:scanner';

export async function startApiServer(options: ApiServerOptions): Promise<ApiServerHandle> {
  const resources = servedResources(options);
  const store = new ObjectStore(options.objects, resources);
  const requests: LoggedRequest[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const logged = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) };
    requests.push(logged);
    options.onRequest?.(logged);
    const clientCertificate = req.socket instanceof TLSSocket && req.socket.authorized;
    const retryAfter = options.throttle?.(logged);
    const reply = retryAfter !== undefined ? tooManyRequests(retryAfter) : answer({ ...logged, authorization: req.headers.authorization, clientCertificate }, { options, resources, store, host: req.headers.host ?? '' });
    res.writeHead(reply.code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  };
  const { tls } = options;
  // Client certificates are asked for but not required at the TLS layer: like kube-apiserver,
  // a request without one is refused with a 401 Status, not a failed handshake.
  const server =
    tls === undefined
      ? http.createServer(handler)
      : https.createServer({ cert: tls.serverCert, key: tls.serverKey, ca: tls.caCert, requestCert: true, rejectUnauthorized: false }, handler);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-apiserver-'));
  return {
    url,
    requests,
    connections: () => connections,
    compact: () => {
      store.compact();
    },
    kubeconfigPath: (context, kubeconfigOptions = {}) => {
      const path = join(dir, `kubeconfig-${context}.yaml`);
      const token = kubeconfigOptions.token ?? options.token;
      writeFileSync(path, kubeconfigFor(url, context, { ...kubeconfigOptions, ...(token === undefined ? {} : { token }) }, tls));
      return path;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A kubeconfig as `kubectl config` writes one; client-node 1.x needs the TLS flag for http:// servers. */
export function kubeconfigFor(url: string, context: string, options: KubeconfigOptions = {}, tls?: TestCertificates): string {
  const { token, namespace } = options;
  const base64 = (pem: string): string => Buffer.from(pem).toString('base64');
  const cluster =
    tls === undefined
      ? { server: url, 'insecure-skip-tls-verify': true }
      : {
          server: url,
          ...(options.trustCa === false ? {} : { 'certificate-authority-data': base64(tls.caCert) }),
          ...(options.insecureSkipTlsVerify === true ? { 'insecure-skip-tls-verify': true } : {}),
        };
  const certificate = tls !== undefined && options.clientCertificate !== false ? { 'client-certificate-data': base64(tls.clientCert), 'client-key-data': base64(tls.clientKey) } : {};
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test-cluster', cluster }],
    users: [{ name: 'test-user', user: { ...certificate, ...(token === undefined ? {} : { token }) } }],
    contexts: [{ name: context, context: { cluster: 'test-cluster', user: 'test-user', ...(namespace === undefined ? {} : { namespace }) } }],
    'current-context': context,
  });
}

function servedResources(options: ApiServerOptions): ResourceDef[] {
  const groupsOfObjects = new Set(
    options.objects.map((o) => {
      const apiVersion = (o as { apiVersion?: unknown }).apiVersion;
      return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    }),
  );
  const wanted = new Set([...groupsOfObjects, ...(options.groups ?? [])]);
  return [...BUILTIN_RESOURCES, ...ADDON_RESOURCES.filter((r) => wanted.has(r.group))];
}

interface Context {
  readonly options: ApiServerOptions;
  readonly resources: readonly ResourceDef[];
  readonly store: ObjectStore;
  readonly host: string;
}

interface Request extends LoggedRequest {
  readonly authorization: string | undefined;
  /** A client certificate signed by the CA came with the request. */
  readonly clientCertificate: boolean;
}

function answer(request: Request, context: Context): StatusReply {
  const { token } = context.options;
  if (token !== undefined && request.authorization !== `Bearer ${token}`) return unauthorized();
  if (token === undefined && context.options.tls !== undefined && !request.clientCertificate) return unauthorized();
  if (request.method !== 'GET') return methodNotAllowed();
  const segments = pathSegments(request.path);
  if (segments === undefined) return pathNotFound();
  const [root, second, third] = segments;
  if (root === 'version' && segments.length === 1) return ok(versionInfo());
  if (root === 'api') {
    if (segments.length === 1) return ok({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: context.host }] });
    if (second !== 'v1') return pathNotFound();
    return answerGroupVersion('', 'v1', segments.slice(2), request, context);
  }
  if (root === 'apis') {
    const versions = groupVersions(context.resources.filter((r) => r.group !== ''));
    if (segments.length === 1) return ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: [...versions].map(([group, list]) => apiGroup(group, list)) });
    const groupList = second === undefined ? undefined : versions.get(second);
    if (second === undefined || groupList === undefined) return pathNotFound();
    if (segments.length === 2) return ok({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(second, groupList) });
    if (third === undefined || !groupList.includes(third)) return pathNotFound();
    return answerGroupVersion(second, third, segments.slice(3), request, context);
  }
  return pathNotFound();
}

function pathSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function apiGroup(group: string, versions: readonly string[]): Record<string, unknown> {
  const entries = versions.map((version) => ({ groupVersion: apiVersionOf(group, version), version }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

/** Everything under /api/v1 or /apis/G/V: the resource list, lists, and single objects. */
function answerGroupVersion(group: string, version: string, rest: readonly string[], request: Request, context: Context): StatusReply {
  const inVersion = context.resources.filter((r) => r.group === group && r.versions.includes(version));
  if (rest.length === 0) return ok(resourceList(group, version, inVersion));
  const [a, b, c, d] = rest;
  const find = (plural: string | undefined): ResourceDef | undefined => inVersion.find((r) => r.plural === plural);
  // /RES, /RES/NAME, /namespaces/NS/RES, /namespaces/NS/RES/NAME (/namespaces/NS is a namespace object).
  if (rest.length <= 2 || a !== 'namespaces' || rest.length > 4) {
    const resource = find(a);
    if (resource === undefined || rest.length > 2 || (b !== undefined && resource.namespaced)) return pathNotFound();
    return b === undefined ? listReply(resource, version, undefined, request, context) : getReply(resource, version, undefined, b, context);
  }
  const resource = find(c);
  if (b === undefined || resource === undefined || !resource.namespaced) return pathNotFound();
  return d === undefined ? listReply(resource, version, b, request, context) : getReply(resource, version, b, d, context);
}

function resourceList(group: string, version: string, resources: readonly ResourceDef[]): Record<string, unknown> {
  const entries = resources.flatMap((r) => [
    {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames === undefined ? {} : { shortNames: r.shortNames }),
      ...(r.categories === undefined ? {} : { categories: r.categories }),
      storageVersionHash: Buffer.from(`${r.group}/${r.plural}`).toString('base64').slice(0, 11),
    },
    ...(r.subresources ?? []).map(([name, verbs]) => ({ name: `${r.plural}/${name}`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs })),
  ]);
  // The core group's list has no apiVersion field; the others do.
  return group === ''
    ? { kind: 'APIResourceList', groupVersion: version, resources: entries }
    : { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources: entries };
}

function listReply(resource: ResourceDef, version: string, namespace: string | undefined, request: Request, context: Context): StatusReply {
  if (denied(resource, namespace, context.options)) return forbidden(USER, 'list', resource, namespace);
  const { store } = context;
  const limitText = request.query['limit'];
  if (limitText !== undefined && !/^-?\d+$/.test(limitText)) return badRequest(`limit: Invalid value: "${limitText}": strconv.ParseInt: parsing "${limitText}": invalid syntax`);
  const asked = limitText === undefined ? 0 : Number(limitText);
  const serverCap = context.options.pageSize ?? 0;
  const limit = asked > 0 && serverCap > 0 ? Math.min(asked, serverCap) : Math.max(asked, serverCap);

  let resourceVersion = store.resourceVersion;
  let start = '';
  const continueText = request.query['continue'];
  if (continueText !== undefined && continueText !== '') {
    const token = decodeContinue(continueText);
    if (typeof token === 'string') return badRequest(token);
    if (token.resourceVersion < store.compactedRevision) {
      return expired(encodeContinue({ resourceVersion: store.resourceVersion, start: token.start }));
    }
    resourceVersion = token.resourceVersion;
    start = token.start;
  }
  const all = store.list(resource, namespace).filter((o) => o.key >= start);
  const page = limit > 0 ? all.slice(0, limit) : all;
  const remaining = all.length - page.length;
  const last = page.at(-1);
  const metadata: Record<string, unknown> = { resourceVersion: String(resourceVersion) };
  if (remaining > 0 && last !== undefined) {
    metadata['continue'] = encodeContinue({ resourceVersion, start: `${last.key}\u0000` });
    metadata['remainingItemCount'] = remaining;
  }
  const apiVersion = apiVersionOf(resource.group, version);
  return ok({ kind: `${resource.kind}List`, apiVersion, metadata, items: page.map((o) => served(o.object, resource, apiVersion, false)) });
}

function denied(resource: ResourceDef, namespace: string | undefined, options: ApiServerOptions): boolean {
  if (options.forbidden?.includes(resource.kind) !== true) return false;
  return namespace === undefined || options.namespaceGrants?.[resource.kind]?.includes(namespace) !== true;
}

function getReply(resource: ResourceDef, version: string, namespace: string | undefined, name: string, context: Context): StatusReply {
  if (denied(resource, namespace, context.options)) return forbidden(USER, 'get', resource, namespace);
  const found = context.store.get(resource, namespace, name);
  if (found === undefined) return objectNotFound(resource, name);
  return ok(served(found.object, resource, apiVersionOf(resource.group, version), true));
}

/**
 * The object as the server encodes it: a single object always names its apiVersion and kind, a
 * typed list's items do not (the list names them), an unstructured (CRD) list's items do.
 */
function served(object: Readonly<Record<string, unknown>>, resource: ResourceDef, apiVersion: string, single: boolean): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(object).filter(([key]) => key !== 'apiVersion' && key !== 'kind'));
  return single || resource.custom === true ? { apiVersion, kind: resource.kind, ...rest } : rest;
}

function versionInfo(): Record<string, unknown> {
  return { major: '1', minor: '33', gitVersion: 'v1.33.0', gitCommit: '', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.24.0', compiler: 'gc', platform: 'linux/amd64' };
}

function ok(body: Record<string, unknown>): StatusReply {
  return { code: 200, body };
}
