/**
 * Connection sets: for each transport protocol, the set of destination ports allowed. "All
 * connections" is every port of TCP, UDP and SCTP; the printed form follows netpol-analyzer
 * ("All Connections", "No Connections", "SCTP 1-65535,TCP 80,8080-8090").
 */
import { IntervalSet } from './intervals.js';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;
const ALL_PORTS = IntervalSet.of(MIN_PORT, MAX_PORT);

export function isProtocol(value: string): value is Protocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

export class ConnectionSet {
  private readonly ports: ReadonlyMap<Protocol, IntervalSet>;
  /** Printed form, computed once: large lists print the same few sets many times. */
  private text: string | undefined;

  private constructor(ports: ReadonlyMap<Protocol, IntervalSet>) {
    this.ports = ports;
  }

  private static readonly NONE = new ConnectionSet(new Map());
  private static readonly ALL = new ConnectionSet(new Map(PROTOCOLS.map((p) => [p, ALL_PORTS] as const)));

  static none(): ConnectionSet {
    return ConnectionSet.NONE;
  }

  static all(): ConnectionSet {
    return ConnectionSet.ALL;
  }

  /** One protocol with the given ports (clipped to the valid port range). */
  static of(protocol: Protocol, ports: IntervalSet): ConnectionSet {
    const clipped = ports.intersect(ALL_PORTS);
    return clipped.isEmpty() ? ConnectionSet.NONE : new ConnectionSet(new Map([[protocol, clipped]]));
  }

  portsOf(protocol: Protocol): IntervalSet {
    return this.ports.get(protocol) ?? IntervalSet.empty();
  }

  isEmpty(): boolean {
    return this.ports.size === 0;
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => this.portsOf(p).equals(ALL_PORTS));
  }

  union(other: ConnectionSet): ConnectionSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return this.combine(other, (a, b) => a.union(b));
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isEmpty()) return ConnectionSet.NONE;
    return this.combine(other, (a, b) => a.intersect(b));
  }

  subtract(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    return this.combine(other, (a, b) => a.subtract(b));
  }

  contains(protocol: Protocol, port: number): boolean {
    return this.portsOf(protocol).contains(port);
  }

  isSubsetOf(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => this.portsOf(p).isSubsetOf(other.portsOf(p)));
  }

  equals(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => this.portsOf(p).equals(other.portsOf(p)));
  }

  /** netpol-analyzer's text: protocols sorted by name, ranges "a-b", single ports "a". */
  toString(): string {
    this.text ??= this.render();
    return this.text;
  }

  private render(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    const parts = PROTOCOLS.filter((p) => !this.portsOf(p).isEmpty()).map(
      (p) => `${p} ${this.portsOf(p).intervals.map(([s, e]) => (s === e ? String(s) : `${s}-${e}`)).join(',')}`,
    );
    return parts.sort().join(',');
  }

  private combine(other: ConnectionSet, op: (a: IntervalSet, b: IntervalSet) => IntervalSet): ConnectionSet {
    const out = new Map<Protocol, IntervalSet>();
    for (const p of PROTOCOLS) {
      const ports = op(this.portsOf(p), other.portsOf(p));
      if (!ports.isEmpty()) out.set(p, ports);
    }
    return out.size === 0 ? ConnectionSet.NONE : new ConnectionSet(out);
  }
}
