/**
 * An OCI distribution API client for pulls: GET manifests and blobs, answering the registry's
 * 401 challenge once per client (Basic with stored credentials, or the Bearer token flow: fetch a
 * token from the realm for the repository's pull scope, with Basic credentials when there are any).
 */
import type { IncomingMessage } from 'node:http';
import { ImageError } from '../problems.js';
import type { Credentials } from './credentials.js';
import { httpGet, parseChallenge, readBody } from './http.js';

export interface ClientOptions {
  readonly registry: string;
  readonly repository: string;
  readonly insecure: boolean;
  readonly ca?: Buffer;
  readonly credentials?: Credentials;
}

export class RegistryClient {
  private authorization: string | undefined;
  private readonly base: string;

  constructor(private readonly options: ClientOptions) {
    this.base = `${options.insecure ? 'http' : 'https'}://${options.registry}/v2/${options.repository}`;
  }

  /** GET /v2/REPO/PATH, authenticating on the first 401. Non-2xx answers become coded errors. */
  async get(path: string, accept?: string): Promise<IncomingMessage> {
    const url = `${this.base}/${path}`;
    let response = await httpGet(url, this.headers(accept), this.options.ca);
    if (response.statusCode === 401) {
      const challenge = response.headers['www-authenticate'];
      response.resume();
      if (challenge === undefined) throw new ImageError('registry-denied', `${url}: 401 without a WWW-Authenticate challenge`);
      this.authorization = await this.answer(challenge);
      response = await httpGet(url, this.headers(accept), this.options.ca);
    }
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    const body = (await readBody(response, 64 * 1024, url).catch(() => Buffer.alloc(0))).toString('utf8').slice(0, 300);
    if (status === 401 || status === 403) throw new ImageError('registry-denied', `${url}: ${status} ${body}`.trim());
    if (status === 404) throw new ImageError('image-not-found', `${url}: not found (404) ${body}`.trim());
    throw new ImageError('registry-unreachable', `${url}: HTTP ${status} ${body}`.trim());
  }

  private headers(accept: string | undefined): Record<string, string> {
    return { ...(accept === undefined ? {} : { Accept: accept }), ...(this.authorization === undefined ? {} : { Authorization: this.authorization }) };
  }

  private async answer(header: string): Promise<string> {
    const { scheme, params } = parseChallenge(header);
    const creds = this.options.credentials;
    const basic = creds === undefined ? undefined : `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    if (scheme === 'basic') {
      if (basic === undefined) throw new ImageError('registry-denied', `${this.options.registry} requires a login and no credentials were found for it`);
      return basic;
    }
    if (scheme !== 'bearer') throw new ImageError('registry-denied', `${this.options.registry}: unsupported authentication scheme "${scheme}"`);
    const realm = params.get('realm');
    if (realm === undefined || realm === '') throw new ImageError('registry-denied', `${this.options.registry}: Bearer challenge without a realm`);
    const tokenUrl = new URL(realm);
    const service = params.get('service');
    if (service !== undefined) tokenUrl.searchParams.set('service', service);
    tokenUrl.searchParams.set('scope', params.get('scope') ?? `repository:${this.options.repository}:pull`);
    const response = await httpGet(tokenUrl.href, basic === undefined ? {} : { Authorization: basic }, this.options.ca);
    const body = await readBody(response, 1024 * 1024, tokenUrl.origin);
    if (response.statusCode !== 200) throw new ImageError('registry-denied', `token service ${tokenUrl.origin} answered ${response.statusCode ?? 0}`);
    let token: unknown;
    try {
      const json = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      token = json.token ?? json.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') throw new ImageError('registry-denied', `token service ${tokenUrl.origin} returned no token`);
    return `Bearer ${token}`;
  }
}
