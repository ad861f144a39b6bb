/**
 * The registry's HTTP layer: plain node:http/https (a custom CA and plain HTTP need no extra
 * dependency), redirects followed with the Authorization header dropped when the host changes
 * (blob storage redirects must not receive registry credentials), and bodies read with a limit.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { ImageError } from '../problems.js';

export interface HttpOptions {
  readonly insecure: boolean;
  /** PEM file of extra CAs (a private registry's). */
  readonly caFile?: string;
}

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 60_000;

export function loadCa(caFile: string | undefined): Buffer | undefined {
  if (caFile === undefined) return undefined;
  try {
    return readFileSync(caFile);
  } catch {
    throw new ImageError('registry-unreachable', `cannot read the CA file ${caFile}`);
  }
}

export async function httpGet(url: string, headers: Record<string, string>, ca: Buffer | undefined): Promise<IncomingMessage> {
  let current = new URL(url);
  let sendHeaders = headers;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const response = await once(current, sendHeaders, ca);
    const location = response.headers.location;
    if (response.statusCode !== undefined && [301, 302, 303, 307, 308].includes(response.statusCode) && location !== undefined) {
      response.resume();
      const next = new URL(location, current);
      if (next.host !== current.host) {
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

function once(url: URL, headers: Record<string, string>, ca: Buffer | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const options = { headers: { 'User-Agent': 'palisade', ...headers }, timeout: TIMEOUT_MS };
    const request = url.protocol === 'http:'
      ? http.get(url, options, resolve)
      : https.get(url, { ...options, ...(ca === undefined ? {} : { ca }) }, resolve);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => {
      reject(new ImageError('registry-unreachable', `${url.origin}: ${error.message}`));
    });
  });
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

/** WWW-Authenticate: SCHEME key="value", key=value, ... */
export function parseChallenge(header: string): { scheme: string; params: Map<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  const params = new Map<string, string>();
  const pattern = /([A-Za-z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const match of (space === -1 ? '' : header.slice(space + 1)).matchAll(pattern)) {
    params.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return { scheme, params };
}
