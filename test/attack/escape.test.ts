/**
 * Escape vectors as the attacker inside the container meets them: a hostPath volume counts only
 * when a container mounts it, and paths dangerous only when written (logs, boot files, runtime
 * storage) do not count when every mount of them is read-only.
 */
import { describe, expect, it } from 'vitest';
import { escapeFacts } from '../../src/graph/attack/escape.js';
import { workloadOf } from '../../src/lib/k8s/workload.js';
import type { JsonObject } from '../../src/model/resource.js';

function vectors(volumes: JsonObject[], mounts: JsonObject[]): string[] {
  const template = workloadOf('Pod', { spec: { containers: [{ name: 'agent', image: 'agent:1', volumeMounts: mounts }, { name: 'side', image: 'side:1' }], volumes } });
  if (template === undefined) throw new Error('no pod template');
  return escapeFacts(template).map((f) => `${f.vector} ${f.path}`);
}

describe('hostPath escape vectors', () => {
  const logs = { name: 'varlog', hostPath: { path: '/var/log' } };
  const sock = { name: 'sock', hostPath: { path: '/var/run/containerd/containerd.sock' } };

  it('count a written mount of the node logs, not a read-only one', () => {
    expect(vectors([logs], [{ name: 'varlog', mountPath: '/var/log' }])).toEqual(['host-path /spec/volumes/0/hostPath/path']);
    expect(vectors([logs], [{ name: 'varlog', mountPath: '/var/log', readOnly: true }])).toEqual([]);
  });

  it('count the runtime socket even read-only (connecting ignores a read-only mount)', () => {
    expect(vectors([sock], [{ name: 'sock', mountPath: '/run/containerd.sock', readOnly: true }])).toEqual(['runtime-socket /spec/volumes/0/hostPath/path']);
  });

  it('do not count a volume no container mounts', () => {
    expect(vectors([logs, sock], [])).toEqual([]);
  });
});
