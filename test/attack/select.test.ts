/** Crown jewels from the configuration and the palisade.dev/crown-jewel label; entry and jewel specs. */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { JsonObject, Resource } from '../../src/model/resource.js';
import { analyzeAttackPaths } from '../../src/graph/attack/index.js';
import { PalisadeError } from '../../src/core/errors.js';

const NO_POSITIONS = { get: () => undefined, nearest: () => undefined };

function resources(text: string): Resource[] {
  return parseAllDocuments(text).map((doc) => {
    const object = doc.toJSON() as JsonObject;
    const meta = object.metadata as { name: string; namespace?: string };
    return { apiVersion: object.apiVersion as string, kind: object.kind as string, name: meta.name, ...(meta.namespace === undefined ? {} : { namespace: meta.namespace }), object, source: { file: 'test.yaml', documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: NO_POSITIONS } };
  });
}

const CLUSTER = resources(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: ledger, namespace: payments}
spec:
  selector: {matchLabels: {app: ledger}}
  template:
    metadata: {labels: {app: ledger}}
    spec: {automountServiceAccountToken: false, containers: [{name: app, image: ledger:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: vault, namespace: sec}
spec:
  selector: {matchLabels: {app: vault}}
  template:
    metadata: {labels: {app: vault, palisade.dev/crown-jewel: "true"}}
    spec: {automountServiceAccountToken: false, containers: [{name: app, image: vault:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shell, namespace: dev}
spec:
  selector: {matchLabels: {app: shell}}
  template:
    metadata: {labels: {app: shell}}
    spec: {nodeName: n1, automountServiceAccountToken: false, containers: [{name: app, image: shell:1, securityContext: {privileged: true}}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: pinned-ledger, namespace: payments}
spec:
  selector: {matchLabels: {app: pinned-ledger}}
  template:
    metadata: {labels: {app: pinned-ledger}}
    spec: {nodeName: n1, automountServiceAccountToken: false, containers: [{name: app, image: ledger:1}]}
`);

describe('crown jewels and entry points', () => {
  it('takes configured selectors and the crown-jewel label as jewels', () => {
    const result = analyzeAttackPaths({ resources: CLUSTER }, { from: ['namespace/dev'], to: ['configured'], jewelSelectors: [{ namespace: 'pay*', name: '*ledger' }] });
    expect(result.jewels).toEqual(['workload:payments/Deployment/ledger', 'workload:payments/Deployment/pinned-ledger', 'workload:sec/Deployment/vault']);
    // The privileged shell on n1 reaches the pinned ledger through the node, not the others.
    expect(result.paths.map((p) => p.jewel)).toEqual(['workload:payments/Deployment/pinned-ledger']);
    expect(result.paths[0]?.steps.map((s) => s.kind)).toEqual(['escape', 'host-compromise']);
    expect(result.cut.fixIds).toEqual(['drop-privilege:dev/Deployment/shell']);
  });

  it('selects jewels by pod labels and entries by pod name', () => {
    const result = analyzeAttackPaths({ resources: CLUSTER }, { from: ['pod/dev/shell-5c7d9-abcde'], to: ['selector app=pinned-ledger', 'nodes'] });
    expect(result.entries).toEqual(['workload:dev/Deployment/shell']);
    // The ledger lies beyond node n1, itself a jewel: no path runs through a jewel, so only n1 is listed.
    expect(result.paths.map((p) => p.jewel)).toEqual(['node:n1']);
    expect(result.jewels).toContain('workload:payments/Deployment/pinned-ledger');
  });

  it('refuses unknown specs with a coded problem', () => {
    expect(() => analyzeAttackPaths({ resources: CLUSTER }, { from: ['moon'] })).toThrow(PalisadeError);
    try {
      analyzeAttackPaths({ resources: CLUSTER }, { to: ['selector'] });
    } catch (error) {
      expect((error as PalisadeError).problem.code).toBe('attack-bad-target');
    }
  });

  it('refuses a pod the input lacks instead of answering "no attack path", with the closest name', () => {
    const problemOf = (from: string): { code: string; message: string } | undefined => {
      try {
        analyzeAttackPaths({ resources: CLUSTER }, { from: [from] });
      } catch (error) {
        if (error instanceof PalisadeError) return { code: error.problem.code, message: error.problem.message };
      }
      return undefined;
    };
    expect(problemOf('pod/payments/ledgr')).toEqual({ code: 'attack-bad-entry', message: '"pod/payments/ledgr" names no pod of the input. Did you mean "pod/payments/ledger"?' });
    expect(problemOf('pod/nowhere/ledger')?.message).toBe('"pod/nowhere/ledger" names no pod: the input has no workload in namespace nowhere');
    // A pod of the Deployment, named as the ReplicaSet names it, is still found.
    expect(problemOf('pod/payments/ledger-7d4b9c-x2x5z')).toBeUndefined();
  });
});
