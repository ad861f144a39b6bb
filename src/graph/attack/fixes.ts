/**
 * Candidate fixes that are manifest changes, with their costs (docs/attack-paths.md). Costs say
 * how much a fix costs the owner in effort and breakage: turning off a token mount the pod does
 * not use is cheap; denying a workload's ingress or taking it off the internet breaks traffic.
 */
import type { JsonObject } from '../../model/resource.js';
import { refOf } from '../../model/resource.js';
import { dropPrivilegePatch, nestAt, type EscapeFact } from './escape.js';
import type { ExposureSource } from './exposure.js';
import { podLabels } from './exposure.js';
import type { FixCandidate } from './graph.js';
import type { Vulnerability } from './vulns.js';
import type { WorkloadInfo } from './workloads.js';

export const FIX_COSTS = {
  'disable-automount': 1,
  'drop-privilege': 2,
  'remove-binding': 2,
  'upgrade-package': 2,
  'network-policy': 3,
  'restrict-exposure': 4,
  'remove-verb': 2,
} as const;

function label(info: WorkloadInfo): string {
  return `${info.resource.kind} ${info.namespace}/${info.resource.name}`;
}

export function disableAutomountFix(info: WorkloadInfo): FixCandidate {
  return {
    id: `disable-automount:${info.id.slice('workload:'.length)}`,
    kind: 'disable-automount',
    description: `Set automountServiceAccountToken: false in the pod spec of ${label(info)} (give the token back through a projected volume only if the app calls the API)`,
    cost: FIX_COSTS['disable-automount'],
    resource: refOf(info.resource),
    patchType: 'merge',
    patch: nestAt(info.template.podSpecPath, { automountServiceAccountToken: false }),
  };
}

export function dropPrivilegeFix(info: WorkloadInfo, facts: readonly EscapeFact[]): FixCandidate | undefined {
  const patch = dropPrivilegePatch(info.template, facts);
  if (patch === undefined) return undefined;
  const vectors = [...new Set(facts.map((f) => f.vector))].join(', ');
  return {
    id: `drop-privilege:${info.id.slice('workload:'.length)}`,
    kind: 'drop-privilege',
    description: `Remove the ways out of ${label(info)} onto its node (${vectors})`,
    cost: FIX_COSTS['drop-privilege'],
    resource: refOf(info.resource),
    patchType: 'merge',
    patch,
  };
}

/**
 * A NetworkPolicy denying all ingress to the workload's pods. Only where no policy selects them
 * yet: policies add up, so a new one cannot take back what another allows. Pods without labels
 * cannot be selected apart from their namespace, so they get no such fix either.
 */
export function denyIngressFix(info: WorkloadInfo): FixCandidate | undefined {
  const cls = info.endpoint.cls;
  const labels = podLabels(info);
  if (cls.ingress.length > 0 || cls.adminIngress.length > 0 || cls.baselineIngress !== undefined || Object.keys(labels).length === 0) return undefined;
  if (info.template.podSpec.hostNetwork === true) return undefined;
  const name = `palisade-deny-ingress-${info.resource.name}`.slice(0, 253);
  const policy: JsonObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: info.namespace },
    spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'] },
  };
  return {
    id: `network-policy:${info.id.slice('workload:'.length)}`,
    kind: 'network-policy',
    description: `Add NetworkPolicy ${info.namespace}/${name} isolating the pods of ${label(info)} on ingress (then allow back only the clients it needs)`,
    cost: FIX_COSTS['network-policy'],
    patchType: 'create',
    patch: policy,
  };
}

export function restrictExposureFix(source: ExposureSource): FixCandidate {
  const ref = refOf(source.object);
  return {
    id: `restrict-exposure:${ref.kind}/${ref.namespace ?? 'default'}/${ref.name}${source.object.kind === 'Service' || source.object.kind === 'Ingress' || source.object.kind === 'Route' ? '' : `:${source.label.startsWith('hostNetwork') ? 'hostNetwork' : 'hostPort'}`}`,
    kind: 'restrict-exposure',
    description: source.fix.description,
    cost: FIX_COSTS['restrict-exposure'],
    resource: ref,
    patchType: source.fix.patchType,
    patch: source.fix.patch ?? { ...ref },
  };
}

/** Upgrading the packages of one image removes its RCE-class vulnerabilities, when each has a fixed version. */
export function upgradeFix(image: string, vulns: readonly Vulnerability[]): FixCandidate | undefined {
  if (vulns.some((v) => v.fixedVersion === undefined)) return undefined;
  const what = vulns.map((v) => `${v.package} to ${v.fixedVersion ?? ''} (${v.id})`).join(', ');
  return {
    id: `upgrade-package:${image}`,
    kind: 'upgrade-package',
    description: `Rebuild image ${image} with ${what}`,
    cost: FIX_COSTS['upgrade-package'],
    upgrade: { image, ids: vulns.map((v) => v.id) },
  };
}
