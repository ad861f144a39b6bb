/**
 * Outcomes of ahmetb/kubernetes-network-policy-recipes (../shared/testdata/k8s/netpol-recipes).
 * The recipes create their pods, Services and namespaces with `kubectl run/create/label` in
 * prose, so each is materialised here from its text; the policies are the recipe's own YAML
 * blocks, applied as the text applies them; the expected outcome is the transcript's (index.json).
 * Services are resolved by hand to the container port they target.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { evaluateConnection } from '../../src/graph/netpol/index.js';

const SUITE = fileURLToPath(new URL('../../../shared/testdata/k8s/netpol-recipes/', import.meta.url));
const EXAMPLE_COM = '93.184.216.34';

interface Probe {
  readonly line: number;
  readonly outcome: 'allowed' | 'blocked';
}

interface Scenario {
  readonly recipe: string;
  /** Namespaces with their labels (default is implicit). */
  readonly namespaces?: Readonly<Record<string, Record<string, string>>>;
  /** Server pods: namespace/name -> labels and container ports. */
  readonly servers: Readonly<Record<string, { labels: Record<string, string>; ports: number[] }>>;
  /** Each probe line: client namespace and labels, destination (pod or address), container port, policy blocks in force. */
  readonly probes: Readonly<Record<number, { client: string; labels?: Record<string, string>; to: string; port: number; blocks: number[] }>>;
  /** Probes where Kubernetes semantics and the transcript part ways, with why. */
  readonly disagreements?: Readonly<Record<number, string>>;
}

const WEB = { 'default/web': { labels: { app: 'web' }, ports: [80] } };

const SCENARIOS: readonly Scenario[] = [
  { recipe: '01-deny-all-traffic-to-an-application', servers: WEB, probes: { 25: { client: 'default', to: 'default/web', port: 80, blocks: [] }, 56: { client: 'default', to: 'default/web', port: 80, blocks: [1] } } },
  {
    recipe: '02-limit-traffic-to-an-application',
    servers: { 'default/apiserver': { labels: { app: 'bookstore', role: 'api' }, ports: [80] } },
    probes: {
      49: { client: 'default', to: 'default/apiserver', port: 80, blocks: [1] },
      57: { client: 'default', labels: { app: 'bookstore', role: 'frontend' }, to: 'default/apiserver', port: 80, blocks: [1] },
    },
  },
  { recipe: '02a-allow-all-traffic-to-an-application', servers: WEB, probes: { 59: { client: 'default', to: 'default/web', port: 80, blocks: [1] } } },
  {
    recipe: '04-deny-traffic-from-other-namespaces',
    namespaces: { foo: {} },
    servers: WEB,
    probes: { 63: { client: 'foo', to: 'default/web', port: 80, blocks: [1] }, 73: { client: 'default', to: 'default/web', port: 80, blocks: [1] } },
  },
  { recipe: '05-allow-traffic-from-all-namespaces', namespaces: { secondary: {} }, servers: WEB, probes: { 73: { client: 'secondary', to: 'default/web', port: 80, blocks: [1] } } },
  {
    recipe: '06-allow-traffic-from-a-namespace',
    namespaces: { dev: { purpose: 'testing' }, prod: { purpose: 'production' } },
    servers: WEB,
    probes: { 71: { client: 'dev', to: 'default/web', port: 80, blocks: [1] }, 82: { client: 'prod', to: 'default/web', port: 80, blocks: [1] } },
  },
  {
    recipe: '07-allow-traffic-from-some-pods-in-another-namespace',
    namespaces: { other: { team: 'operations' } },
    servers: WEB,
    probes: {
      55: { client: 'default', to: 'default/web', port: 80, blocks: [1] },
      66: { client: 'default', labels: { type: 'monitoring' }, to: 'default/web', port: 80, blocks: [1] },
      77: { client: 'other', to: 'default/web', port: 80, blocks: [1] },
      89: { client: 'other', labels: { type: 'monitoring' }, to: 'default/web', port: 80, blocks: [1] },
    },
  },
  {
    // The Service maps 8001 -> 8000 and 5001 -> 5000 (metrics).
    recipe: '09-allow-traffic-only-to-a-port',
    servers: { 'default/apiserver': { labels: { app: 'apiserver' }, ports: [8000, 5000] } },
    probes: {
      94: { client: 'default', to: 'default/apiserver', port: 8000, blocks: [1] },
      97: { client: 'default', to: 'default/apiserver', port: 5000, blocks: [1] },
      107: { client: 'default', labels: { role: 'monitoring' }, to: 'default/apiserver', port: 8000, blocks: [1] },
      110: { client: 'default', labels: { role: 'monitoring' }, to: 'default/apiserver', port: 5000, blocks: [1] },
    },
  },
  {
    recipe: '10-allowing-traffic-with-multiple-selectors',
    servers: { 'default/db': { labels: { app: 'bookstore', role: 'db' }, ports: [6379] } },
    probes: {
      71: { client: 'default', labels: { app: 'inventory', role: 'web' }, to: 'default/db', port: 6379, blocks: [1] },
      82: { client: 'default', labels: { app: 'other' }, to: 'default/db', port: 6379, blocks: [1] },
    },
  },
  {
    recipe: '11-deny-egress-traffic-from-an-application',
    servers: WEB,
    probes: {
      57: { client: 'default', labels: { app: 'foo' }, to: 'default/web', port: 80, blocks: [1] },
      60: { client: 'default', labels: { app: 'foo' }, to: EXAMPLE_COM, port: 80, blocks: [1] },
      104: { client: 'default', labels: { app: 'foo' }, to: 'default/web', port: 80, blocks: [2] },
      108: { client: 'default', labels: { app: 'foo' }, to: EXAMPLE_COM, port: 80, blocks: [2] },
    },
  },
  {
    recipe: '14-deny-external-egress-traffic',
    servers: WEB,
    probes: {
      72: { client: 'default', labels: { app: 'foo' }, to: 'default/web', port: 80, blocks: [1] },
      85: { client: 'default', labels: { app: 'foo' }, to: EXAMPLE_COM, port: 80, blocks: [1] },
    },
    disagreements: {
      72: 'the transcript predates the recipe\'s current policy, which allows app=foo egress only to kube-dns on port 53: web:80 is denied',
    },
  },
];

