/**
 * An OCI distribution API client for pulls: GET manifests and blobs, answering the registry's
 * 401 challenges (Basic with stored credentials, or the Bearer token flow: a token from the realm
 * for the repository's pull scope, asked with Basic credentials or, for an identity token, by the
 * OAuth2 refresh-token grant, as docker does). A later 401 (a token that expired during a long
 * pull) is answered again; a 401 right after answering is registry-denied.
 *
 * With `insecure`, as skopeo's --tls-verify=false and Trivy's --insecure: HTTPS without certificate
 * checks, and plain HTTP when the registry does not speak TLS at all. A registry on a loopback
 * address (localhost, 127.0.0.0/8, ::1: `docker run -p 5000:5000 registry`) may answer in plain
 * HTTP without the flag, as Docker's default insecure range and go-containerregistry allow; its
 * certificate, when it speaks TLS, is still checked.
 *
 * Requests go through the proxy HTTPS_PROXY / HTTP_PROXY name unless NO_PROXY excludes the host (proxy.ts).
 */
import type { IncomingMessage } from 'node:http';
import { hostOf, isLoopbackHost } from '../../../lib/host.js';
import { ImageError } from '../problems.js';
import type { Credentials } from './credentials.js';
import { proxyFromEnvironment } from './proxy.js';
import { type Challenge, httpGet, httpPostForm, NoTlsError, parseChallenges, readBody, retryAfterMs, type TlsOptions, withRetries } from './http.js';

export interface ClientOptions {
  readonly registry: string;
  readonly repository: string;
  readonly insecure: boolean;
  /** Trusted CAs (the system roots plus a private CA). */
  readonly ca?: readonly string[];
  /** Looked up at the first challenge only, so a public image needs no credential helper. */
  readonly credentials: () => Credentials | undefined;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read. */
  readonly env: NodeJS.ProcessEnv;
}

const TOKEN_CLIENT_ID = 'palisade';

export class RegistryClient {
  private authorization: string | undefined;
  private scheme: 'https' | 'http' | undefined;
  private credentials: { value: Credentials | undefined } | undefined;
  private readonly tls: TlsOptions;

  constructor(private readonly options: ClientOptions) {
    this.tls = { verify: !options.insecure, ...(options.ca === undefined ? {} : { ca: options.ca }), proxy: proxyFromEnvironment(options.env) };
    if (!options.insecure && !isLoopbackHost(hostOf(options.registry))) this.scheme = 'https';
  }

  /** GET /v2/REPO/PATH, authenticating on a 401. Non-2xx answers become coded errors. */
  async get(path: string, accept?: string, extra: Readonly<Record<string, string>> = {}): Promise<IncomingMessage> {
    let response = await withRetries(() => this.send(path, accept, extra));
    if (response.statusCode === 401) {
      // Each WWW-Authenticate header separately (Node joins repeated ones with commas), each of which
      // may hold several challenges; Bearer is preferred, as docker prefers it.
      const challenges = (response.headersDistinct['www-authenticate'] ?? []).flatMap(parseChallenges);
      response.resume();
      const challenge = challenges.find((c) => c.scheme === 'bearer') ?? challenges[0];
      if (challenge === undefined) throw new ImageError('registry-denied', `${this.url(path)}: 401 without a WWW-Authenticate challenge`);
      this.authorization = await this.answer(challenge);
      response = await withRetries(() => this.send(path, accept, extra));
    }
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    const url = this.url(path);
    const body = (await readBody(response, 64 * 1024, url).catch(() => Buffer.alloc(0))).toString('utf8').slice(0, 300);
    if (status === 401 || status === 403) {
      const who = this.credentials?.value === undefined ? 'anonymously' : 'with the stored credentials';
      // Docker Hub and others answer 401 for a repository that does not exist, so as not to reveal it.
      throw new ImageError('registry-denied', `${url}: ${status}, access to ${this.options.registry}/${this.options.repository} denied ${who} (or the repository does not exist) ${body}`.trim());
    }
    if (status === 404) throw new ImageError('image-not-found', `${url}: not found (404) ${body}`.trim());
    if (status === 429) throw new ImageError('registry-unreachable', `${url}: too many requests (429), the registry is rate-limiting pulls${retryLater(response.headers['retry-after'])}; Docker Hub allows logged-in users more pulls ${body}`.trim());
    throw new ImageError('registry-unreachable', `${url}: HTTP ${status} ${body}`.trim());
  }

