/**
 * CiliumNetworkPolicy (cilium.io/v2, namespaced) and CiliumClusterwideNetworkPolicy read into the
 * NetworkPolicy model for their L3/L4 subset, following Cilium's policy language:
 *  - each rule of `spec`/`specs` selects endpoints with `endpointSelector` (a namespaced policy
 *    only in its namespace; a clusterwide one in every namespace its selector allows);
 *  - a rule with an `ingress`/`ingressDeny` (`egress`/`egressDeny`) section puts the endpoints it
 *    selects in default deny for that direction, unless `enableDefaultDeny` says otherwise;
 *  - a rule allows its L3 peers (fromEndpoints/toEndpoints, fromCIDR/toCIDR, CIDR sets with
 *    `except`, entities) on its `toPorts`; L4 alone means any peer; a rule naming neither
 *    allows nothing;
 *  - deny rules win over every allow, of any policy kind.
 * `fromEndpoints` in a namespaced policy stays in its namespace unless it names one. Entities:
 * `world` is every external address, `cluster` every pod, `all` both; `toServices` the pods
 * behind the Services' selectors. host, remote-node, kube-apiserver and the like are not pods
 * of the input and are noted as not modelled, as are L7 rules (their port is allowed: L7 only
 * narrows what an allowed port carries), FQDN, node and group peers, and ICMP.
 */
import type { LabelSelector, Labels } from '../../../lib/k8s/labels.js';
import { asArray, asRecord, asString, asStringMap } from '../../../lib/k8s/values.js';
import type { Resource } from '../../../model/resource.js';
import { MAX_PORT, MIN_PORT, PROTOCOLS, type Protocol } from '../connections.js';
import { errorAt, type NetpolError } from '../errors.js';
import { IntervalSet } from '../intervals.js';
import { ALL_IPV4, parseCidr } from '../ip-blocks.js';
import type { NetworkPolicy, PolicyRule, RulePeer, RulePort } from '../model.js';
import { NAMESPACE_NAME_LABEL } from '../namespaces.js';
import { matches, parseSelector } from '../selectors.js';
import { parseCiliumSelector } from './selectors.js';

export const CNP_KIND = 'CiliumNetworkPolicy';
export const CCNP_KIND = 'CiliumClusterwideNetworkPolicy';

/** Most notes kept: a hostile input cannot grow the report without bound. */
const MAX_NOTES = 200;

export interface CiliumPolicies {
  readonly policies: NetworkPolicy[];
  readonly notes: string[];
}

interface Ctx {
  readonly resource: Resource;
  /** The input's Services (with a selector), for `toServices` peers. */
  readonly services: readonly ServiceInfo[];
  /** "CiliumNetworkPolicy shop/allow-web" */
  readonly title: string;
  /** The policy's namespace; undefined for a clusterwide policy. */
  readonly namespace: string | undefined;
  readonly notes: Set<string>;
}

function fail(ctx: Ctx, path: string, detail: string): NetpolError {
  return errorAt(ctx.resource, path, `${ctx.title}: ${detail}`);
}

function note(ctx: Ctx, text: string): void {
  if (ctx.notes.size < MAX_NOTES) ctx.notes.add(`${ctx.title}: ${text}`);
}

export function isCiliumPolicy(r: Resource): boolean {
  return (r.kind === CNP_KIND || r.kind === CCNP_KIND) && r.apiVersion.startsWith('cilium.io/');
}

interface ServiceInfo {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** Undefined: a Service without selector (its endpoints are addresses, not pods). */
  readonly selector: Record<string, string> | undefined;
}

function servicesOf(resources: readonly Resource[]): ServiceInfo[] {
  return resources
    .filter((r) => r.kind === 'Service' && r.apiVersion === 'v1')
    .map((r) => {
      const selector = asStringMap(asRecord(r.object.spec)?.selector);
      return {
        namespace: r.namespace === undefined || r.namespace === '' ? 'default' : r.namespace,
        name: r.name,
        labels: asStringMap(asRecord(r.object.metadata)?.labels),
        selector: Object.keys(selector).length === 0 ? undefined : selector,
      };
    });
}

