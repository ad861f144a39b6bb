/**
 * IPv4 address blocks as interval sets over 0..2^32-1: CIDR parsing (Go's net.ParseCIDR rules:
 * dotted quad, prefix 0-32, host bits allowed and masked), `except` subtraction, and the
 * partition of the address space into disjoint ranges that policies treat alike.
 */
import { IntervalSet } from './intervals.js';

export const MAX_IPV4 = 2 ** 32 - 1;
export const ALL_IPV4 = IntervalSet.of(0, MAX_IPV4);

export type CidrParse = { readonly kind: 'ipv4'; readonly block: IntervalSet } | { readonly kind: 'ipv6' } | { readonly kind: 'invalid' };

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/');
  if (slash < 0) return { kind: 'invalid' };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (address.includes(':')) return looksLikeIPv6(address) && /^\d{1,3}$/.test(prefixText) && Number(prefixText) <= 128 ? { kind: 'ipv6' } : { kind: 'invalid' };
  const base = parseIPv4(address);
  if (base === undefined || !/^\d{1,2}$/.test(prefixText)) return { kind: 'invalid' };
  const prefix = Number(prefixText);
  if (prefix > 32) return { kind: 'invalid' };
  const size = 2 ** (32 - prefix);
  const start = Math.floor(base / size) * size;
  return { kind: 'ipv4', block: IntervalSet.of(start, start + size - 1) };
}

/** A single address (for `eval --destination 1.2.3.4`) or a CIDR. */
export function parseAddressOrCidr(text: string): IntervalSet | undefined {
  const single = parseIPv4(text);
  if (single !== undefined) return IntervalSet.of(single, single);
  const cidr = parseCidr(text);
  return cidr.kind === 'ipv4' ? cidr.block : undefined;
}

function looksLikeIPv6(address: string): boolean {
  return /^[0-9a-fA-F:.]+$/.test(address) && address.split('::').length <= 2;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** "a.b.c.d-e.f.g.h" for each interval, comma separated, as netpol-analyzer prints ranges. */
export function formatRanges(block: IntervalSet): string {
  return block.intervals.map(([s, e]) => `${formatIPv4(s)}-${formatIPv4(e)}`).join(',');
}

/**
 * Cuts the whole IPv4 space at every edge of the given blocks: each resulting range lies wholly
 * inside or wholly outside every block, so one range stands for all its addresses.
 */
export function disjointRanges(blocks: readonly IntervalSet[]): IntervalSet[] {
  const cuts = new Set<number>([0, MAX_IPV4 + 1]);
  for (const block of blocks) {
    for (const [s, e] of block.intervals) {
      cuts.add(s);
      cuts.add(e + 1);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: IntervalSet[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) out.push(IntervalSet.of(sorted[i] as number, (sorted[i + 1] as number) - 1));
  return out;
}