  private url(path: string): string {
    return `${this.scheme ?? 'https'}://${this.options.registry}/v2/${this.options.repository}/${path}`;
  }

  /**
   * The first request of an --insecure or loopback client finds the scheme: HTTPS unless no TLS
   * answers (for a loopback registry without --insecure, only a reply that is not TLS at all).
   */
  private async send(path: string, accept: string | undefined, extra: Readonly<Record<string, string>>): Promise<IncomingMessage> {
    const headers = { ...extra, ...(accept === undefined ? {} : { Accept: accept }), ...(this.authorization === undefined ? {} : { Authorization: this.authorization }) };
    if (this.scheme !== undefined) return httpGet(this.url(path), headers, this.tls);
    try {
      const response = await httpGet(this.url(path), headers, this.tls);
      this.scheme = 'https';
      return response;
    } catch (error) {
      const plainHttp = this.options.insecure ? error instanceof ImageError && error.code === 'registry-unreachable' : error instanceof NoTlsError;
      if (!plainHttp) throw error;
      this.scheme = 'http';
      return httpGet(this.url(path), headers, this.tls);
    }
  }

  private stored(): Credentials | undefined {
    this.credentials ??= { value: this.options.credentials() };
    return this.credentials.value;
  }

  private async answer({ scheme, params }: Challenge): Promise<string> {
    const creds = this.stored();
    const basic = creds?.kind === 'basic' ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
    if (scheme === 'basic') {
      if (basic === undefined) {
        throw new ImageError('registry-denied', creds === undefined
          ? `${this.options.registry} requires a login and no credentials were found for it`
          : `${this.options.registry} asks for a user name and password, and only an identity token is stored for it`);
      }
      return basic;
    }
    if (scheme !== 'bearer') throw new ImageError('registry-denied', `${this.options.registry}: unsupported authentication scheme "${scheme}"`);
    const realm = params.get('realm');
    if (realm === undefined || realm === '') throw new ImageError('registry-denied', `${this.options.registry}: Bearer challenge without a realm`);
    if (!URL.canParse(realm)) throw new ImageError('registry-denied', `${this.options.registry}: the Bearer realm "${realm.slice(0, 200)}" is not a URL`);
    const service = params.get('service');
    const scope = params.get('scope') ?? `repository:${this.options.repository}:pull`;
    const response = creds?.kind === 'identity-token'
      ? await httpPostForm(realm, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.token, client_id: TOKEN_CLIENT_ID, scope, ...(service === undefined ? {} : { service }) }), this.tls)
      : await withRetries(() => httpGet(tokenUrl(realm, service, scope), basic === undefined ? {} : { Authorization: basic }, this.tls));
    const origin = new URL(realm).origin;
    const body = await readBody(response, 1024 * 1024, origin);
    const status = response.statusCode ?? 0;
    // An overloaded token service is no refusal: the credentials may be fine.
    if (status === 429 || status >= 500) throw new ImageError('registry-unreachable', `token service ${origin} answered ${status} for ${scope}; try again later`);
    if (status !== 200) throw new ImageError('registry-denied', `token service ${origin} answered ${status} for ${scope} ${creds === undefined ? 'anonymously' : 'with the stored credentials'}`);
    let token: unknown;
    try {
      const json = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      token = json.token ?? json.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') throw new ImageError('registry-denied', `token service ${origin} returned no token`);
    return `Bearer ${token}`;
  }
}

/** When a rate-limited registry says it takes requests again, as far as it says. */
function retryLater(header: string | undefined): string {
  const ms = retryAfterMs(header);
  return ms === undefined ? '' : ` (it asks to wait ${Math.ceil(ms / 1000)} s)`;
}

function tokenUrl(realm: string, service: string | undefined, scope: string): string {
  const url = new URL(realm);
  if (service !== undefined) url.searchParams.set('service', service);
  // Several scopes in a challenge are space-separated; the token API takes each as its own scope parameter.
  for (const one of scope.split(' ').filter((s) => s !== '')) url.searchParams.append('scope', one);
  return url.href;
}

