/**
 * GET requests to the API server, answered as data (never thrown). client-node supplies the
 * connection settings and credentials; the request itself is made here because client-node's
 * typed clients deserialize objects into model classes (dates become Date, unknown fields may be
 * lost), while rules must see each object as the server sent it.
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ExecCredential, ExecCredentialSource } from './exec-credential.js';
import { errorText } from './kubeconfig.js';

export type ApiResponse =
  | { readonly kind: 'ok'; readonly body: unknown }
  /** The server answered with an error status; `reason` and `message` come from its Status object when it sent one. */
  | { readonly kind: 'status'; readonly code: number; readonly reason: string; readonly message: string; readonly body: unknown }
  /** No usable answer: refused, timed out, TLS failure, oversized (`tooLarge`) or unparsable body. */
  | { readonly kind: 'failed'; readonly message: string; readonly tooLarge?: true };

export interface ApiClient {
  get(path: string, query?: Readonly<Record<string, string>>): Promise<ApiResponse>;
}

export interface TransportOptions {
  /** Longest wait for one response, from request to last byte. */
  readonly timeoutMs: number;
  /** Largest response body read (a hostile or broken server must not exhaust memory). */
  readonly maxResponseBytes: number;
}

export function createApiClient(config: KubeConfig, server: string, options: TransportOptions, credentials?: ExecCredentialSource): ApiClient {
  const base = new URL(server.endsWith('/') ? server : `${server}/`);
  let agent: http.Agent | undefined;
  let applied: ExecCredential | undefined;
  return {
    async get(path, query = {}) {
      const url = new URL(path.replace(/^\//, ''), base);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      const request: https.RequestOptions = { headers: { Accept: 'application/json', 'User-Agent': 'palisade' } };
      try {
        if (credentials !== undefined) {
          const credential = await credentials.get();
          if (credential !== applied) {
            // A new client certificate needs a new TLS connection, so a new agent.
            if (credential.clientCertificateData !== applied?.clientCertificateData) agent = undefined;
            useCredential(config, credential);
            applied = credential;
          }
        }
        // Applied per request: OIDC credentials refresh themselves when they expire.
        await config.applyToHTTPSOptions(request);
      } catch (error) {
        return { kind: 'failed', message: `could not prepare credentials: ${errorText(error)}` };
      }
      // Every call makes a new agent; keep the first so connections are reused.
      if (agent === undefined && request.agent instanceof http.Agent) agent = withKeepAlive(request.agent);
      const prepared = { ...request, ...(agent === undefined ? {} : { agent }), method: 'GET' };
      for (let retries = 0; ; retries++) {
        const { response, retryAfterMs } = await send(url, prepared, options);
        // Like client-go: a 429 (API Priority and Fairness) or 5xx that says when to come back is
        // retried after that wait, a few times; a wait longer than the request timeout is not.
        if (retryAfterMs === undefined || retries >= MAX_RETRIES || retryAfterMs > options.timeoutMs) return response;
        await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
      }
    },
  };
}

/**
 * client-node's plain agents close each connection after one response, so a scan made one TCP
 * and TLS handshake per request (36 on the test cluster, each a few round trips to a remote API
 * server). A keep-alive agent reuses them; the TLS settings travel with each request's options.
 * Proxy agents are kept as they are. Idle kept sockets are unref'd, so they never hold the
 * process open.
 */
function withKeepAlive(given: http.Agent): http.Agent {
  const prototype: unknown = Object.getPrototypeOf(given);
  if (prototype === https.Agent.prototype) return new https.Agent({ keepAlive: true });
  if (prototype === http.Agent.prototype) return new http.Agent({ keepAlive: true });
  return given;
}

/** Puts an exec plugin's credential into the current user, where client-node applies it. */
function useCredential(config: KubeConfig, credential: ExecCredential): void {
  const user = config.getCurrentUser();
  if (user === null) return;
  const base64 = (pem: string): string => Buffer.from(pem).toString('base64');
  const updated = {
    ...user,
    ...(credential.token === undefined ? {} : { token: credential.token }),
    ...(credential.clientCertificateData === undefined || credential.clientKeyData === undefined
      ? {}
      : { certData: base64(credential.clientCertificateData), keyData: base64(credential.clientKeyData) }),
  };
  config.users = config.users.map((u) => (u.name === user.name ? updated : u));
}

/** client-go's default for requests the server asked to retry. */
const MAX_RETRIES = 10;

interface Sent {
  readonly response: ApiResponse;
  /** Set when the server answered 429 or 5xx with a Retry-After of whole seconds, or reset a reused connection. */
  readonly retryAfterMs?: number;
}

function retryAfterOf(code: number, header: string | undefined): number | undefined {
  if (code !== 429 && (code < 500 || code > 599)) return undefined;
  // RFC 9110 also allows an HTTP date; the API server sends seconds, as client-go expects.
  return header !== undefined && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) * 1000 : undefined;
}

function send(url: URL, request: https.RequestOptions, options: TransportOptions): Promise<Sent> {
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const fail = (message: string): void => {
      resolve({ response: { kind: 'failed', message } });
    };
    const requester = url.protocol === 'http:' ? http.request : https.request;
    let req: http.ClientRequest;
    try {
      req = requester(url, { ...request, signal, timeout: options.timeoutMs }, onResponse);
    } catch (error) {
      // Node refuses a header it cannot send, e.g. a token pasted with its newline.
      const code = (error as NodeJS.ErrnoException).code;
      fail(code === 'ERR_INVALID_CHAR' ? `the request cannot be sent: ${errorText(error)} (does the token or a header value contain a newline?)` : `the request cannot be sent: ${errorText(error)}`);
      return;
    }
    function onResponse(res: http.IncomingMessage): void {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          resolve({ response: { kind: 'failed', message: `the response is larger than ${options.maxResponseBytes} bytes`, tooLarge: true } });
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        const retryAfterMs = retryAfterOf(code, res.headers['retry-after']);
        const response = interpret(code, Buffer.concat(chunks).toString('utf8'));
        resolve(retryAfterMs === undefined ? { response } : { response, retryAfterMs });
      });
      res.on('error', (error) => {
        fail(describe(error, options));
      });
      // A connection cut mid-body ends with 'close' and no 'end'; the first settlement wins.
      res.on('close', () => {
        if (!res.complete) fail('the connection closed before the response was complete');
      });
    }
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => {
      // A kept-alive connection the server closed as it was reused: Node's documented case for
      // sending the request again (at once) on a new connection.
      if (req.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        resolve({ response: { kind: 'failed', message: describe(error, options) }, retryAfterMs: 0 });
        return;
      }
      fail(describe(error, options));
    });
    req.end();
  });
}

function describe(error: Error, options: TransportOptions): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `no answer within ${options.timeoutMs} ms`;
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined || error.message.includes(code) ? error.message : `${code}: ${error.message}`;
}

function interpret(code: number, text: string): ApiResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (code >= 200 && code < 300) {
    return body === undefined ? { kind: 'failed', message: `HTTP ${code} with a body that is not JSON` } : { kind: 'ok', body };
  }
  // Errors come as a meta/v1 Status object; a proxy in front of the server may send anything.
  const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const reason = typeof status['reason'] === 'string' ? status['reason'] : '';
  const message = typeof status['message'] === 'string' ? status['message'] : text.slice(0, 200).trim();
  return { kind: 'status', code, reason, message, body };
}
