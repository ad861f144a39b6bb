/**
 * NetworkPolicy reachability for front ends: load inputs, analyse, format. Bad input never
 * escapes as a stack trace: input the analysis refuses becomes a PalisadeError with a located
 * problem (code `netpol-invalid`).
 */
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';
import type { ResourceIndex } from '../core/resource-index.js';
import { builtScanNetpol } from '../graph/netpol/findings/index.js';
import { PalisadeError, problem } from '../core/errors.js';
import {
  connectivityList,
  diffConnectivity,
  evaluateConnection,
  formatConnectivity,
  formatDiff,
  formatEvaluation,
  isProtocol,
  NetpolError,
  parseFocusConn,
  type DiffFormat,
  type EvalResult,
  type ListFormat,
  type Protocol,
} from '../graph/netpol/index.js';
import { loadInputs, problemsOfLoad } from '../loaders/index.js';
import { netpolJson } from '../graph/netpol/palisade-json.js';
import { netpolHtml } from '../graph/netpol/render/html.js';

/** Palisade's own outputs of `netpol list`, beyond netpol-analyzer's formats: its JSON with the allowing rules, and an HTML picture. */
export const NETPOL_PALISADE_FORMATS = ['palisade-json', 'html'] as const;
export type NetpolPalisadeFormat = (typeof NETPOL_PALISADE_FORMATS)[number];

export { LIST_FORMATS as NETPOL_LIST_FORMATS, DIFF_FORMATS as NETPOL_DIFF_FORMATS, type ListFormat as NetpolListFormat, type DiffFormat as NetpolDiffFormat } from '../graph/netpol/index.js';

export interface NetpolInputOptions {
  /** Files and directories of manifests (Kustomize and Helm directories are rendered). */
  readonly paths: readonly string[];
  readonly cwd?: string;
}

export interface NetpolListOptions extends NetpolInputOptions {
  readonly format?: ListFormat | NetpolPalisadeFormat;
  /** Only connections of these workloads (`name` or `namespace/name`). */
  readonly focusWorkloads?: readonly string[];
  /** With focusWorkloads: only connections whose other end is one of these. */
  readonly focusWorkloadPeers?: readonly string[];
  readonly focusDirection?: 'ingress' | 'egress';
  /** Only connections allowing `<protocol>-<port>` (e.g. `udp-53`). */
  readonly focusConn?: string;
  /** Add the exposure analysis: what the outside and other namespaces may reach, and what can reach out. */
  readonly exposure?: boolean;
  /** Analyse each network apart (pod network, primary UDN/CUDN, NetworkAttachmentDefinitions with MultiNetworkPolicies). */
  readonly multipleNetworks?: boolean;
}

export interface NetpolOutput {
  /** The formatted result. */
  readonly output: string;
  /** Located problems met while reading the inputs (files that could not be parsed, ...). */
  readonly problems: readonly Problem[];
}

async function load(options: NetpolInputOptions): Promise<{ resources: Resource[]; problems: Problem[] }> {
  const loaded = await loadInputs({ paths: options.paths, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  return { resources: loaded.resources, problems: problemsOfLoad(loaded) };
}

/** Runs an analysis step, turning a refusal of the input into a located PalisadeError. */
export function guarded<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof NetpolError) throw new PalisadeError(netpolProblem(error));
    throw error;
  }
}

export function netpolProblem(error: NetpolError): Problem {
  return problem('netpol-invalid', error.message, error.place ?? {}, error.hint);
}

/**
 * The NetworkPolicies a scan's network analysis left out (see scanNetpol), as located errors.
 * Asked after the rules and the attack analysis: when neither analysed the network, nothing was
 * left out of anything, and no analysis is built just to say so.
 */
export function refusedPolicyProblems(index: ResourceIndex): Problem[] {
  return (builtScanNetpol(index)?.refused ?? []).map((error) => {
    const found = netpolProblem(error);
    return { ...found, message: `${found.message}; the policy is left out of the network analysis, as the API server would not store it` };
  });
}

