/**
 * `palisade netpol list|diff|eval`: NetworkPolicy reachability. list and diff write
 * netpol-analyzer's formats byte for byte, so its users can switch.
 */
import { Command, Option } from 'commander';
import {
  formatProblem,
  netpolDiff,
  netpolEval,
  netpolGenerate,
  netpolList,
  netpolOptionProblems,
  NETPOL_DIFF_FORMATS,
  NETPOL_LIST_FORMATS,
  NETPOL_PALISADE_FORMATS,
  PalisadeError,
  type NetpolDiffFormat,
  type NetpolListFormat,
  type NetpolOutput,
  type NetpolPalisadeFormat,
  type Problem,
} from '../sdk/index.js';
import { collectList, emit, EXIT, filesRead, printProblems, refuseOptions } from './io.js';
import { unusedFlagsProblem } from './usage.js';
import { visibleControlsFor } from '../lib/visible-controls.js';

const LIST_EXAMPLES = `
Examples:
  palisade netpol list manifests/                       allowed connections, one per line
  palisade netpol list manifests/ --output json
  palisade netpol list manifests/ --focus-workload shop/frontend
  palisade netpol list manifests/ --exposure             who else could reach or be reached
  palisade netpol list manifests/ --output dot | dot -Tsvg > graph.svg
  palisade netpol list manifests/ --output html -f graph.html    a self-contained picture
  palisade netpol list manifests/ --output palisade-json         connections with the rules that allow them`;

const EVAL_EXAMPLES = `
Examples:
  palisade netpol eval manifests/ --source shop/frontend --destination shop/backend --port 8080
  palisade netpol eval manifests/ --source shop/frontend --destination 8.8.8.8 --port 53/UDP

Exit code: 0 when the connection is allowed, 1 when it is denied, 2 for bad input.`;

const GENERATE_EXAMPLES = `
Examples:
  palisade netpol generate manifests/ -o policies.yaml      from Services named in container env
  palisade netpol generate manifests/ --observed flows.jsonl from observed traffic
  palisade netpol list manifests/ policies.yaml              check what the policies leave open`;

/** Reports loader problems; true when nothing usable was read. */
function reportLoad(problems: readonly Problem[]): boolean {
  // Loader notes stay quiet; what the analysis could not model is always said.
  printProblems(problems.filter((p) => p.code !== 'netpol-not-modelled'), true);
  printProblems(problems.filter((p) => p.code === 'netpol-not-modelled'), false);
  return problems.some((p) => p.code === 'no-input' || p.code === 'input-not-found');
}

/** `format`: the output format, for JSON's own escaping of control characters (YAML otherwise). */
async function run(step: () => Promise<NetpolOutput>, file: string | undefined, inputs: readonly string[], format = 'yaml'): Promise<NetpolOutput | undefined> {
  try {
    const result = await step();
    if (reportLoad(result.problems)) {
      process.exitCode = EXIT.usage;
      return undefined;
    }
    // Workload names come from the manifests: no raw control character gets through.
    if (!emit(visibleControlsFor(format)(result.output), file, inputs)) {
      process.exitCode = EXIT.usage;
      return undefined;
    }
    return result;
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    process.stderr.write(`${formatProblem(error.problem)}\n`);
    process.exitCode = EXIT.usage;
    return undefined;
  }
}

interface ListFlags {
  output: NetpolListFormat | NetpolPalisadeFormat;
  focusWorkload?: string[];
  focusWorkloadPeer?: string[];
  focusDirection?: 'ingress' | 'egress';
  focusConn?: string;
  exposure?: boolean;
  multipleNetworks?: boolean;
  file?: string;
}

