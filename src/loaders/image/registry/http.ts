/**
 * The registry's HTTP layer: plain node:http/https (a custom CA and plain HTTP need no extra
 * dependency), redirects followed with the Authorization header dropped when the host changes
 * or the scheme (blob storage redirects must not receive registry credentials, nor plain HTTP),
 * bodies read with a limit, transient answers (429, 5xx) repeated with a bounded backoff, and
 * requests sent through the environment's proxy (proxy.ts).
 * Requests go out with `Accept-Encoding: identity`: a blob's digest is over its bytes as stored.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { ImageError } from '../problems.js';
import { proxyAuthorization, type ProxyFor, tunnel } from './proxy.js';

/** How connections are made: TLS checked against the system roots plus `ca`, or not at all (--insecure); through a proxy or not. */
export interface TlsOptions {
  readonly ca?: readonly string[];
  readonly verify: boolean;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY as read from the environment; direct when absent. */
  readonly proxy?: ProxyFor;
}

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 60_000;

/**
 * The system roots plus the CA file's certificates: Node's `ca` option replaces the roots, and a
 * private registry may still redirect blobs to, or take tokens from, a host with a public certificate.
 */
export function loadCa(caFile: string | undefined): string[] | undefined {
  if (caFile === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(caFile, 'utf8');
  } catch {
    throw new ImageError('registry-unreachable', `cannot read the CA file ${caFile}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ImageError('registry-unreachable', `${caFile} holds no PEM certificate`);
  return [...rootCertificates, pem];
}


/** A POST of a form (the OAuth2 token endpoint); never redirected, as the body would be resent. */
export function httpPostForm(url: string, form: URLSearchParams, tls: TlsOptions): Promise<IncomingMessage> {
  const body = Buffer.from(form.toString());
  return once('POST', webUrl(url), { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) }, tls, body);
}

export async function httpGet(url: string, headers: Record<string, string>, tls: TlsOptions): Promise<IncomingMessage> {
  let current = webUrl(url);
  let sendHeaders = headers;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const response = await once('GET', current, sendHeaders, tls);
    const location = response.headers.location;
    if (response.statusCode !== undefined && [301, 302, 303, 307, 308].includes(response.statusCode) && location !== undefined) {
      response.resume();
      const next = webUrl(location, current);
      if (next.origin !== current.origin) {
        const rest = { ...sendHeaders };
        delete rest.Authorization;
        sendHeaders = rest;
      }
      current = next;
      continue;
    }
    return response;
  }
  throw new ImageError('registry-unreachable', `${url}: more than ${MAX_REDIRECTS} redirects`);
}

/** What registries answer while overloaded, rate limiting or restarting (go-containerregistry retries these). */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRIES = 3;
const FIRST_BACKOFF_MS = 500;
/** A Retry-After longer than this is not waited out: the error says when the registry takes requests again. */
const MAX_RETRY_WAIT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A GET repeated while the registry answers a transient status (429, 5xx): Docker Hub's pull rate
 * limit and a registry behind a restarting proxy answer one of those for a moment, and one such
 * answer must not fail a scan that takes many requests. Waits follow Retry-After when the
 * registry sends one (seconds or an HTTP date), else 0.5, 1 then 2 s; the last answer is returned
 * as it is, so the caller reports it.
 */
export async function withRetries(request: () => Promise<IncomingMessage>): Promise<IncomingMessage> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await request();
    if (!RETRYABLE_STATUS.has(response.statusCode ?? 0) || attempt === RETRIES) return response;
    const wait = retryAfterMs(response.headers['retry-after']) ?? FIRST_BACKOFF_MS * 2 ** attempt;
    if (wait > MAX_RETRY_WAIT_MS) return response;
    response.resume();
    await sleep(wait);
  }
}

/** Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** An http(s) URL, or a registry-unreachable error naming what was given (a redirect, a realm). */
function webUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new ImageError('registry-unreachable', `"${text.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImageError('registry-unreachable', `${url.href.slice(0, 200)}: not an http or https URL`);
  return url;
}

function once(method: 'GET' | 'POST', url: URL, headers: Record<string, string>, tls: TlsOptions, body?: Buffer): Promise<IncomingMessage> {
  const proxy = tls.proxy?.(url);
  const common = { method, headers: { 'User-Agent': 'palisade', 'Accept-Encoding': 'identity', ...headers }, timeout: TIMEOUT_MS };
  const checks = { rejectUnauthorized: tls.verify, ...(tls.ca === undefined ? {} : { ca: [...tls.ca] }) };
  if (url.protocol === 'http:') {
    // Through a proxy, plain HTTP asks the proxy for the absolute URL.
    const viaProxy = proxy === undefined ? {} : { host: proxy.hostname, port: proxy.port === '' ? 80 : Number(proxy.port), path: url.href, headers: { ...common.headers, Host: url.host, ...proxyAuthorization(proxy) } };
    return send(url, (done) => proxy === undefined ? http.request(url, common, done) : http.request({ ...common, ...viaProxy }, done), body);
  }
  if (proxy === undefined) return send(url, (done) => https.request(url, { ...common, ...checks }, done), body);
  // HTTPS through the proxy's CONNECT tunnel; TLS (and its certificate checks) run end to end inside it.
  // The certificate is checked against the registry's host (`host`); SNI carries names, never IPs.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return tunnel(proxy, url).then((socket) => send(url, (done) => https.request(url, {
    ...common, ...checks,
    createConnection: () => tlsConnect({ socket, host, ...(isIP(host) === 0 ? { servername: host } : {}), ...checks }),
  }, done), body));
}