/** The allowed connections between workloads and external addresses, in one of netpol-analyzer's formats. */
export async function netpolList(options: NetpolListOptions): Promise<NetpolOutput> {
  const { resources, problems } = await load(options);
  const focusConn = options.focusConn === undefined ? undefined : guarded(() => parseFocusConn(options.focusConn ?? ''));
  const listOptions = {
    focusWorkloads: options.focusWorkloads ?? [],
    focusWorkloadPeers: options.focusWorkloadPeers ?? [],
    ...(options.focusDirection === undefined ? {} : { focusDirection: options.focusDirection }),
    ...(focusConn === undefined ? {} : { focusConn }),
  };
  // Palisade's own outputs explain the connections of the pod network; they have no exposure section.
  if (options.format === 'palisade-json') return { output: `${JSON.stringify(guarded(() => netpolJson(resources, listOptions)), null, 2)}\n`, problems };
  if (options.format === 'html') return { output: guarded(() => netpolHtml(netpolJson(resources, listOptions))), problems };
  const list = guarded(() => connectivityList(resources, { ...listOptions, exposure: options.exposure === true, multipleNetworks: options.multipleNetworks === true }));
  // What the analysis leaves out is said next to the result, never silently.
  const notes = (list.notes ?? []).map((text) => problem('netpol-not-modelled', text));
  return { output: formatConnectivity(list, options.format ?? 'txt', focusConn?.label), problems: [...problems, ...notes] };
}

export interface NetpolDiffOptions {
  /** The reference (old) and the changed (new) manifests. */
  readonly ref1: readonly string[];
  readonly ref2: readonly string[];
  readonly format?: DiffFormat;
  readonly cwd?: string;
  /** Compare every network of each side (pod network, UDN/CUDN, NetworkAttachmentDefinitions). */
  readonly multipleNetworks?: boolean;
}

/** Connections changed, added and removed from ref1 to ref2 (empty output when nothing differs). */
export async function netpolDiff(options: NetpolDiffOptions): Promise<NetpolOutput> {
  const cwd = options.cwd === undefined ? {} : { cwd: options.cwd };
  const one = await load({ paths: options.ref1, ...cwd });
  const two = await load({ paths: options.ref2, ...cwd });
  const list = { multipleNetworks: options.multipleNetworks === true };
  const lines = guarded(() => diffConnectivity(connectivityList(one.resources, list), connectivityList(two.resources, list)));
  return { output: formatDiff(lines, options.format ?? 'txt'), problems: [...one.problems, ...two.problems] };
}

export interface NetpolEvalOptions extends NetpolInputOptions {
  readonly source: string;
  readonly destination: string;
  /** `PORT` or `PORT/PROTOCOL` (TCP when omitted). */
  readonly port: string;
  readonly format?: 'txt' | 'json';
}

/** Parses `8080`, `53/udp`, `9000/SCTP`; undefined when it is not a port in 1-65535 and a known protocol. */
export function parsePortSpec(text: string): { port: number; protocol: Protocol } | undefined {
  const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const port = Number(match[1]);
  const protocol = (match[2] ?? 'TCP').toUpperCase();
  if (port < 1 || port > 65535 || !isProtocol(protocol)) return undefined;
  return { port, protocol };
}

/** Whether a connection is allowed, with the policy rules that decide it on each side. */
export async function netpolEval(options: NetpolEvalOptions): Promise<NetpolOutput & { readonly result: EvalResult }> {
  const spec = parsePortSpec(options.port);
  if (spec === undefined) {
    throw new PalisadeError(problem('netpol-invalid', `"${options.port}" is not PORT or PORT/PROTOCOL`, {}, 'Give a port in 1-65535, optionally with /TCP, /UDP or /SCTP, e.g. 8080 or 53/UDP.'));
  }
  const { resources, problems } = await load(options);
  const result = guarded(() => evaluateConnection(resources, { source: options.source, destination: options.destination, ...spec }));
  const output = options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatEvaluation(result);
  return { output, problems, result };
}
