/**
 * HTTP proxies for registry requests, chosen from the environment as docker, skopeo and Trivy
 * choose them (Go's rules, src/lib/proxy-env.ts). A proxy URL without a scheme is http://; user:password in it is sent as
 * Proxy-Authorization. Without this, a registry behind a corporate proxy was unreachable.
 *
 * https targets go through a CONNECT tunnel (TLS is end to end: the proxy sees no content), http
 * targets are asked of the proxy in absolute form.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { goesDirect, proxyVariable } from '../../../lib/proxy-env.js';
import { ImageError } from '../problems.js';

/** The proxy for a URL, or undefined to connect directly. */
export type ProxyFor = (url: URL) => URL | undefined;

const CONNECT_TIMEOUT_MS = 60_000;

export function proxyFromEnvironment(env: NodeJS.ProcessEnv): ProxyFor {
  const https = parseProxy(proxyVariable(env, 'https:'), 'HTTPS_PROXY');
  const plain = parseProxy(proxyVariable(env, 'http:'), 'HTTP_PROXY');
  return (url) => {
    const proxy = url.protocol === 'https:' ? https : plain;
    return proxy === undefined || goesDirect(url, env) ? undefined : proxy;
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
