/**
 * AdminNetworkPolicy / BaselineAdminNetworkPolicy objects read into the model, refusing what the
 * API (and netpol-analyzer) refuse: subjects and peers with other than exactly one field, rules
 * without peers, ports with other than exactly one field, unknown actions (Pass in a baseline),
 * priorities outside 0-1000 or shared, duplicate names, more than one baseline or one not named
 * `default`. Peers the analysis cannot place (nodes, IPv6 networks) match nothing.
 */
import type { Resource } from '../../model/resource.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { LabelSelector } from '../../lib/k8s/labels.js';
import type { AdminAction, AdminPeer, AdminPodsPeer, AdminPolicy, AdminPort, AdminRule } from './admin-model.js';
import { isProtocol, type Protocol } from './connections.js';
import { errorAt, type NetpolError } from './errors.js';
import { IntervalSet } from './intervals.js';
import { parseCidr } from './ip-blocks.js';
import { parseSelector } from './selectors.js';

const ADMIN_KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);
const PRIORITY_MIN = 0;
const PRIORITY_MAX = 1000;

interface Ctx {
  readonly resource: Resource;
  readonly baseline: boolean;
}

function label(ctx: Ctx): string {
  return `${ctx.baseline ? 'baseline admin network policy' : 'admin network policy'} "${ctx.resource.name}"`;
}

function fail(ctx: Ctx, path: string, message: string, rule?: string): NetpolError {
  return errorAt(ctx.resource, path, `${label(ctx)}: ${rule === undefined ? '' : `Error in rule "${rule}": `}${message}`);
}

/** Every admin policy of the input, ANPs sorted by priority (lower value first: it takes precedence). */
export function readAdminPolicies(resources: readonly Resource[]): { admin: AdminPolicy[]; baseline: AdminPolicy | undefined } {
  const admin: AdminPolicy[] = [];
  let baseline: AdminPolicy | undefined;
  const names = new Set<string>();
  for (const r of resources) {
    if (!ADMIN_KINDS.has(r.kind) || !r.apiVersion.startsWith('policy.networking.k8s.io/')) continue;
    const isBaseline = r.kind === 'BaselineAdminNetworkPolicy';
    const ctx: Ctx = { resource: r, baseline: isBaseline };
    if (isBaseline) {
      if (baseline !== undefined) throw errorAt(r, '/metadata/name', 'only one baseline admin network policy may be provided in input resources; one already exists');
      if (r.name !== 'default') throw errorAt(r, '/metadata/name', 'only one baseline admin network policy with metadata.name=default can be created in the cluster');
      baseline = parseAdmin(ctx);
      continue;
    }
    if (names.has(r.name)) throw errorAt(r, '/metadata/name', `an AdminNetworkPolicy with name "${r.name}" is already found. Only one object of a given kind can have a given name at a time.`);
    names.add(r.name);
    admin.push(parseAdmin(ctx));
  }
  const byPriority = new Map<number, AdminPolicy>();
  for (const policy of admin) {
    const other = byPriority.get(policy.priority);
    if (other !== undefined) {
      throw errorAt(
        policy.resource,
        '/spec/priority',
        `Admin Network Policies: ${other.name} and ${policy.name} have same priority;Two policies are considered to be conflicting if they are assigned the same priority.`,
      );
    }
    byPriority.set(policy.priority, policy);
  }
  admin.sort((a, b) => a.priority - b.priority);
  return { admin, baseline };
}

function parseAdmin(ctx: Ctx): AdminPolicy {
  const spec = asRecord(ctx.resource.object.spec) ?? {};
  const priority = ctx.baseline ? 0 : typeof spec.priority === 'number' ? spec.priority : 0;
  if (!ctx.baseline && (!Number.isInteger(priority) || priority < PRIORITY_MIN || priority > PRIORITY_MAX)) {
    throw errorAt(ctx.resource, '/spec/priority', `Invalid Priority Value: ${priority} in Admin Network Policy: "${ctx.resource.name}"; Priority value must be between ${PRIORITY_MIN}-${PRIORITY_MAX}`);
  }
  return {
    name: ctx.resource.name,
    baseline: ctx.baseline,
    priority,
    subject: parseSubject(ctx, spec.subject),
    ingress: asArray(spec.ingress).map((rule, i) => parseRule(ctx, rule, `/spec/ingress/${i}`, 'from')),
    egress: asArray(spec.egress).map((rule, i) => parseRule(ctx, rule, `/spec/egress/${i}`, 'to')),
    resource: ctx.resource,
  };
}

function selector(ctx: Ctx, raw: unknown, path: string, rule?: string): LabelSelector {
  const parsed = parseSelector(raw ?? {});
  if (!parsed.ok) throw fail(ctx, path, `selector error: ${parsed.reason}`, rule);
  return parsed.selector;
}