function objects(s: Scenario, client: { namespace: string; labels: Record<string, string> }): string {
  const docs: string[] = [];
  for (const [name, labels] of Object.entries({ default: {}, ...(s.namespaces ?? {}) })) docs.push(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  const pod = (key: string, labels: Record<string, string>, ports: number[]): string => {
    const [namespace, name] = key.split('/');
    return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'c', image: 'x', ports: ports.map((containerPort) => ({ containerPort })) }] } });
  };
  for (const [key, server] of Object.entries(s.servers)) docs.push(pod(key, server.labels, server.ports));
  docs.push(pod(`${client.namespace}/client`, client.labels, []));
  // A leading comment keeps the stream YAML (flow mappings), not one JSON document.
  return `# materialised from the recipe text\n${docs.join('\n---\n')}`;
}

if (!existsSync(path.join(SUITE, 'index.json'))) {
  describe.skip('netpol recipes (suite folder absent: ../shared/testdata/k8s/netpol-recipes)', () => {
    it('needs the shared testdata', () => undefined);
  });
} else {
  const index = JSON.parse(readFileSync(path.join(SUITE, 'index.json'), 'utf8')) as { recipes: { recipe: string; probes: Probe[] }[] };
  describe('netpol recipes', () => {
    it('every materialised probe has the transcript outcome, except the explained disagreements', async () => {
      const wrong: string[] = [];
      let agree = 0;
      let total = 0;
      for (const s of SCENARIOS) {
        const recipe = index.recipes.find((r) => r.recipe === `recipes/${s.recipe}.md`);
        for (const probe of recipe?.probes ?? []) {
          const setup = s.probes[probe.line];
          if (setup === undefined) continue;
          total++;
          const client = { namespace: setup.client, labels: setup.labels ?? { run: 'test' } };
          const blocks = setup.blocks.map((b) => path.join(SUITE, 'recipes', s.recipe, `block${b}.yaml`));
          const loaded = await loadInputs({ paths: [...blocks, '-'], stdin: Readable.from([objects(s, client)]) });
          const result = evaluateConnection(loaded.resources, { source: `${client.namespace}/client`, destination: setup.to, port: setup.port, protocol: 'TCP' });
          const outcome = result.allowed ? 'allowed' : 'blocked';
          const explained = s.disagreements?.[probe.line];
          if (outcome === probe.outcome) agree++;
          else if (explained === undefined) wrong.push(`${s.recipe}:${probe.line}: transcript ${probe.outcome}, analysis ${outcome}`);
        }
      }
      console.log(`netpol recipes: ${agree}/${total} probes agree with the transcripts`);
      expect(wrong).toEqual([]);
      expect(total).toBeGreaterThan(20);
    });
  });
}
