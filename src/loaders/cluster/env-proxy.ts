/**
 * The proxy kubectl would use for a server when the kubeconfig names none (`proxy-url`): Go's
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY rules (golang.org/x/net/http/httpproxy). Node does not read
 * these variables, so without this a scan behind a corporate proxy cannot reach a cluster that
 * kubectl reaches.
 */
import { isIP } from 'node:net';

export function proxyFromEnvironment(server: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const https = server.protocol === 'https:';
  const proxy = (https ? env['HTTPS_PROXY'] ?? env['https_proxy'] : env['HTTP_PROXY'] ?? env['http_proxy'])?.trim();
  if (proxy === undefined || proxy === '') return undefined;
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Go never proxies requests to the local machine.
  if (host === 'localhost' || isLoopback(host)) return undefined;
  const port = server.port === '' ? (https ? '443' : '80') : server.port;
  const noProxy = (env['NO_PROXY'] ?? env['no_proxy'] ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  if (noProxy.some((entry) => bypasses(entry.toLowerCase(), host, port))) return undefined;
  // "proxy:3128" means http://proxy:3128, as in Go.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/** One NO_PROXY entry: "*", an IP, a CIDR, or a domain (with its subdomains; ".d" subdomains only), each with an optional port. */
function bypasses(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  if (entry.includes('/')) return inCidr(host, entry);
  const [name, entryPort] = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  if (isIP(name) !== 0 || isIP(host) !== 0) return name === host;
  if (name.startsWith('.')) return host.endsWith(name);
  return host === name || host.endsWith(`.${name}`);
}

function splitPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed !== null) return [bracketed[1] ?? '', bracketed[2]];
  const colon = entry.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address, not host:port.
  if (colon === -1 || entry.indexOf(':') !== colon) return [entry, undefined];
  return [entry.slice(0, colon), entry.slice(colon + 1)];
}

function isLoopback(host: string): boolean {
  return host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function inCidr(host: string, cidr: string): boolean {
  const [network = '', bitsText = ''] = cidr.split('/');
  const bits = Number(bitsText);
  const version = isIP(host);
  if (version === 0 || version !== isIP(network) || !Number.isInteger(bits)) return false;
  const a = addressBits(host);
  const b = addressBits(network);
  return a.slice(0, bits) === b.slice(0, bits);
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
