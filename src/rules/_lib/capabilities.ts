/**
 * Linux capabilities as written in securityContext.capabilities. The API accepts any string and
 * the runtimes add the `CAP_` prefix themselves, so `SYS_ADMIN`, `CAP_SYS_ADMIN` and `sys_admin`
 * all grant the same capability (containerd and CRI-O upper-case and prefix the names).
 */
import type { ContainerRef } from '../../model/k8s.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord } from '../../lib/k8s/values.js';

export interface CapabilityEntry {
  /** Normalised: upper case without the `CAP_` prefix, e.g. `SYS_ADMIN`, `ALL`. */
  readonly name: string;
  /** As written in the manifest. */
  readonly written: string;
  readonly path: string;
}

export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

function entries(ref: ContainerRef, list: 'add' | 'drop'): CapabilityEntry[] {
  const capabilities = asRecord(asRecord(ref.container.securityContext)?.capabilities);
  const out: CapabilityEntry[] = [];
  asArray(capabilities?.[list]).forEach((value, index) => {
    if (typeof value === 'string') out.push({ name: normalizeCapability(value), written: value, path: pointer(ref.path, 'securityContext', 'capabilities', list, index) });
  });
  return out;
}

export function addedCapabilities(ref: ContainerRef): CapabilityEntry[] {
  return entries(ref, 'add');
}

export function droppedCapabilities(ref: ContainerRef): CapabilityEntry[] {
  return entries(ref, 'drop');
}
