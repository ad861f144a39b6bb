/**
 * Conformance with np-guard/netpol-analyzer's suite (../shared/testdata/k8s/netpol-analyzer):
 * every connectivity case's txt/json/csv output must equal the golden file byte for byte, and
 * every must-fail case must be refused with a located error. The test prints agreement per
 * format (`netpol conformance txt: N/M equal`) and fails on any disagreement.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { connectivityList, diffConnectivity, formatConnectivity, formatDiff, NetpolError, parseFocusConn } from '../../src/graph/netpol/index.js';
import { caseName, golden, readIndex, SUITE, suitePresent } from './suite.js';


async function resourcesOf(dir: string): Promise<Awaited<ReturnType<typeof loadInputs>>['resources']> {
  return (await loadInputs({ paths: [path.join(SUITE, dir)] })).resources;
}

if (!suitePresent) {
  describe.skip('netpol-analyzer conformance (suite folder absent: ../shared/testdata/k8s/netpol-analyzer)', () => {
    it('needs the shared testdata', () => undefined);
  });
} else {
  const index = readIndex();

  describe('netpol-analyzer conformance', () => {
    it('connectivity lists equal the golden txt, json and csv files', async () => {
      const agreement = new Map<string, { pass: number; total: number }>();
      const disagreements: string[] = [];
      for (const c of index.connlist_cases) {
        const resources = await resourcesOf(c.input_dir);
        let list: ReturnType<typeof connectivityList> | Error;
        const focusConn = c.focus_conn === '' ? undefined : parseFocusConn(c.focus_conn);
        try {
          list = connectivityList(resources, {
            focusWorkloads: c.focus_workloads,
            focusWorkloadPeers: c.focus_workload_peers,
            ...(c.focus_direction === 'ingress' || c.focus_direction === 'egress' ? { focusDirection: c.focus_direction } : {}),
            ...(focusConn === undefined ? {} : { focusConn }),
            exposure: c.exposure_analysis,
            multipleNetworks: c.multiple_networks,
          });
        } catch (error) {
          list = error instanceof Error ? error : new Error(String(error));
        }
        for (const [format, file] of Object.entries(c.expected)) {
          const stats = agreement.get(format) ?? { pass: 0, total: 0 };
          agreement.set(format, stats);
          stats.total++;
          let output: string;
          if (list instanceof Error) output = `error: ${list.message}`;
          else output = formatConnectivity(list, format as 'txt', focusConn?.label);
          if (output === golden(file)) stats.pass++;
          else disagreements.push(`${caseName(c)} [${format}]: ${list instanceof Error ? list.message : 'output differs from the golden file'}`);
        }
      }
      for (const [format, s] of agreement) {
        console.log(`netpol conformance ${format}: ${s.pass}/${s.total} equal`);
      }
      expect(disagreements).toEqual([]);
    }, 300_000);

    it('must-fail cases are refused with the upstream message and a location', async () => {
      const wrong: string[] = [];
      let refused = 0;
      for (const c of index.fatal_error_cases) {
        const resources = await resourcesOf(c.input_dir);
        try {
          connectivityList(resources, { multipleNetworks: c.multiple_networks === true });
          wrong.push(`${c.input_dir}: accepted`);
        } catch (error) {
          if (!(error instanceof NetpolError)) {
            wrong.push(`${c.input_dir}: crashed with ${String(error)}`);
            continue;
          }
          refused++;
          if (c.error_substring !== null && !error.message.includes(c.error_substring)) wrong.push(`${c.input_dir}: message "${error.message}" lacks "${c.error_substring}"`);
          if (error.place === undefined) wrong.push(`${c.input_dir}: refused without a location`);
        }
      }
      console.log(`netpol conformance must-fail: ${refused}/${index.fatal_error_cases.length} refused`);
      expect(wrong).toEqual([]);
    }, 300_000);

    it('diffs equal the golden txt and csv files', async () => {
      const wrong: string[] = [];
      let pass = 0;
      let total = 0;
      for (const c of index.diff_cases) {
        const [one, two] = [await resourcesOf(c.ref1_dir), await resourcesOf(c.ref2_dir)];
        const options = { multipleNetworks: c.multiple_networks };
        for (const [format, file] of Object.entries(c.expected)) {
          total++;
          let output: string;
          try {
            output = formatDiff(diffConnectivity(connectivityList(one, options), connectivityList(two, options)), format as 'txt');
          } catch (error) {
            output = `error: ${String(error)}`;
          }
          if (output === golden(file)) pass++;
          else wrong.push(`${c.ref1_dir} -> ${c.ref2_dir} [${format}]`);
        }
      }
      console.log(`netpol conformance diff: ${pass}/${total} equal`);
      expect(wrong).toEqual([]);
    }, 300_000);
  });
}
