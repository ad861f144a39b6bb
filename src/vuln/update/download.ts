/**
 * HTTP(S) download to a file with progress, a size bound and a running sha256. Redirects are
 * followed (at most 5, never from https to http); anything but 200 is a failure.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { PalisadeError } from '../../core/errors.js';
import { vulnProblem } from '../problems.js';

export interface DownloadProgress {
  readonly received: number;
  /** From Content-Length; undefined when the server does not say. */
  readonly total?: number;
}

export interface DownloadOptions {
  readonly maxBytes: number;
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly timeoutMs?: number;
}

const MAX_REDIRECTS = 5;

/** Streams `url` into `file`; resolves with the sha256 (hex) of what was written. */
export async function downloadToFile(url: string, file: string, options: DownloadOptions): Promise<string> {
  let response: http.IncomingMessage;
  try {
    response = await get(url, options.timeoutMs ?? 60_000);
  } catch (error) {
    if (error instanceof NotFound) fail(url, 'the server answered HTTP 404');
    throw error;
  }
  const total = Number(response.headers['content-length']);
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  let received = 0;
  try {
    for await (const chunk of response) {
      const buffer = chunk as Buffer;
      received += buffer.length;
      if (received > options.maxBytes) fail(url, `the download exceeds ${options.maxBytes} bytes`);
      hash.update(buffer);
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => { resolve(); }));
      options.onProgress?.({ received, ...(Number.isFinite(total) ? { total } : {}) });
    }
  } catch (error) {
    response.destroy();
    if (error instanceof PalisadeError) throw error;
    fail(url, `the connection broke: ${message(error)}`);
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  if (Number.isFinite(total) && received !== total) fail(url, `received ${received} of ${total} bytes`);
  return hash.digest('hex');
}

/** A small text resource (a .sha256 file); undefined on 404. */
export async function fetchText(url: string, maxBytes: number, timeoutMs = 30_000): Promise<string | undefined> {
  let response: http.IncomingMessage;
  try {
    response = await get(url, timeoutMs);
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      fail(url, `more than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class NotFound extends Error {}

function get(url: string, timeoutMs: number, redirects = 0): Promise<http.IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new PalisadeError(vulnProblem('download-failed', `${url} is not a URL`)));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new PalisadeError(vulnProblem('download-failed', `${url}: only http and https URLs can be downloaded`)));
  }
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(parsed, { timeout: timeoutMs, headers: { 'user-agent': 'palisade-security' } }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume();
        const next = new URL(location, parsed);
        if (redirects >= MAX_REDIRECTS) reject(problemError(url, 'too many redirects'));
        else if (parsed.protocol === 'https:' && next.protocol !== 'https:') reject(problemError(url, `refusing a redirect from https to ${next.protocol}`));
        else get(next.toString(), timeoutMs, redirects + 1).then(resolve, reject);
        return;
      }
      if (status === 404) {
        response.resume();
        reject(new NotFound(url));
        return;
      }
      if (status !== 200) {
        response.resume();
        reject(problemError(url, `the server answered HTTP ${status}`));
        return;
      }
      resolve(response);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => {
      reject(problemError(url, message(error)));
    });
  });
}

function problemError(url: string, reason: string): PalisadeError {
  return new PalisadeError(vulnProblem('download-failed', `cannot download ${url}: ${reason}`));
}

function fail(url: string, reason: string): never {
  throw problemError(url, reason);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
