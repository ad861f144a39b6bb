/**
 * NetworkPolicy objects read into the model, refusing what the API server would refuse (in
 * netpol-analyzer's words): invalid selectors and CIDRs, empty peers, ipBlock mixed with
 * selectors, endPort with a named port, port ranges outside 1-65535.
 */
import type { Resource } from '../../model/resource.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import { isProtocol, MAX_PORT, MIN_PORT, type Protocol } from './connections.js';
import { errorAt, type NetpolError } from './errors.js';
import { IntervalSet } from './intervals.js';
import { parseCidr, type CidrParse } from './ip-blocks.js';
import type { NetworkPolicy, PolicyRule, RulePeer, RulePort } from './model.js';
import { parseSelector, shapeOf } from './selectors.js';
import type { LabelSelector } from '../../lib/k8s/labels.js';

interface Ctx {
  readonly resource: Resource;
  readonly title: string;
}

function fail(ctx: Ctx, path: string, title: string, detail: string): NetpolError {
  return errorAt(ctx.resource, path, `${ctx.title} ${title}: ${detail}`);
}

/** `label` names the kind in messages: MultiNetworkPolicies share the NetworkPolicy spec. */
export function parseNetworkPolicy(resource: Resource, namespace: string, label = 'network policy [NP]'): NetworkPolicy {
  const ctx: Ctx = { resource, title: `${label} ${namespace}/${resource.name}` };
  const spec = asRecord(resource.object.spec) ?? {};
  const podSelector = selectorAt(ctx, spec.podSelector, '/spec/podSelector');
  const ingress = listAt(ctx, spec.ingress, '/spec/ingress').map((rule, i) => parseRule(ctx, rule, `/spec/ingress/${i}`, 'from'));
  const egress = listAt(ctx, spec.egress, '/spec/egress').map((rule, i) => parseRule(ctx, rule, `/spec/egress/${i}`, 'to'));
  const types = listAt(ctx, spec.policyTypes, '/spec/policyTypes').map((t, i) => policyType(ctx, t, `/spec/policyTypes/${i}`));
  // policyTypes defaults: Ingress always; Egress only when the policy has egress rules.
  const affectsIngress = types.length > 0 ? types.includes('Ingress') : true;
  const affectsEgress = types.length > 0 ? types.includes('Egress') : egress.length > 0;
  return { namespace, name: resource.name, podSelector: podSelector ?? {}, ingress, egress, affectsIngress, affectsEgress, resource };
}

/**
 * A field the API defines as a list. A mis-indented one (`ingress:` followed by `from:` without a
 * dash) is a map, which the API server refuses; read as empty it would deny or allow everything.
 */
function listAt(ctx: Ctx, raw: unknown, path: string): readonly unknown[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) return raw;
  throw fail(ctx, path, 'spec error', `${path.slice(path.lastIndexOf('/') + 1)} must be a list, not ${shapeOf(raw)}`);
}

/** A list item the API defines as a map (a rule, a peer, a port). */
function mapAt(ctx: Ctx, raw: unknown, path: string, what: string): Record<string, unknown> {
  const record = asRecord(raw);
  if (record === undefined) throw fail(ctx, path, 'spec error', `${what} must be a map, not ${shapeOf(raw)}`);
  return record;
}

/** The API server accepts only these two values; anything else (`ingress`) never reaches a cluster. */
function policyType(ctx: Ctx, raw: unknown, path: string): 'Ingress' | 'Egress' {
  if (raw === 'Ingress' || raw === 'Egress') return raw;
  throw fail(ctx, path, 'policyTypes error', `unsupported value ${JSON.stringify(raw)}: supported values are "Ingress", "Egress"`);
}

function selectorAt(ctx: Ctx, raw: unknown, path: string): LabelSelector | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = parseSelector(raw);
  if (!parsed.ok) throw fail(ctx, path, 'selector error', parsed.reason);
  return parsed.selector;
}

function parseRule(ctx: Ctx, raw: unknown, path: string, peersField: 'from' | 'to'): PolicyRule {
  const rule = mapAt(ctx, raw, path, 'a rule');
  const rawPeers = listAt(ctx, rule[peersField], `${path}/${peersField}`);
  const rawPorts = listAt(ctx, rule.ports, `${path}/ports`);
  const peers = rawPeers.map((peer, i) => parsePeer(ctx, peer, `${path}/${peersField}/${i}`));
  const ports = rawPorts.map((port, i) => parsePort(ctx, port, `${path}/ports/${i}`));
  return { peers: peers.length === 0 ? undefined : peers, ports: ports.length === 0 ? undefined : ports };
}

