/**
 * Services reachable from outside the cluster network: NodePort (a port on every node),
 * LoadBalancer (a cloud load balancer, plus node ports unless disabled) and externalIPs (any
 * type: traffic to those IPs on any node is routed to the Service).
 */
import { z } from 'zod';
import type { RuleContext, Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

/** Annotations with which the common cloud controllers provision an internal (private) load balancer. */
const INTERNAL_LB_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': ['true', '0.0.0.0/0'],
  'service.beta.kubernetes.io/aws-load-balancer-scheme': ['internal'],
  'service.beta.kubernetes.io/azure-load-balancer-internal': ['true'],
  'networking.gke.io/load-balancer-type': ['Internal'],
  'cloud.google.com/load-balancer-type': ['Internal', 'internal'],
  'service.beta.kubernetes.io/oci-load-balancer-internal': ['true'],
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': ['private'],
  'service.beta.kubernetes.io/openstack-internal-load-balancer': ['true'],
};

/** The annotation cloud providers honour when spec.loadBalancerSourceRanges is empty. */
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

const options = z.object({
  /** Services (`namespace/name`, or `name` for the default namespace) exposed on purpose. */
  allow: z.array(z.string()).default([]),
});
type Options = z.infer<typeof options>;

function isInternal(annotations: Record<string, string>): boolean {
  return Object.entries(INTERNAL_LB_ANNOTATIONS).some(([key, values]) => {
    const value = annotations[key];
    return value !== undefined && values.includes(value);
  });
}

function sourceRanges(spec: Record<string, unknown>, annotations: Record<string, string>): string[] {
  const ranges = asArray(spec.loadBalancerSourceRanges).flatMap((r) => (typeof r === 'string' ? [r.trim()] : []));
  if (ranges.length > 0) return ranges;
  return (annotations[SOURCE_RANGES_ANNOTATION] ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
}

function label(service: Resource): string {
  return `Service "${service.namespace ?? 'default'}/${service.name}"`;
}

function* loadBalancerFindings(service: Resource, spec: Record<string, unknown>, annotations: Record<string, string>): Generator<Violation> {
  const name = label(service);
  if (isInternal(annotations)) {
    yield fail(`${name} is an internal LoadBalancer: reachable from the private network and on a port of every node`, '/spec/type', 'low');
    return;
  }
  const ranges = sourceRanges(spec, annotations);
  const open = ranges.filter((r) => ANYWHERE.has(r));
  if (ranges.length === 0 || open.length > 0) {
    const why = ranges.length === 0 ? 'has no loadBalancerSourceRanges' : `allows ${open.join(', ')} in loadBalancerSourceRanges`;
    yield fail(`${name} is a LoadBalancer that ${why}: it is reachable from the whole internet`, ranges.length === 0 ? '/spec/type' : '/spec/loadBalancerSourceRanges', 'high');
    return;
  }
  yield fail(`${name} is a LoadBalancer reachable from ${ranges.join(', ')}`, '/spec/loadBalancerSourceRanges', 'low');
}

export const rule = defineRule({
  id: 'service-exposed',
  title: 'Service exposed outside the cluster',
  severity: 'medium',
  threats: ['container-compromise', 'network-security'],
  mitre: ['T1190', 'T1133'],
  remediation: 'Use a ClusterIP Service behind an Ingress or gateway, or restrict the LoadBalancer with loadBalancerSourceRanges and drop NodePort and externalIPs.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
    'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
  ],
  options,
  target: { kinds: ['Service'] },
  *check(service: Resource, { options: opts }: RuleContext<Options>) {
    const key = `${service.namespace ?? 'default'}/${service.name}`;
    if (opts.allow.includes(key) || (service.namespace === undefined && opts.allow.includes(service.name))) return;
    const spec = asRecord(service.object.spec) ?? {};
    const annotations = asStringMap(asRecord(service.object.metadata)?.annotations);
    // The API defaults an absent type to ClusterIP.
    const type = asString(spec.type) ?? 'ClusterIP';
    if (type === 'NodePort') yield fail(`${label(service)} is a NodePort: it listens on a port of every node, reachable by anything that reaches a node`, '/spec/type');
    if (type === 'LoadBalancer') yield* loadBalancerFindings(service, spec, annotations);
    const externalIPs = asArray(spec.externalIPs).filter((ip): ip is string => typeof ip === 'string');
    if (externalIPs.length > 0) {
      yield fail(`${label(service)} sets externalIPs ${externalIPs.join(', ')}: every node routes traffic for them to it, and they can capture other traffic (CVE-2020-8554)`, pointer('/spec', 'externalIPs'));
    }
  },
});
