/**
 * Shadowed rules and dead peers on generated clusters (a fixed linear congruential generator, so
 * every run checks the same inputs): small namespaces of labelled pods with named ports, and
 * policies with random peers (pod and namespace selectors, ipBlocks with except), ports (numbers,
 * ranges, named, three protocols) and policy types. Whatever the rules call shadowed or dead, the
 * engine's connectivity list must not change when it is deleted; and the generator must produce
 * enough of both for the check to mean something.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { Analysis } from '../../src/graph/netpol/analysis.js';
import { buildCluster } from '../../src/graph/netpol/cluster.js';
import { editPolicy, normalisedList } from './findings-support.js';
import { ConnectionSet } from '../../src/graph/netpol/connections.js';
import { connectivityList } from '../../src/graph/netpol/connlist.js';
import { IntervalSet } from '../../src/graph/netpol/intervals.js';
import { internetEgress, PolicyUsage, PUBLIC_IPV4, ShadowAnalysis } from '../../src/graph/netpol/findings/index.js';

function generator(seed: number): { pick: <T>(list: readonly T[]) => T; chance: (p: number) => boolean } {
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return { pick: (list) => list[Math.floor(next() * list.length)] as (typeof list)[number], chance: (p) => next() < p };
}

const APPS = ['web', 'api', 'db'];
const NAMESPACES = ['red', 'blue'];

function cluster(seed: number): string {
  const { pick, chance } = generator(seed);
  const docs: string[] = NAMESPACES.map((ns) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}, labels: {team: ${ns === 'red' ? 'a' : 'b'}}}`);
  for (const ns of NAMESPACES) {
    for (const app of APPS) {
      docs.push(`apiVersion: v1
kind: Pod
metadata: {name: ${app}, namespace: ${ns}, labels: {app: ${app}, tier: ${pick(['front', 'back'])}}}
spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: ${pick([80, 8080])}}, {name: dns, containerPort: 53, protocol: UDP}]}]}`);
    }
  }
  const peer = (): string =>
    pick([
      () => `{podSelector: {matchLabels: {app: ${pick([...APPS, 'ghost'])}}}}`,
      () => `{podSelector: {matchLabels: {tier: ${pick(['front', 'back'])}}}}`,
      () => `{namespaceSelector: {matchLabels: {team: ${pick(['a', 'b', 'c'])}}}}`,
      () => `{namespaceSelector: {}, podSelector: {matchLabels: {app: ${pick(APPS)}}}}`,
      () => '{podSelector: {}}',
      () => `{ipBlock: {cidr: ${pick(['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16'])}${chance(0.3) ? ', except: [10.1.2.0/24]' : ''}}}`,
    ])();
  const port = (): string =>
    pick([
      () => `{port: ${pick([80, 8080, 443])}}`,
      () => `{port: ${pick([80, 8000])}, endPort: ${pick([8080, 9000])}}`,
      () => '{port: http}',
      () => '{port: dns, protocol: UDP}',
      () => `{protocol: ${pick(['TCP', 'UDP', 'SCTP'])}}`,
    ])();
  const rule = (field: string, named: boolean): string => {
    const peers = chance(0.15) ? '' : `${field}: [${Array.from({ length: pick([1, 1, 2, 3]) }, peer).join(', ')}]`;
    let ports = chance(0.25) ? '' : `ports: [${Array.from({ length: pick([1, 2]) }, port).join(', ')}]`;
    // Named ports towards addresses are refused by the engine: keep egress rules to pods when naming ports.
    if (!named && ports.includes('http') || (!named && ports.includes('dns'))) ports = 'ports: [{port: 443}]';
    return `{${[peers, ports].filter((p) => p !== '').join(', ')}}`;
  };
  for (let p = 0; p < 4; p++) {
    const ns = pick(NAMESPACES);
    const ingress = Array.from({ length: pick([0, 1, 2, 3]) }, () => rule('from', true));
    const egress = Array.from({ length: pick([0, 1, 2, 3]) }, () => rule('to', false));
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p${p}, namespace: ${ns}}
spec:
  podSelector: ${pick(['{}', `{matchLabels: {app: ${pick(APPS)}}}`, `{matchLabels: {tier: ${pick(['front', 'back'])}}}`])}
  policyTypes: [${[...(ingress.length > 0 || chance(0.5) ? ['Ingress'] : []), ...(egress.length > 0 ? ['Egress'] : [])].join(', ')}]
  ingress: [${ingress.join(', ')}]
  egress: [${egress.join(', ')}]`);
  }
  return `${docs.join('\n---\n')}\n`;
}



describe('shadowed rules and dead peers on generated clusters', () => {
  it('never changes the connectivity list when a reported rule or peer is deleted', async () => {
    const wrong: string[] = [];
    let shadowed = 0;
    let dead = 0;
    let judged = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const resources = (await loadInputs({ paths: ['-'], stdin: Readable.from([cluster(seed)]) })).resources;
      const before = normalisedList(resources);
      if (before === undefined) continue;
      judged++;
      const analysis = new Analysis(buildCluster(resources));
      const shadows = new ShadowAnalysis(analysis);
      const usage = new PolicyUsage(analysis.cluster);
      for (const policy of analysis.cluster.policies) {
        const verdict = shadows.verdict(policy);
        if (verdict.kind !== 'decided') continue;
        for (const s of verdict.shadowed) {
          shadowed++;
          const field = s.direction === 'Ingress' ? 'ingress' : 'egress';
          const after = normalisedList(editPolicy(resources, policy, (spec) => spec[field]?.splice(s.rule, 1)));
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            wrong.push(`seed ${seed}: ${policy.name} ${field} rule ${s.rule + 1} reported shadowed by ${s.coveredBy.join(', ')}`);
            if (process.env.DEBUG_SEED === String(seed)) console.log(cluster(seed), '\nBEFORE-AFTER', before.filter((l) => !after?.includes(l)), '\nAFTER-BEFORE', after?.filter((l) => !before.includes(l)));
          }
        }
        for (const d of usage.deadPeers(policy)) {
          if ((policy[d.direction][d.rule]?.peers?.length ?? 0) < 2) continue;
          dead++;
          const peers = d.direction === 'ingress' ? 'from' : 'to';
          const after = normalisedList(editPolicy(resources, policy, (spec) => ((spec[d.direction]?.[d.rule] as Record<string, unknown[]>)[peers] as unknown[]).splice(d.peer, 1)));
          if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`seed ${seed}: ${policy.name} ${d.direction} rule ${d.rule + 1} peer ${d.peer + 1} reported dead`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(judged).toBeGreaterThan(40);
    expect(shadowed).toBeGreaterThan(10);
    expect(dead).toBeGreaterThan(5);
  }, 300_000);

  it('finds internet egress exactly where the connectivity list reaches every public address', async () => {
    const wrong: string[] = [];
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const resources = (await loadInputs({ paths: ['-'], stdin: Readable.from([cluster(seed)]) })).resources;
      let lines;
      try {
        lines = connectivityList(resources).lines;
      } catch {
        continue;
      }
      const analysis = new Analysis(buildCluster(resources));
      for (const w of analysis.workloads) {
        // What the list lets w send to every public address: the intersection over the ranges covering them.
        let covered = IntervalSet.empty();
        let conns = ConnectionSet.all();
        for (const l of lines) {
          if (l.src !== w.key || l.dstRange === undefined || l.dstRange.intersect(PUBLIC_IPV4).isEmpty()) continue;
          covered = covered.union(l.dstRange);
          conns = conns.intersect(l.conns);
        }
        const listed = PUBLIC_IPV4.isSubsetOf(covered) ? conns : ConnectionSet.none();
        const verdict = internetEgress(analysis, w);
        kinds.add(verdict.kind);
        const claimed = verdict.kind === 'not-isolated' ? ConnectionSet.all() : verdict.kind === 'allowed' ? verdict.conns : ConnectionSet.none();
        if (!claimed.equals(listed)) wrong.push(`seed ${seed}: ${w.key} ${verdict.kind} ${claimed.toString()} but the list allows ${listed.toString()}`);
      }
    }
    expect(wrong).toEqual([]);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['allowed', 'not-isolated', 'restricted']));
  }, 300_000);
});
