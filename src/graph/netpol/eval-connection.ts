/**
 * One connection judged with its reasons: whether `source` may open `protocol/port` to
 * `destination`, and on each side which policy rules allow it (or that no policy isolates the
 * pod, or that the selecting policies allow nothing that matches).
 */
import type { Resource } from '../../model/resource.js';
import { Analysis, type Endpoint, type EndpointClass } from './analysis.js';
import { adminAction } from './admin-evaluate.js';
import { buildCluster } from './cluster.js';
import type { Protocol } from './connections.js';
import { NetpolError } from './errors.js';
import { parseAddressOrCidr, formatRanges } from './ip-blocks.js';
import { policyName, type RuleHit } from './evaluate.js';

export interface EvalQuery {
  /** `namespace/name`, `namespace/name[Kind]`, or an IPv4 address / CIDR. */
  readonly source: string;
  readonly destination: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface SideVerdict {
  readonly direction: 'Egress' | 'Ingress';
  /** The endpoint whose policies decide this side. */
  readonly endpoint: string;
  readonly allowed: boolean;
  /** False: no policy selects the pod for this direction, so it is not isolated. */
  readonly isolated: boolean;
  /** `namespace/policy` and 1-based rule number of each rule allowing the port; the deny rules (Cilium) that take it away; else the policies that isolate. */
  readonly rules: readonly string[];
  /** True when deny rules take the port away (whatever allows it). */
  readonly denied?: boolean;
}

export interface EvalResult {
  readonly source: string;
  readonly destination: string;
  readonly connection: string;
  readonly allowed: boolean;
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
}

/** --source and --destination are typed by the user: the hint says how to name an end. */
const ENDPOINT_HINT = 'Name a workload as NAMESPACE/NAME or NAMESPACE/NAME[Kind], as `palisade netpol list` prints it, or give an IPv4 address or CIDR.';

type EndpointRef = Extract<Endpoint, { kind: 'workload' }> | Extract<Endpoint, { kind: 'ip' }>;

function resolve(analysis: Analysis, text: string, role: string): EndpointRef {
  const range = parseAddressOrCidr(text);
  if (range !== undefined) return { kind: 'ip', key: `${formatRanges(range)}[External]`, range };
  const found = analysis.workloads.filter((w) => w.key === text || `${w.workload.namespace}/${w.workload.name}` === text || (!text.includes('/') && w.workload.name === text));
  if (found.length === 1) return found[0] as EndpointRef;
  if (found.length > 1) throw new NetpolError(`${role} "${text}" is ambiguous: ${found.map((w) => w.key).join(', ')}; name it as namespace/name[Kind]`, undefined, ENDPOINT_HINT);
  throw new NetpolError(`${role} "${text}" is neither an IPv4 address nor a workload of the input (workloads are named namespace/name)`, undefined, ENDPOINT_HINT);
}

/** The admin policies that take part in a pod's direction, as `[ANP] name` / `[BANP] name`. */
function adminNamesOf(cls: EndpointClass, direction: 'Egress' | 'Ingress'): string[] {
  const admins = direction === 'Egress' ? [...cls.adminEgress, ...(cls.baselineEgress === undefined ? [] : [cls.baselineEgress])] : [...cls.adminIngress, ...(cls.baselineIngress === undefined ? [] : [cls.baselineIngress])];
  return admins.map((a) => `${a.policy.baseline ? '[BANP]' : '[ANP]'} ${a.policy.name}`);
}

export function evaluateConnection(resources: readonly Resource[], query: EvalQuery): EvalResult {
  const analysis = new Analysis(buildCluster(resources));
  const src = resolve(analysis, query.source, 'source');
  const dst = resolve(analysis, query.destination, 'destination');
  if (src.kind === 'ip' && dst.kind === 'ip') throw new NetpolError('source and destination are both IP addresses: at least one end must be a workload', undefined, ENDPOINT_HINT);
  const srcSide = src.kind === 'ip' ? src : src.cls;
  const dstSide = dst.kind === 'ip' ? dst : dst.cls;
  const verdict = (direction: 'Egress' | 'Ingress'): SideVerdict => {
    const result = analysis.side(srcSide, dstSide, direction, true);
    const endpoint = direction === 'Egress' ? src.key : dst.key;
    const deciding = direction === 'Egress' ? src : dst;
    const allowed = result.conns.contains(query.protocol, query.port);
    const policies = deciding.kind === 'ip' ? [] : direction === 'Egress' ? deciding.cls.egress : deciding.cls.ingress;
    const onPort = (h: RuleHit): boolean => h.conns.contains(query.protocol, query.port);
    const way = direction.toLowerCase();
    // Admin rules that Deny or Pass a connection allow nothing; a Deny decides it.
    const denials = [
      ...(result.denyHits ?? []).filter(onPort).map((h) => `${h.policy} ${way}Deny rule #${h.rule}`),
      // The baseline only decides for pods no NetworkPolicy selects.
      ...result.hits.filter((h) => onPort(h) && adminAction(h) === 'Deny' && !(h.policy.startsWith('[BANP]') && policies.length > 0)).map((h) => `${h.policy} ${way} rule #${h.rule}`),
    ];
    const isolating = policies.filter((p) => (direction === 'Egress' ? p.policy.affectsEgress : p.policy.affectsIngress)).map((p) => policyName(p.policy));
    const rules = allowed
      ? result.hits.filter((h) => onPort(h) && adminAction(h) !== 'Deny' && adminAction(h) !== 'Pass').map((h) => `${h.policy} ${way} rule #${h.rule}`)
      : denials.length > 0
        ? denials
        : [...(deciding.kind === 'ip' ? [] : adminNamesOf(deciding.cls, direction)), ...isolating];
    return { direction, endpoint, allowed, isolated: result.isolated, rules, ...(denials.length > 0 && !allowed ? { denied: true } : {}) };
  };
  const egress = verdict('Egress');
  const ingress = verdict('Ingress');
  return { source: src.key, destination: dst.key, connection: `${query.protocol} ${query.port}`, allowed: egress.allowed && ingress.allowed, egress, ingress };
}

/** A short human explanation of an evaluation. */
export function formatEvaluation(result: EvalResult): string {
  const side = (v: SideVerdict): string => {
    const head = `${v.direction.padEnd(7)} of ${v.endpoint}: ${v.allowed ? 'allowed' : 'denied'}`;
    if (v.denied === true) return `${head} by ${v.rules.join(', ')}`;
    if (!v.isolated) return `${head} (no policy selects it for ${v.direction.toLowerCase()}: not isolated)`;
    if (v.allowed) return v.rules.length > 0 ? `${head} by ${v.rules.join(', ')}` : `${head} (no rule allows or denies it: allowed by default)`;
    return `${head} (isolated by ${v.rules.join(', ')}; no rule allows ${v.direction === 'Egress' ? 'this destination' : 'this source'} on this port)`;
  };
  return [`${result.source} => ${result.destination} : ${result.connection}: ${result.allowed ? 'ALLOWED' : 'DENIED'}`, `  ${side(result.egress)}`, `  ${side(result.ingress)}`].join('\n') + '\n';
}