export function readCiliumPolicies(resources: readonly Resource[]): CiliumPolicies {
  const notes = new Set<string>();
  const services = resources.some(isCiliumPolicy) ? servicesOf(resources) : [];
  const policies: NetworkPolicy[] = [];
  const seen = new Set<string>();
  for (const r of resources) {
    if (!isCiliumPolicy(r)) continue;
    const clusterwide = r.kind === CCNP_KIND;
    const namespace = clusterwide ? undefined : r.namespace === undefined || r.namespace === '' ? 'default' : r.namespace;
    const id = namespace === undefined ? r.name : `${namespace}/${r.name}`;
    const ctx: Ctx = { resource: r, services, title: `${r.kind} ${id}`, namespace, notes };
    if (seen.has(`${r.kind}/${id}`)) throw fail(ctx, '/metadata/name', 'already exists. Only one object of a given kind can have a given name at a time.');
    seen.add(`${r.kind}/${id}`);
    const spec = asRecord(r.object.spec);
    const specs = asArray(r.object.specs);
    if (spec === undefined && specs.length === 0) throw fail(ctx, '', 'has neither spec nor specs: an empty policy is refused');
    const rules: [Record<string, unknown>, string][] = [];
    if (spec !== undefined) rules.push([spec, '/spec']);
    specs.forEach((s, i) => rules.push([asRecord(s) ?? {}, `/specs/${i}`]));
    rules.forEach(([rule, path], i) => {
      const policy = readRule(ctx, rule, path, rules.length === 1 ? r.name : `${r.name}[${i}]`);
      if (policy !== undefined) policies.push(policy);
    });
  }
  return { policies, notes: [...notes] };
}

function readRule(ctx: Ctx, rule: Record<string, unknown>, path: string, name: string): NetworkPolicy | undefined {
  const hasEndpoints = rule.endpointSelector !== undefined && rule.endpointSelector !== null;
  const hasNodes = rule.nodeSelector !== undefined && rule.nodeSelector !== null;
  if (hasEndpoints === hasNodes) throw fail(ctx, path, 'a rule needs exactly one of endpointSelector and nodeSelector');
  if (hasNodes) {
    note(ctx, 'host policies (nodeSelector) are not modelled');
    return undefined;
  }
  const parsed = parseCiliumSelector(rule.endpointSelector);
  if (!parsed.ok) throw fail(ctx, `${path}/endpointSelector`, `endpointSelector error: ${parsed.reason}`);
  if (parsed.selector.unmodelled !== undefined) {
    note(ctx, `the rule selects endpoints by ${parsed.selector.unmodelled}, which is not modelled; it is left out`);
    return undefined;
  }
  const section = (key: string, dir: 'from' | 'to', deny: boolean): PolicyRule[] => asArray(rule[key]).map((r, i) => readPeerRule(ctx, asRecord(r) ?? {}, `${path}/${key}/${i}`, dir, deny));
  const ingress = section('ingress', 'from', false);
  const ingressDeny = section('ingressDeny', 'from', true);
  const egress = section('egress', 'to', false);
  const egressDeny = section('egressDeny', 'to', true);
  const defaultDeny = asRecord(rule.enableDefaultDeny) ?? {};
  const contributesIngress = ingress.length + ingressDeny.length > 0;
  const contributesEgress = egress.length + egressDeny.length > 0;
  const own = ctx.namespace;
  return {
    namespace: own ?? '',
    name,
    podSelector: parsed.selector.podSelector,
    ...subjectNamespaces(own, parsed.selector.namespaceSelector),
    ingress,
    egress,
    ingressDeny,
    egressDeny,
    // Cilium's default: a direction with rules denies what they do not allow.
    affectsIngress: contributesIngress && defaultDeny.ingress !== false,
    affectsEgress: contributesEgress && defaultDeny.egress !== false,
    contributesIngress,
    contributesEgress,
    resource: ctx.resource,
    origin: 'cilium',
  };
}

/** A namespaced policy selects only in its namespace (and only if its own selector allows it); a clusterwide one wherever its selector allows. */
function subjectNamespaces(own: string | undefined, named: LabelSelector | undefined): { subjectNamespaces?: LabelSelector } {
  if (own === undefined) return { subjectNamespaces: named ?? {} };
  if (named === undefined) return {};
  return { subjectNamespaces: { matchLabels: { ...named.matchLabels }, matchExpressions: [...(named.matchExpressions ?? []), { key: NAMESPACE_NAME_LABEL, operator: 'In', values: [own] }] } };
}

