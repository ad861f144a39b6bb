/**
 * The network findings against the engine itself, over the netpol-analyzer suite: deleting a rule
 * that network-policy-shadowed-rule calls shadowed, or a peer network-policy-peer-matches-nothing
 * calls dead (from a rule that keeps other peers), must leave the connectivity list unchanged;
 * a workload the isolation rules call open must be listed by netpol-analyzer's exposure analysis
 * as not protected. Skips with a notice when ../shared/testdata is absent.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import type { Resource } from '../../src/model/resource.js';
import { Analysis } from '../../src/graph/netpol/analysis.js';
import { buildCluster } from '../../src/graph/netpol/cluster.js';
import { connectivityList } from '../../src/graph/netpol/connlist.js';
import { editPolicy, normalisedList } from './findings-support.js';
import { isolationOf, PolicyUsage, ShadowAnalysis } from '../../src/graph/netpol/findings/index.js';
import { readIndex, SUITE, suitePresent } from './suite.js';

if (!suitePresent) console.log('netpol findings engine tests skipped: ../shared/testdata/k8s/netpol-analyzer is absent');



async function suiteInputs(): Promise<{ dir: string; resources: Resource[] }[]> {
  const dirs = [...new Set(readIndex().connlist_cases.filter((c) => !c.multiple_networks).map((c) => c.input_dir))];
  const out: { dir: string; resources: Resource[] }[] = [];
  for (const dir of dirs) out.push({ dir, resources: (await loadInputs({ paths: [path.join(SUITE, dir)] })).resources });
  return out;
}

describe.skipIf(!suitePresent)('network findings agree with the engine (netpol-analyzer suite)', () => {
  it('removing a shadowed rule or a dead peer changes no connection', async () => {
    const wrong: string[] = [];
    let shadowedSeen = 0;
    let deadSeen = 0;
    for (const { dir, resources } of await suiteInputs()) {
      const before = normalisedList(resources);
      if (before === undefined) continue;
      const analysis = new Analysis(buildCluster(resources));
      const shadows = new ShadowAnalysis(analysis);
      const usage = new PolicyUsage(analysis.cluster);
      for (const policy of analysis.cluster.policies) {
        const verdict = shadows.verdict(policy);
        if (verdict.kind !== 'decided') continue;
        for (const s of verdict.shadowed) {
          shadowedSeen++;
          const field = s.direction === 'Ingress' ? 'ingress' : 'egress';
          const after = normalisedList(editPolicy(resources, policy, (spec) => spec[field]?.splice(s.rule, 1)));
          if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${dir}: ${policy.namespace}/${policy.name} ${field} rule ${s.rule + 1} is not shadowed`);
        }
        for (const dead of usage.deadPeers(policy)) {
          const rule = policy[dead.direction][dead.rule];
          if ((rule?.peers?.length ?? 0) < 2) continue;
          deadSeen++;
          const peers = dead.direction === 'ingress' ? 'from' : 'to';
          const after = normalisedList(editPolicy(resources, policy, (spec) => ((spec[dead.direction]?.[dead.rule] as Record<string, unknown[]>)[peers] as unknown[]).splice(dead.peer, 1)));
          if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${dir}: ${policy.namespace}/${policy.name} ${dead.direction} rule ${dead.rule + 1} peer ${dead.peer + 1} is not dead`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The suite has such rules and peers: the property is not vacuous.
    expect(shadowedSeen).toBeGreaterThan(0);
    expect(deadSeen).toBeGreaterThan(0);
  }, 300_000);

  it('calls open exactly the workloads the exposure analysis lists as not protected', async () => {
    const wrong: string[] = [];
    for (const { dir, resources } of await suiteInputs()) {
      let unprotected: readonly string[];
      try {
        unprotected = connectivityList(resources, { exposure: true }).exposure?.unprotected ?? [];
      } catch {
        continue;
      }
      const analysis = new Analysis(buildCluster(resources));
      const open = analysis.workloads.flatMap((w) =>
        (['Ingress', 'Egress'] as const).filter((d) => !w.workload.hostNetwork && isolationOf(w, d).kind === 'open').map((d) => `${w.key} is not protected on ${d}`),
      );
      const expected = unprotected.filter((line) => !analysis.workloads.some((w) => w.workload.hostNetwork && line.startsWith(`${w.key} `)));
      if (JSON.stringify(open.sort()) !== JSON.stringify([...expected].sort())) wrong.push(dir);
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
