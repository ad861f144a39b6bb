/**
 * KubeVirt virtual machines as workloads, as netpol-analyzer shows them: a VirtualMachine, its
 * VirtualMachineInstance and the virt-launcher pod the instance owns are one endpoint
 * `namespace/name[VirtualMachine]`. Policies select the VM by its template labels. Its secondary
 * networks are the `multus` entries of `spec.template.spec.networks`; the addresses its
 * cloud-init network data assigns are its secondary addresses.
 */
import { parse } from 'yaml';
import type { Resource } from '../../../model/resource.js';
import { asArray, asRecord, asString, asStringMap } from '../../../lib/k8s/values.js';
import { IntervalSet } from '../intervals.js';
import type { NetworkAttachmentRef } from '../model.js';
import { addressOf, attachmentRef } from './attachments.js';

export const VM_KIND = 'VirtualMachine';
export const VMI_KIND = 'VirtualMachineInstance';

/** Most addresses read from one VM's network data (hostile input stays small). */
const MAX_ADDRESSES = 256;

export interface VmView {
  readonly labels: Record<string, string>;
  readonly attachments: readonly NetworkAttachmentRef[];
  readonly addresses: IntervalSet;
}

export function isVirtualMachineKind(kind: string): boolean {
  return kind === VM_KIND || kind === VMI_KIND;
}

/** The instance spec: a VirtualMachine's template, or the VirtualMachineInstance itself. */
function instanceOf(resource: Resource): { meta: Record<string, unknown>; spec: Record<string, unknown> } {
  const spec = asRecord(resource.object.spec) ?? {};
  if (resource.kind === VMI_KIND) return { meta: asRecord(resource.object.metadata) ?? {}, spec };
  const template = asRecord(spec.template) ?? {};
  return { meta: asRecord(template.metadata) ?? {}, spec: asRecord(template.spec) ?? {} };
}

export function vmView(resource: Resource, namespace: string): VmView {
  const { meta, spec } = instanceOf(resource);
  const attachments: NetworkAttachmentRef[] = [];
  for (const network of asArray(spec.networks)) {
    const name = asString(asRecord(asRecord(network)?.multus)?.networkName);
    const ref = name === undefined ? undefined : attachmentRef(name, namespace);
    if (ref !== undefined) attachments.push(ref);
  }
  return { labels: { ...asStringMap(meta.labels) }, attachments, addresses: cloudInitAddresses(spec) };
}

/** Addresses from cloud-init `networkData` (netplan v2 `ethernets.*.addresses`) of the VM's volumes. */
function cloudInitAddresses(spec: Record<string, unknown>): IntervalSet {
  let out = IntervalSet.empty();
  let seen = 0;
  for (const volume of asArray(spec.volumes)) {
    const record = asRecord(volume) ?? {};
    for (const source of [asRecord(record.cloudInitNoCloud), asRecord(record.cloudInitConfigDrive)]) {
      const data = asString(source?.networkData);
      if (data === undefined) continue;
      for (const address of netplanAddresses(data)) {
        if (seen++ >= MAX_ADDRESSES) return out;
        out = out.union(addressOf(address));
      }
    }
  }
  return out;
}

/** The `addresses` of every interface of a netplan v2 document (`ethernets.*.addresses`); unreadable data declares none. */
function netplanAddresses(data: string): string[] {
  let doc: unknown;
  try {
    doc = parse(data, { maxAliasCount: 10 });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const iface of Object.values(asRecord(asRecord(doc)?.ethernets) ?? {})) {
    for (const address of asArray(asRecord(iface)?.addresses)) if (typeof address === 'string') out.push(address);
  }
  return out;
}