const L3_FIELDS = {
  from: ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromGroups', 'fromNodes'],
  to: ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toGroups', 'toNodes', 'toFQDNs', 'toServices'],
} as const;

function readPeerRule(ctx: Ctx, rule: Record<string, unknown>, path: string, dir: 'from' | 'to', deny: boolean): PolicyRule {
  const present = L3_FIELDS[dir].filter((f) => asArray(rule[f]).length > 0);
  const peers: RulePeer[] = [];
  for (const field of present) {
    const items = asArray(rule[field]);
    const at = (i: number): string => `${path}/${field}/${i}`;
    if (field === 'fromEndpoints' || field === 'toEndpoints') items.forEach((item, i) => peers.push(...endpointPeer(ctx, item, at(i))));
    else if (field === 'fromCIDR' || field === 'toCIDR') items.forEach((item, i) => peers.push(cidrPeer(ctx, item, [], at(i))));
    else if (field === 'fromCIDRSet' || field === 'toCIDRSet') items.forEach((item, i) => peers.push(...cidrSetPeer(ctx, asRecord(item) ?? {}, at(i))));
    else if (field === 'fromEntities' || field === 'toEntities') items.forEach((item) => peers.push(...entityPeers(ctx, String(item))));
    else if (field === 'toServices') items.forEach((item, i) => peers.push(...servicePeers(ctx, asRecord(item) ?? {}, at(i))));
    else note(ctx, `${field} peers are not modelled; the rule matches none of them`);
  }
  if (asArray(rule[`${dir}Requires`]).length > 0) note(ctx, `${dir}Requires is not modelled (deprecated in Cilium 1.17)`);
  const toPorts = asArray(rule.toPorts);
  const icmps = asArray(rule.icmps);
  if (icmps.length > 0) note(ctx, 'ICMP rules are not modelled (the analysis covers TCP, UDP and SCTP)');
  const ports = toPorts.length > 0 ? toPorts.flatMap((p, i) => readPortRule(ctx, asRecord(p) ?? {}, `${path}/toPorts/${i}`, deny)) : icmps.length > 0 ? [] : undefined;
  // No L3 peer: a rule with ports is open to every peer on them; a rule with neither selects nothing.
  if (present.length === 0) return { peers: ports === undefined ? [] : undefined, ports };
  return { peers, ports };
}

function endpointPeer(ctx: Ctx, raw: unknown, path: string): RulePeer[] {
  const parsed = parseCiliumSelector(raw);
  if (!parsed.ok) throw fail(ctx, path, `selector error: ${parsed.reason}`);
  if (parsed.selector.unmodelled !== undefined) {
    note(ctx, `a peer selects endpoints by ${parsed.selector.unmodelled}, which is not modelled; it matches no pod`);
    return [];
  }
  // Without a namespace requirement a namespaced policy's peers are in its own namespace, a clusterwide policy's anywhere.
  const namespaceSelector = parsed.selector.namespaceSelector ?? (ctx.namespace === undefined ? {} : undefined);
  return [{ kind: 'pods', podSelector: parsed.selector.podSelector, namespaceSelector }];
}

/**
 * `toServices`: the pods behind the named Services, through each Service's own selector (as
 * Cilium turns it into an endpoint selector). A Service without selector routes to addresses the
 * input does not hold.
 */
function servicePeers(ctx: Ctx, item: Record<string, unknown>, path: string): RulePeer[] {
  const byName = asRecord(item.k8sService);
  const bySelector = asRecord(item.k8sServiceSelector);
  let chosen: ServiceInfo[];
  if (byName !== undefined) {
    const namespace = asString(byName.namespace) ?? ctx.namespace ?? 'default';
    const name = asString(byName.serviceName) ?? '';
    chosen = ctx.services.filter((s) => s.namespace === namespace && s.name === name);
    if (chosen.length === 0) note(ctx, `toServices names Service ${namespace}/${name}, which is not in the input; it matches nothing`);
  } else if (bySelector !== undefined) {
    const parsed = parseSelector(asRecord(bySelector.selector) ?? {});
    if (!parsed.ok) throw fail(ctx, `${path}/k8sServiceSelector/selector`, `selector error: ${parsed.reason}`);
    const namespace = asString(bySelector.namespace) ?? ctx.namespace;
    chosen = ctx.services.filter((s) => (namespace === undefined || s.namespace === namespace) && matches(parsed.selector, s.labels));
  } else return [];
  const out: RulePeer[] = [];
  for (const service of chosen) {
    if (service.selector === undefined) note(ctx, `Service ${service.namespace}/${service.name} has no selector; its endpoints are not modelled`);
    else out.push({ kind: 'pods', podSelector: { matchLabels: service.selector }, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: service.namespace } } });
  }
  return out;
}