function parsePeer(ctx: Ctx, raw: unknown, path: string): RulePeer {
  const peer = mapAt(ctx, raw, path, 'a peer');
  const hasPods = peer.podSelector !== undefined && peer.podSelector !== null;
  const hasNamespaces = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  const ipBlock = peer.ipBlock === undefined || peer.ipBlock === null ? undefined : mapAt(ctx, peer.ipBlock, `${path}/ipBlock`, 'ipBlock');
  if (!hasPods && !hasNamespaces && ipBlock === undefined) throw fail(ctx, path, 'rule NetworkPolicyPeer error', 'cannot have empty rule peer');
  if (ipBlock !== undefined) {
    if (hasPods || hasNamespaces) throw fail(ctx, path, 'rule NetworkPolicyPeer error', 'cannot have both IPBlock and PodSelector/NamespaceSelector set');
    return parseIpBlock(ctx, ipBlock, `${path}/ipBlock`);
  }
  return {
    kind: 'pods',
    podSelector: selectorAt(ctx, peer.podSelector, `${path}/podSelector`),
    namespaceSelector: selectorAt(ctx, peer.namespaceSelector, `${path}/namespaceSelector`),
  };
}

function parseIpBlock(ctx: Ctx, ipBlock: Record<string, unknown>, path: string): RulePeer {
  const cidrText = asString(ipBlock.cidr) ?? '';
  const cidr = parseCidr(cidrText);
  if (cidr.kind === 'invalid') throw fail(ctx, `${path}/cidr`, 'CIDR error', `invalid CIDR address: ${cidrText}`);
  let block = cidr.kind === 'ipv4' ? cidr.block : IntervalSet.empty();
  listAt(ctx, ipBlock.except, `${path}/except`).forEach((item, i) => {
    const text = typeof item === 'string' ? item : String(item);
    const except = parseCidr(text);
    if (except.kind === 'invalid') throw fail(ctx, `${path}/except/${i}`, 'CIDR error', `invalid CIDR address: ${text}`);
    if (!strictSubset(cidr, except)) throw fail(ctx, `${path}/except/${i}`, 'CIDR error', `except ${text} must be a strict subset of cidr ${cidrText}`);
    if (except.kind === 'ipv4') block = block.subtract(except.block);
  });
  return { kind: 'ip', block, text: cidrText };
}

/**
 * The API server refuses an except that is not strictly inside the cidr (another family, a range
 * outside it, or the whole cidr). IPv6 is not modelled, so an IPv6 pair passes unchecked.
 */
function strictSubset(cidr: CidrParse, except: CidrParse): boolean {
  if (cidr.kind !== except.kind) return false;
  if (cidr.kind !== 'ipv4' || except.kind !== 'ipv4') return true;
  return except.block.isSubsetOf(cidr.block) && !except.block.equals(cidr.block);
}

/** Kubernetes IsValidPortName (an IANA service name): what a string port must be, or why not. */
function invalidPortName(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

function parsePort(ctx: Ctx, raw: unknown, path: string): RulePort {
  const port = mapAt(ctx, raw, path, 'a port');
  const protocolText = asString(port.protocol) ?? 'TCP';
  if (!isProtocol(protocolText)) throw fail(ctx, `${path}/protocol`, 'port error', `unsupported protocol "${protocolText}"; expected TCP, UDP or SCTP`);
  const protocol: Protocol = protocolText;
  const value = port.port;
  const endPort = port.endPort ?? undefined;
  if (endPort !== undefined && typeof endPort !== 'number') throw fail(ctx, `${path}/endPort`, 'port error', `endPort must be an integer, not ${JSON.stringify(endPort)}`);
  if (value === undefined || value === null) {
    if (endPort !== undefined) throw fail(ctx, `${path}/port`, 'port error', 'port must be specified when endPort is specified');
    return { kind: 'all', protocol };
  }
  if (typeof value === 'string') {
    if (endPort !== undefined) throw fail(ctx, `${path}/endPort`, 'named port error', 'endPort field cannot be defined if the port field is defined as a named (string) port');
    // A quoted number ("8080", common in Helm output) is a port name to the API server, which refuses it.
    const bad = invalidPortName(value);
    if (bad !== undefined) throw fail(ctx, `${path}/port`, 'named port error', `invalid port name ${JSON.stringify(value)}: ${bad}${/^\d+$/.test(value) ? ' (write the number unquoted)' : ''}`);
    return { kind: 'named', protocol, name: value };
  }
  const start = Number(value);
  const end = endPort ?? start;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < MIN_PORT || start > MAX_PORT || end < start || end > MAX_PORT) {
    throw fail(ctx, path, 'port error', `port range ${start}-${end} is illegal; start and end values of the port range should be in {${MIN_PORT}-${MAX_PORT}} and end may not be less than start`);
  }
  return { kind: 'range', protocol, start, end };
}