function podsPeer(ctx: Ctx, raw: Record<string, unknown>, path: string, rule?: string): AdminPodsPeer {
  return {
    kind: 'pods',
    namespaceSelector: selector(ctx, raw.namespaceSelector, `${path}/namespaceSelector`, rule),
    podSelector: selector(ctx, raw.podSelector, `${path}/podSelector`, rule),
  };
}

function present(record: Record<string, unknown>, field: string): boolean {
  return record[field] !== undefined && record[field] !== null;
}

function parseSubject(ctx: Ctx, raw: unknown): AdminPodsPeer {
  const subject = asRecord(raw) ?? {};
  const fields = ['namespaces', 'pods'].filter((f) => present(subject, f));
  if (fields.length !== 1) throw fail(ctx, '/spec/subject', 'exactly one field must be set in a subject');
  if (fields[0] === 'namespaces') return { kind: 'pods', namespaceSelector: selector(ctx, subject.namespaces, '/spec/subject/namespaces'), podSelector: undefined };
  return podsPeer(ctx, asRecord(subject.pods) ?? {}, '/spec/subject/pods');
}

function parseAction(ctx: Ctx, raw: unknown, path: string, rule: string): AdminAction {
  const action = asString(raw);
  if (action === 'Allow' || action === 'Deny' || (action === 'Pass' && !ctx.baseline)) return action;
  throw fail(ctx, path, 'unrecognized action', rule);
}

function parseRule(ctx: Ctx, raw: unknown, path: string, peersField: 'from' | 'to'): AdminRule {
  const rule = asRecord(raw) ?? {};
  const name = asString(rule.name) ?? '';
  const action = parseAction(ctx, rule.action, `${path}/action`, name);
  const rawPeers = asArray(rule[peersField]);
  if (rawPeers.length === 0) throw fail(ctx, path, `${peersField} field must be defined and contain at least one item`, name);
  const peers = rawPeers.map((peer, i) => parsePeer(ctx, asRecord(peer) ?? {}, `${path}/${peersField}/${i}`, name, peersField === 'to'));
  const ports = rule.ports === undefined || rule.ports === null ? undefined : asArray(rule.ports).map((port, i) => parsePort(ctx, asRecord(port) ?? {}, `${path}/ports/${i}`, name));
  return { name, action, peers, ports };
}

function parsePeer(ctx: Ctx, peer: Record<string, unknown>, path: string, rule: string, egress: boolean): AdminPeer {
  const allowed = egress ? ['namespaces', 'pods', 'networks', 'nodes'] : ['namespaces', 'pods'];
  const fields = allowed.filter((f) => present(peer, f));
  if (fields.length !== 1) throw fail(ctx, path, 'exactly one field must be set in a rule peer', rule);
  switch (fields[0]) {
    case 'namespaces':
      return { kind: 'pods', namespaceSelector: selector(ctx, peer.namespaces, `${path}/namespaces`, rule), podSelector: undefined };
    case 'pods':
      return podsPeer(ctx, asRecord(peer.pods) ?? {}, `${path}/pods`, rule);
    case 'networks': {
      let block = IntervalSet.empty();
      asArray(peer.networks).forEach((item, i) => {
        const text = typeof item === 'string' ? item : String(item);
        const cidr = parseCidr(text);
        if (cidr.kind === 'invalid') throw fail(ctx, `${path}/networks/${i}`, `invalid CIDR address: ${text}`, rule);
        // IPv6 networks are outside the IPv4 address space the analysis models: they match nothing.
        if (cidr.kind === 'ipv4') block = block.union(cidr.block);
      });
      return { kind: 'ip', block };
    }
    default:
      return { kind: 'unsupported', what: 'nodes' };
  }
}

function parsePort(ctx: Ctx, port: Record<string, unknown>, path: string, rule: string): AdminPort {
  const fields = ['portNumber', 'namedPort', 'portRange'].filter((f) => present(port, f));
  if (fields.length !== 1) throw fail(ctx, path, 'exactly one field must be set in an AdminNetworkPolicyPort', rule);
  const protocolOf = (raw: unknown): Protocol => {
    const text = asString(raw) ?? 'TCP';
    if (!isProtocol(text)) throw fail(ctx, path, `unsupported protocol "${text}"`, rule);
    return text;
  };
  if (fields[0] === 'namedPort') return { kind: 'named', name: asString(port.namedPort) ?? '' };
  if (fields[0] === 'portNumber') {
    const number = asRecord(port.portNumber) ?? {};
    const value = typeof number.port === 'number' ? number.port : 0;
    return { kind: 'range', protocol: protocolOf(number.protocol), start: value, end: value };
  }
  const range = asRecord(port.portRange) ?? {};
  const start = typeof range.start === 'number' ? range.start : 0;
  const end = typeof range.end === 'number' ? range.end : 0;
  return { kind: 'range', protocol: protocolOf(range.protocol), start, end };
}
