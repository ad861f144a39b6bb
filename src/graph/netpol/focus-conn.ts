/** netpol-analyzer's `--focus-conn` value: `<protocol>-<port>`, e.g. `udp-52`, `TCP-8080`. */
import { isProtocol, type Protocol } from './connections.js';
import { NetpolError } from './errors.js';

/** The value is a flag's, not an object's: the hint says how to write it. */
const HINT = 'Write --focus-conn as PROTOCOL-PORT: TCP, UDP or SCTP and a port in 1-65535, e.g. tcp-8080 or udp-53.';

export function parseFocusConn(text: string): { protocol: Protocol; port: number; label: string } {
  const parts = text.split('-');
  if (parts.length !== 2) throw new NetpolError(`invalid focus conn value: ${text}; must be <protocol-port> format`, undefined, HINT);
  const protocol = (parts[0] ?? '').toUpperCase();
  if (!isProtocol(protocol)) throw new NetpolError(`invalid focus conn value: ${text}; unknown protocol: ${parts[0] ?? ''}`, undefined, HINT);
  const portText = parts[1] ?? '';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new NetpolError(`invalid focus conn value: ${text}; invalid port number: ${portText}`, undefined, HINT);
  return { protocol, port, label: `${protocol} ${port}` };
}
