/** netpol-analyzer's `--focus-conn` value: `<protocol>-<port>`, e.g. `udp-52`, `TCP-8080`. */
import { isProtocol, type Protocol } from './connections.js';
import { NetpolError } from './errors.js';

export function parseFocusConn(text: string): { protocol: Protocol; port: number; label: string } {
  const parts = text.split('-');
  if (parts.length !== 2) throw new NetpolError(`invalid focus conn value: ${text}; must be <protocol-port> format`);
  const protocol = (parts[0] ?? '').toUpperCase();
  if (!isProtocol(protocol)) throw new NetpolError(`invalid focus conn value: ${text}; unknown protocol: ${parts[0] ?? ''}`);
  const portText = parts[1] ?? '';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new NetpolError(`invalid focus conn value: ${text}; invalid port number: ${portText}`);
  return { protocol, port, label: `${protocol} ${port}` };
}
