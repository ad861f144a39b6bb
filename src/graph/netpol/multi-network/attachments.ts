/**
 * The secondary networks a pod asks Multus for, read from its `k8s.v1.cni.cncf.io/networks`
 * annotation in either documented form: a comma-separated list of `[namespace/]name[@interface]`,
 * or a JSON list of `{name, namespace?, interface?, ips?}`. A name without a namespace means a
 * NetworkAttachmentDefinition in the pod's own namespace. Static `ips` are kept: a
 * MultiNetworkPolicy ipBlock matches pods by their secondary addresses.
 */
import { asArray, asRecord, asString } from '../../../lib/k8s/values.js';
import { IntervalSet } from '../intervals.js';
import { parseIPv4 } from '../ip-blocks.js';
import type { NetworkAttachmentRef } from '../model.js';

export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** Most attachments read from one annotation: a hostile annotation cannot make the analysis grow without bound. */
const MAX_ATTACHMENTS = 64;

export interface PodAttachments {
  readonly refs: readonly NetworkAttachmentRef[];
  readonly addresses: IntervalSet;
}

export const NO_ATTACHMENTS: PodAttachments = { refs: [], addresses: IntervalSet.empty() };

/** `ns/name` or `name` (in `namespace`), with an optional `@interface` suffix dropped. */
export function attachmentRef(text: string, namespace: string): NetworkAttachmentRef | undefined {
  const withoutInterface = text.trim().replace(/@[^@/]*$/, '');
  if (withoutInterface === '') return undefined;
  const slash = withoutInterface.indexOf('/');
  if (slash < 0) return { namespace, name: withoutInterface };
  const ns = withoutInterface.slice(0, slash);
  const name = withoutInterface.slice(slash + 1);
  return name === '' ? undefined : { namespace: ns === '' ? namespace : ns, name };
}

/** Reads the networks annotation of a pod (template) in `namespace`. */
export function podAttachments(annotations: Readonly<Record<string, string>> | undefined, namespace: string): PodAttachments {
  const text = annotations?.[NETWORKS_ANNOTATION]?.trim();
  if (text === undefined || text === '') return NO_ATTACHMENTS;
  if (text.startsWith('[')) return jsonAttachments(text, namespace);
  const refs = text
    .split(',')
    .slice(0, MAX_ATTACHMENTS)
    .map((item) => attachmentRef(item, namespace))
    .filter((r): r is NetworkAttachmentRef => r !== undefined);
  return { refs, addresses: IntervalSet.empty() };
}

function jsonAttachments(text: string, namespace: string): PodAttachments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Multus refuses such a pod; it joins no secondary network.
    return NO_ATTACHMENTS;
  }
  const refs: NetworkAttachmentRef[] = [];
  let addresses = IntervalSet.empty();
  for (const item of asArray(parsed).slice(0, MAX_ATTACHMENTS)) {
    const entry = asRecord(item);
    const name = asString(entry?.name);
    if (entry === undefined || name === undefined || name === '') continue;
    refs.push({ namespace: asString(entry.namespace) ?? namespace, name });
    for (const ip of asArray(entry.ips)) addresses = addresses.union(addressOf(ip));
  }
  return { refs, addresses };
}

/** One address, `a.b.c.d` or `a.b.c.d/len` (the interface's own address, not its subnet). */
export function addressOf(value: unknown): IntervalSet {
  if (typeof value !== 'string') return IntervalSet.empty();
  const address = value.split('/')[0] ?? '';
  const single = parseIPv4(address);
  return single === undefined ? IntervalSet.empty() : IntervalSet.of(single, single);
}