function cidrPeer(ctx: Ctx, raw: unknown, except: readonly unknown[], path: string): RulePeer {
  const text = typeof raw === 'string' ? raw : String(raw);
  const cidr = parseCidr(text.includes('/') ? text : `${text}/32`);
  if (cidr.kind === 'invalid') throw fail(ctx, path, `invalid CIDR address: ${text}`);
  let block = cidr.kind === 'ipv4' ? cidr.block : IntervalSet.empty();
  except.forEach((item, i) => {
    const e = typeof item === 'string' ? item : String(item);
    const parsed = parseCidr(e);
    if (parsed.kind === 'invalid') throw fail(ctx, `${path}/except/${i}`, `invalid CIDR address: ${e}`);
    if (parsed.kind === 'ipv4') block = block.subtract(parsed.block);
  });
  return { kind: 'ip', block, text };
}

function cidrSetPeer(ctx: Ctx, set: Record<string, unknown>, path: string): RulePeer[] {
  if (set.cidr === undefined) {
    note(ctx, 'CIDR groups and selectors (cidrGroupRef, cidrGroupSelector) are not modelled; they match no address');
    return [];
  }
  return [cidrPeer(ctx, set.cidr, asArray(set.except), `${path}/cidr`)];
}

function entityPeers(ctx: Ctx, entity: string): RulePeer[] {
  const everyPod: RulePeer = { kind: 'pods', podSelector: undefined, namespaceSelector: {} };
  const world: RulePeer = { kind: 'ip', block: ALL_IPV4, text: '0.0.0.0/0' };
  switch (entity) {
    case 'world':
    case 'world-ipv4':
      return [world];
    case 'cluster':
      note(ctx, 'the cluster entity is modelled as every pod (nodes and host-network endpoints are not in the analysis)');
      return [everyPod];
    case 'all':
      return [everyPod, world];
    case 'world-ipv6':
      return [];
    default:
      note(ctx, `the ${entity} entity is not modelled; it matches no workload or address of the analysis`);
      return [];
  }
}

function readPortRule(ctx: Ctx, rule: Record<string, unknown>, path: string, deny: boolean): RulePort[] {
  const l7 = Object.keys(asRecord(rule.rules) ?? {});
  if (!deny && l7.length > 0) note(ctx, `L7 rules (${l7.sort().join(', ')}) are not modelled; their ports are analysed as allowed`);
  const ports = asArray(rule.ports);
  if (ports.length === 0) return PROTOCOLS.map((protocol) => ({ kind: 'all', protocol }));
  return ports.flatMap((p, i) => readPort(ctx, asRecord(p) ?? {}, `${path}/ports/${i}`));
}

function readPort(ctx: Ctx, port: Record<string, unknown>, path: string): RulePort[] {
  const protocolText = (asString(port.protocol) ?? 'ANY').toUpperCase();
  if (protocolText !== 'ANY' && !(PROTOCOLS as readonly string[]).includes(protocolText)) throw fail(ctx, `${path}/protocol`, `unsupported protocol "${protocolText}"; expected TCP, UDP, SCTP or ANY`);
  const protocols: readonly Protocol[] = protocolText === 'ANY' ? PROTOCOLS : [protocolText as Protocol];
  const value = typeof port.port === 'number' ? String(port.port) : typeof port.port === 'string' ? port.port.trim() : '';
  if (value === '' || value === '0') return protocols.map((protocol) => ({ kind: 'all', protocol }));
  if (!/^\d+$/.test(value)) return protocols.map((protocol) => ({ kind: 'named', protocol, name: value }));
  const start = Number(value);
  const end = typeof port.endPort === 'number' && port.endPort !== 0 ? port.endPort : start;
  if (start < MIN_PORT || start > MAX_PORT || end < start || end > MAX_PORT) throw fail(ctx, path, `port range ${start}-${end} is illegal; ports are 1-65535 and endPort may not be less than port`);
  return protocols.map((protocol) => ({ kind: 'range', protocol, start, end }));
}
