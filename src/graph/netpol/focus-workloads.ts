/**
 * How --focus-workload and --focus-workload-peer names match the ends of a connection, and the
 * names that match no workload of the input. netpol-analyzer only warns about those and prints an
 * empty list; a typo then reads as "this workload talks to nobody", exit 0, so they are refused.
 */
import { closest } from '../../lib/did-you-mean.js';
import { NetpolError } from './errors.js';
import { INGRESS_CONTROLLER } from './ingress-controller.js';
import { workloadKey, type Workload } from './model.js';

/** An end of a connection as focus options see it: `{ingress-controller}` is named "ingress-controller"; addresses have no name. */
export interface FocusEnd {
  readonly key: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

export const INGRESS_CONTROLLER_END: FocusEnd = { key: INGRESS_CONTROLLER, name: 'ingress-controller', namespace: undefined };

/** Whether `end` is one of `names`: NAME, NAMESPACE/NAME or NAMESPACE/NAME[Kind]. */
export function named(end: FocusEnd, names: readonly string[]): boolean {
  return end.name !== undefined && (names.includes(end.name) || names.includes(`${end.namespace ?? ''}/${end.name}`) || names.includes(end.key));
}

export function workloadEnd(workload: Workload): FocusEnd {
  return { key: workloadKey(workload), name: workload.name, namespace: workload.namespace };
}

const HINT = 'Name a workload as NAME, NAMESPACE/NAME or NAMESPACE/NAME[Kind], as `palisade netpol list` prints it (ingress-controller for the ingress controller).';

/** Throws a NetpolError naming every focus name that matches no workload (nor the ingress controller). */
export function checkFocusNames(workloads: readonly Workload[], options: { readonly focusWorkloads?: readonly string[]; readonly focusWorkloadPeers?: readonly string[] }): void {
  const ends = [...workloads.map(workloadEnd), INGRESS_CONTROLLER_END];
  const unknown = (names: readonly string[]): string[] => [...new Set(names)].filter((name) => !ends.some((end) => named(end, [name])));
  const describe = (flag: string, names: readonly string[]): string | undefined => {
    if (names.length === 0) return undefined;
    return `${flag} names no workload of the input: ${names.map((name) => `"${name}"${suggestion(name, workloads)}`).join(', ')}`;
  };
  const sentences = [describe('--focus-workload', unknown(options.focusWorkloads ?? [])), describe('--focus-workload-peer', unknown(options.focusWorkloadPeers ?? []))].filter((s) => s !== undefined);
  if (sentences.length > 0) throw new NetpolError(sentences.join('; '), undefined, HINT);
}

/** ` (did you mean "shop/api"?)` for a likely typo, compared with names of the same form. */
function suggestion(name: string, workloads: readonly Workload[]): string {
  const candidates = workloads.map((w) => (name.includes('[') ? workloadKey(w) : name.includes('/') ? `${w.namespace}/${w.name}` : w.name));
  const best = closest(name, new Set(candidates));
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
