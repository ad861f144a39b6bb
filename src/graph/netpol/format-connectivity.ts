/** One entry point for writing a connectivity list, whichever analysis produced it. */
import type { ConnectivityList } from './connlist.js';
import { formatWithExposure } from './exposure-format.js';
import { formatList, type ListFormat } from './format.js';
import { formatNetworks } from './multi-network/format.js';

/** `focusConn` is the focus port's label ("TCP 80") when the list was focused on one. */
export function formatConnectivity(list: ConnectivityList, format: ListFormat, focusConn?: string): string {
  if (list.networks !== undefined) return formatNetworks(list.networks, format, list.workloads, focusConn);
  if (list.exposure !== undefined) return formatWithExposure(list.lines, list.exposure, format, list.workloads, focusConn);
  return formatList(list.lines, format, list.workloads, focusConn);
}