function send(url: URL, start: (done: (response: IncomingMessage) => void) => http.ClientRequest, body: Buffer | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = start(resolve);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => {
      const message = `${url.origin}: ${error.message}`;
      reject(url.protocol === 'https:' && speaksNoTls(error) ? new NoTlsError('registry-unreachable', message) : new ImageError('registry-unreachable', message));
    });
    request.end(body);
  });
}

/** An HTTPS request answered by a server that does not speak TLS (a plain HTTP registry). */
export class NoTlsError extends ImageError {}

/**
 * What OpenSSL reports when the bytes answering its hello are not TLS (an HTTP reply): a protocol
 * error, never a certificate error (those must never lead to plain HTTP).
 */
function speaksNoTls(error: Error & { code?: string }): boolean {
  return error.code === 'EPROTO' || /wrong version number|packet length too long/i.test(error.message);
}

export async function readBody(response: IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      throw new ImageError('image-invalid', `${what}: response over ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** One challenge of WWW-Authenticate: SCHEME key="value", key=value, ... */
export interface Challenge {
  /** Lowercase: basic, bearer. */
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
/** An auth-param (name=token or name="quoted, with commas"), or a bare token: the scheme of a new challenge. */
const CHALLENGE_PART = new RegExp(`(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^,\\s]*))|(${TOKEN})`, 'g');

/**
 * The challenges of one WWW-Authenticate header. RFC 9110 (11.6.1) lets one header carry several
 * (`Basic realm="r", Bearer realm="https://auth",service="s"`): each bare token starts a challenge
 * and the parameters after it are its own, quoted values keeping their commas.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: { scheme: string; params: Map<string, string> }[] = [];
  for (const match of header.matchAll(CHALLENGE_PART)) {
    const [, name, quoted, plain, scheme] = match;
    if (scheme !== undefined) {
      challenges.push({ scheme: scheme.toLowerCase(), params: new Map() });
      continue;
    }
    const current = challenges.at(-1);
    if (current === undefined || name === undefined) continue;
    current.params.set(name.toLowerCase(), quoted === undefined ? (plain ?? '') : quoted.replace(/\\(.)/g, '$1'));
  }
  return challenges;
}
