/**
 * HTTP proxies for registry requests, chosen from the environment as docker, skopeo and Trivy
 * choose them (Go's http.ProxyFromEnvironment): HTTPS_PROXY for https URLs, HTTP_PROXY for http
 * ones (upper case first, then lower case), none for a host NO_PROXY names, and none for loopback
 * addresses. A proxy URL without a scheme is http://; user:password in it is sent as
 * Proxy-Authorization. Without this, a registry behind a corporate proxy was unreachable.
 *
 * https targets go through a CONNECT tunnel (TLS is end to end: the proxy sees no content), http
 * targets are asked of the proxy in absolute form.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import { isLoopbackHost } from '../../../lib/host.js';
import { ImageError } from '../problems.js';

/** The proxy for a URL, or undefined to connect directly. */
export type ProxyFor = (url: URL) => URL | undefined;

const CONNECT_TIMEOUT_MS = 60_000;

export function proxyFromEnvironment(env: NodeJS.ProcessEnv): ProxyFor {
  const variable = (name: string): string | undefined => {
    const value = env[name.toUpperCase()] ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const https = parseProxy(variable('https_proxy'), 'HTTPS_PROXY');
  const plain = parseProxy(variable('http_proxy'), 'HTTP_PROXY');
  const bypass = (variable('no_proxy') ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  return (url) => {
    const proxy = url.protocol === 'https:' ? https : plain;
    if (proxy === undefined) return undefined;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isLoopbackHost(host)) return undefined;
    return bypass.some((entry) => bypassed(entry, host, url.port === '' ? defaultPort(url) : url.port)) ? undefined : proxy;
  };
}

function parseProxy(text: string | undefined, name: string): URL | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new ImageError('registry-unreachable', `${name} "${text.slice(0, 100)}" is not a proxy URL`);
  }
  if (url.protocol !== 'http:') throw new ImageError('registry-unreachable', `${name}: only http:// proxies are supported, not ${url.protocol}`);
  return url;
}

/** One NO_PROXY entry: `*`, a host or domain (`example.com` and `.example.com` cover its subdomains), an optional :port, an IP or IPv4 CIDR. */
function bypassed(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  if (entry.includes('/')) return inCidr(host, entry);
  const colon = entry.lastIndexOf(':');
  const [name, entryPort] = colon > 0 && !entry.slice(0, colon).includes(':') && /^\d+$/.test(entry.slice(colon + 1)) ? [entry.slice(0, colon), entry.slice(colon + 1)] : [entry, undefined];
  if (entryPort !== undefined && entryPort !== port) return false;
  const domain = name.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

function inCidr(host: string, cidr: string): boolean {
  const [base = '', bitsText = ''] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(host) !== 4 || isIP(base) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const value = (ip: string): number => ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const block = 2 ** (32 - bits);
  return Math.floor(value(host) / block) === Math.floor(value(base) / block);
}

function defaultPort(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}

export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** A socket to `target` through the proxy's CONNECT method, for TLS to run over. */
export function tunnel(proxy: URL, target: URL): Promise<Socket> {
  const authority = `${target.hostname}:${target.port === '' ? defaultPort(target) : target.port}`;
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: proxy.hostname, port: proxy.port === '' ? 80 : Number(proxy.port), method: 'CONNECT', path: authority,
      headers: { Host: authority, ...proxyAuthorization(proxy) }, timeout: CONNECT_TIMEOUT_MS,
    });
    request.on('connect', (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new ImageError('registry-unreachable', `proxy ${proxy.host} answered ${response.statusCode ?? 0} to CONNECT ${authority}${response.statusCode === 407 ? ' (it wants credentials: user:password@ in HTTPS_PROXY)' : ''}`));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => { reject(new ImageError('registry-unreachable', `proxy ${proxy.host}: ${error.message}`)); });
    request.end();
  });
}
