/**
 * Go's proxy rules from the environment (golang.org/x/net/http/httpproxy), which docker, skopeo,
 * kubectl and Trivy all follow and Node does not: HTTPS_PROXY for https URLs, HTTP_PROXY for http
 * ones (the first of the upper- and lower-case names that is not empty), none for the local
 * machine, none for a host NO_PROXY covers. The registry client and the cluster loader both ask
 * here, so a NO_PROXY that sends one direct sends the other direct too.
 */
import { isIP } from 'node:net';
import { isLoopbackHost } from './host.js';

/** The proxy variable for a URL scheme (`https:` or `http:`), trimmed; undefined when unset or empty. */
export function proxyVariable(env: NodeJS.ProcessEnv, protocol: string): string | undefined {
  const name = protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  return [env[name.toUpperCase()], env[name]].map((value) => value?.trim()).find((value) => value !== undefined && value !== '');
}

/** Whether a request to `url` goes direct: the local machine, or a NO_PROXY entry covers it. */
export function goesDirect(url: URL, env: NodeJS.ProcessEnv): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host)) return true;
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  const noProxy = [env['NO_PROXY'], env['no_proxy']].find((value) => value !== undefined && value.trim() !== '') ?? '';
  return noProxy.split(',').map((entry) => entry.trim().toLowerCase()).some((entry) => entry !== '' && covers(entry, host, port));
}

/** The proxy for `server` as written (a bare `host:port` is http://), or undefined to go direct. */
export function proxyFromEnvironment(server: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const proxy = proxyVariable(env, server.protocol);
  if (proxy === undefined || goesDirect(server, env)) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/**
 * One NO_PROXY entry: `*`; an IP or a CIDR (IPv4 or IPv6); a domain, which covers itself and its
 * subdomains, or with a leading `.` (or `*.`) its subdomains only; each with an optional port.
 */
function covers(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  if (entry.includes('/')) return inCidr(host, entry);
  const [name, entryPort] = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  if (isIP(name) !== 0 || isIP(host) !== 0) return name === host;
  const domain = name.startsWith('*.') ? name.slice(1) : name;
  if (domain.startsWith('.')) return host.endsWith(domain);
  return host === domain || host.endsWith(`.${domain}`);
}

function splitPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed !== null) return [bracketed[1] ?? '', bracketed[2]];
  const colon = entry.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address, not host:port.
  if (colon === -1 || entry.indexOf(':') !== colon) return [entry, undefined];
  return [entry.slice(0, colon), entry.slice(colon + 1)];
}

function inCidr(host: string, cidr: string): boolean {
  const [network = '', bitsText = ''] = cidr.split('/');
  const bits = Number(bitsText);
  const version = isIP(host);
  if (version === 0 || version !== isIP(network) || !Number.isInteger(bits) || bits < 0 || bits > (version === 4 ? 32 : 128)) return false;
  return addressBits(host).slice(0, bits) === addressBits(network).slice(0, bits);
}

/** The address as a string of 32 or 128 binary digits. */
function addressBits(address: string): string {
  if (isIP(address) === 4) return address.split('.').map((part) => Number(part).toString(2).padStart(8, '0')).join('');
  const [head = '', tail = ''] = address.split('::');
  const groups = (text: string): string[] => (text === '' ? [] : text.split(':'));
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...Array<string>(address.includes('::') ? missing : 0).fill('0'), ...groups(tail)];
  return all.map((group) => parseInt(group, 16).toString(2).padStart(16, '0')).join('');
}