export function netpolCommand(): Command {
  const netpol = new Command('netpol').description('NetworkPolicy reachability: who can reach whom, diffs, single-connection verdicts');
  netpol
    .command('list')
    .description('list every allowed connection between workloads and external addresses')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(new Option('--output <format>', 'output format (palisade-json: with the rules allowing each connection; html: a picture)').choices([...NETPOL_LIST_FORMATS, ...NETPOL_PALISADE_FORMATS]).default('txt'))
    .option('--focus-workload <names>', 'only connections of these workloads (name or namespace/name; repeatable, comma-separated)', collectList)
    .option('--focus-workload-peer <names>', 'with --focus-workload: only connections whose other end is one of these', collectList)
    .addOption(new Option('--focus-direction <direction>', 'with --focus-workload: only connections into or out of it').choices(['ingress', 'egress']))
    .option('--focus-conn <protocol-port>', 'only connections allowing this port, e.g. udp-53')
    .option('--exposure', 'add the exposure analysis: entire-cluster exposure, potential peers matched by selectors, unprotected workloads')
    .option('--multiple-networks', 'analyse each network apart: pod network, primary UDN/CUDN, NetworkAttachmentDefinitions with MultiNetworkPolicies')
    .option('-f, --file <path>', 'write the output to a file')
    .addHelpText('after', LIST_EXAMPLES)
    .action(async (paths: string[], flags: ListFlags) => {
      const unused = flags.focusWorkload === undefined ? unusedFlagsProblem({ '--focus-workload-peer': flags.focusWorkloadPeer, '--focus-direction': flags.focusDirection }, 'without --focus-workload', 'Name the workload with --focus-workload NAMESPACE/NAME.') : undefined;
      if (refuseOptions([...(unused === undefined ? [] : [unused]), ...netpolOptionProblems(flags.focusConn === undefined ? {} : { focusConn: flags.focusConn })], false)) return;
      const options = {
        paths,
        format: flags.output,
        focusWorkloads: flags.focusWorkload ?? [],
        focusWorkloadPeers: flags.focusWorkloadPeer ?? [],
        ...(flags.focusDirection === undefined ? {} : { focusDirection: flags.focusDirection }),
        ...(flags.focusConn === undefined ? {} : { focusConn: flags.focusConn }),
        exposure: flags.exposure === true,
        multipleNetworks: flags.multipleNetworks === true,
      };
      await run(() => netpolList(options), flags.file, paths, flags.output);
    });
  netpol
    .command('diff')
    .description('connections changed, added and removed from DIR1 (old) to DIR2 (new)')
    .argument('<dir1>', 'reference manifests')
    .argument('<dir2>', 'changed manifests')
    .addOption(new Option('--output <format>', 'output format').choices([...NETPOL_DIFF_FORMATS]).default('txt'))
    .option('--multiple-networks', 'compare every network (pod network, UDN/CUDN, NetworkAttachmentDefinitions) of each side')
    .option('-f, --file <path>', 'write the output to a file')
    .addHelpText('after', '\nExample:\n  palisade netpol diff release-1.0/ release-1.1/ --output csv')
    .action(async (dir1: string, dir2: string, flags: { output: NetpolDiffFormat; multipleNetworks?: boolean; file?: string }) => {
      await run(() => netpolDiff({ ref1: [dir1], ref2: [dir2], format: flags.output, multipleNetworks: flags.multipleNetworks === true }), flags.file, [dir1, dir2], flags.output);
    });
  netpol
    .command('eval')
    .description('is one connection allowed, and which policy rules decide it')
    .argument('<paths...>', 'manifest files or directories')
    .requiredOption('--source <endpoint>', 'namespace/name of a workload, or an IPv4 address')
    .requiredOption('--destination <endpoint>', 'namespace/name of a workload, or an IPv4 address')
    .requiredOption('--port <port>', 'PORT or PORT/PROTOCOL (TCP, UDP, SCTP; TCP by default)')
    .addOption(new Option('--output <format>', 'output format').choices(['txt', 'json']).default('txt'))
    .addHelpText('after', EVAL_EXAMPLES)
    .action(async (paths: string[], flags: { source: string; destination: string; port: string; output: 'txt' | 'json' }) => {
      const result = await run(() => netpolEval({ paths, source: flags.source, destination: flags.destination, port: flags.port, format: flags.output }), undefined, paths, flags.output);
      if (result !== undefined && 'result' in result) process.exitCode = (result as Awaited<ReturnType<typeof netpolEval>>).result.allowed ? EXIT.ok : EXIT.findings;
    });
  netpol
    .command('generate')
    .description('write least-privilege NetworkPolicies (default deny, DNS, needed connections) for the manifests')
    .argument('<paths...>', 'manifest files or directories')
    .option('--observed <file>', 'take the needed connections from JSON lines {src, dst, port, protocol} instead of Service references in env')
    .option('-o, --output <file>', 'write the policies to a file instead of stdout')
    .addHelpText('after', GENERATE_EXAMPLES)
    .action(async (paths: string[], flags: { observed?: string; output?: string }) => {
      if (refuseOptions(netpolOptionProblems(flags.observed === undefined ? {} : { observed: flags.observed }), false)) return;
      await run(() => netpolGenerate({ paths, ...(flags.observed === undefined ? {} : { observed: flags.observed }) }), flags.output, filesRead(paths, flags.observed));
    });
  return netpol;
}
