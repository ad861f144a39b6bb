/**
 * OVN-Kubernetes user-defined networks: UserDefinedNetwork (one namespace) and
 * ClusterUserDefinedNetwork (the namespaces its selector picks). A Primary one replaces the pod
 * network for every pod of its namespaces; a Secondary one is a further network the pods may
 * attach to by name, like a NetworkAttachmentDefinition (OVN-Kubernetes renders one for it).
 * Objects OVN-Kubernetes would refuse are refused here with a located error: an unknown
 * topology or role, a topology whose configuration block is missing, subnets that are not CIDRs
 * (or none for Layer3), a UDN named `default` or placed in `default`/`openshift-*`, and two
 * primary networks for one namespace.
 */
import type { LabelSelector } from '../../../lib/k8s/labels.js';
import { asArray, asRecord, asString } from '../../../lib/k8s/values.js';
import type { Resource } from '../../../model/resource.js';
import { errorAt } from '../errors.js';
import type { NamespaceInfo } from '../model.js';
import { parseCidr } from '../ip-blocks.js';
import { matches, parseSelector } from '../selectors.js';

export const UDN_KIND = 'UserDefinedNetwork';
export const CUDN_KIND = 'ClusterUserDefinedNetwork';

const TOPOLOGIES: Readonly<Record<string, string>> = { Layer2: 'layer2', Layer3: 'layer3', Localnet: 'localnet' };
const ROLES = new Set(['Primary', 'Secondary']);
export const PRIMARY_UDN_LABEL = 'k8s.ovn.org/primary-user-defined-network';

export interface UserDefinedNetwork {
  readonly kind: 'udn' | 'cudn';
  /** The UDN's own name, or the CUDN's name. */
  readonly name: string;
  /** A UDN's namespace; undefined for a CUDN. */
  readonly namespace: string | undefined;
  readonly namespaceSelector: LabelSelector | undefined;
  readonly role: 'Primary' | 'Secondary';
  readonly resource: Resource;
}

export function readUserDefinedNetworks(resources: readonly Resource[]): UserDefinedNetwork[] {
  const out: UserDefinedNetwork[] = [];
  for (const r of resources) {
    if (r.kind === UDN_KIND) out.push(readUdn(r));
    else if (r.kind === CUDN_KIND) out.push(readCudn(r));
  }
  return out;
}

function readUdn(r: Resource): UserDefinedNetwork {
  const namespace = r.namespace === undefined || r.namespace === '' ? 'default' : r.namespace;
  const id = `${namespace}/${r.name}`;
  if (r.name === 'default') throw errorAt(r, '/metadata/name', `UserDefinedNetwork "${id}": a user-defined network may not be named "default"`);
  if (namespace === 'default' || namespace.startsWith('openshift-')) {
    throw errorAt(r, '/metadata/namespace', `UserDefinedNetwork "${r.name}": a user-defined network may not be created in namespace "${namespace}" (default and openshift-* namespaces are reserved)`);
  }
  const role = roleOf(r, asRecord(r.object.spec) ?? {}, '/spec', id, ['Layer2', 'Layer3']);
  return { kind: 'udn', name: r.name, namespace, namespaceSelector: undefined, role, resource: r };
}

function readCudn(r: Resource): UserDefinedNetwork {
  const spec = asRecord(r.object.spec) ?? {};
  const network = asRecord(spec.network) ?? {};
  const role = roleOf(r, network, '/spec/network', r.name, ['Layer2', 'Layer3', 'Localnet']);
  const parsed = parseSelector(spec.namespaceSelector ?? {});
  if (!parsed.ok) throw errorAt(r, '/spec/namespaceSelector', `ClusterUserDefinedNetwork "${r.name}" namespaceSelector error: ${parsed.reason}`);
  return { kind: 'cudn', name: r.name, namespace: undefined, namespaceSelector: parsed.selector, role, resource: r };
}

/** Checks topology and its configuration block, and returns the role written in that block. */
function roleOf(r: Resource, spec: Record<string, unknown>, path: string, id: string, allowed: readonly string[]): 'Primary' | 'Secondary' {
  const topology = asString(spec.topology) ?? '';
  if (!allowed.includes(topology)) {
    throw errorAt(r, `${path}/topology`, `${r.kind} "${id}": invalid value "${topology}" for key "topology"; expected one of ${allowed.join(', ')}`);
  }
  const key = TOPOLOGIES[topology] ?? '';
  const config = asRecord(spec[key]);
  const other = Object.values(TOPOLOGIES).find((k) => k !== key && spec[k] !== undefined);
  if (config === undefined || other !== undefined) {
    throw errorAt(r, path, `${r.kind} "${id}": topology ${topology} requires its configuration under "${key}"${other === undefined ? '' : `, not "${other}"`}`);
  }
  const role = asString(config.role) ?? '';
  if (!ROLES.has(role)) throw errorAt(r, `${path}/${key}/role`, `${r.kind} "${id}": invalid value "${role}" for key "role"; expected Primary or Secondary`);
  checkSubnets(r, config, `${path}/${key}/subnets`, id, topology);
  return role as 'Primary' | 'Secondary';
}

/** Subnets are CIDRs (Layer3: `{cidr, hostSubnet}` entries); a Layer3 network cannot do without them. */
function checkSubnets(r: Resource, config: Record<string, unknown>, path: string, id: string, topology: string): void {
  const subnets = asArray(config.subnets);
  if (topology === 'Layer3' && subnets.length === 0) throw errorAt(r, path, `${r.kind} "${id}": a Layer3 network needs subnets`);
  subnets.forEach((entry, i) => {
    const cidr = topology === 'Layer3' ? asRecord(entry)?.cidr : entry;
    const text = typeof cidr === 'string' ? cidr : JSON.stringify(cidr ?? null);
    if (typeof cidr !== 'string' || parseCidr(cidr).kind === 'invalid') throw errorAt(r, `${path}/${i}`, `${r.kind} "${id}": invalid CIDR address: ${text}`);
  });
}

export function selectsNamespace(network: UserDefinedNetwork, namespace: NamespaceInfo): boolean {
  if (network.kind === 'udn') return network.namespace === namespace.name;
  return network.namespaceSelector !== undefined && matches(network.namespaceSelector, namespace.labels);
}

/**
 * The primary network of each namespace that has one; two for one namespace is refused. Only a
 * namespace labelled `k8s.ovn.org/primary-user-defined-network` (at creation, as OVN-Kubernetes
 * requires) takes a primary user-defined network; the others stay on the pod network.
 */
export function primaryNetworks(networks: readonly UserDefinedNetwork[], namespaces: Iterable<NamespaceInfo>): Map<string, UserDefinedNetwork> {
  const out = new Map<string, UserDefinedNetwork>();
  const primaries = networks.filter((n) => n.role === 'Primary');
  for (const ns of namespaces) {
    if (ns.labels[PRIMARY_UDN_LABEL] === undefined) continue;
    for (const network of primaries) {
      if (!selectsNamespace(network, ns)) continue;
      const earlier = out.get(ns.name);
      if (earlier !== undefined) {
        throw errorAt(
          network.resource,
          '/metadata/name',
          `namespace "${ns.name}" has more than one primary user-defined network: ${networkId(earlier)} and ${networkId(network)}; a namespace may have only one`,
        );
      }
      out.set(ns.name, network);
    }
  }
  return out;
}

export function networkId(n: UserDefinedNetwork): string {
  return n.namespace === undefined ? n.name : `${n.namespace}/${n.name}`;
}
