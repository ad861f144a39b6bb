import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';
import { canonicalHostPath, sensitiveMatch } from './sensitive-paths.js';

describeRuleFixtures(rule);

describe('sensitive-host-path', () => {
  it('normalises paths as the kernel resolves them', () => {
    expect(canonicalHostPath('/var/run/docker.sock')).toBe('/run/docker.sock');
    expect(canonicalHostPath('/etc/')).toBe('/etc');
    expect(canonicalHostPath('//var//lib/./kubelet/')).toBe('/var/lib/kubelet');
    expect(canonicalHostPath('/tmp/../../etc')).toBe('/etc');
    expect(canonicalHostPath('/')).toBe('/');
    expect(canonicalHostPath('C:\\var\\log')).toBeUndefined();
  });

  it('matches a path, what lies under it, and what contains it, but not lookalikes', () => {
    expect(sensitiveMatch('/etc/kubernetes/pki')?.entry.path).toBe('/etc');
    expect(sensitiveMatch('/run')).toMatchObject({ contains: true, entry: { severity: 'critical' } });
    expect(sensitiveMatch('/var')).toMatchObject({ contains: true, entry: { severity: 'high' } });
    expect(sensitiveMatch('/etcetera')).toBeUndefined();
    expect(sensitiveMatch('/srv/data')).toBeUndefined();
  });

  it('gives runtime sockets and the root filesystem critical severity', async () => {
    const scan = await scanFixtures(rule, ['fail/host-paths.yaml']);
    expect(findingsFor(scan, 'fail-pod-docker-socket').map((f) => [f.severity, f.location.path, f.message])).toEqual([
      ['critical', '/spec/volumes/0/hostPath/path', 'volume "docker" gives container "app" the host path "/var/run/docker.sock": the Docker daemon\'s socket: whoever can write to it starts a privileged container on the node'],
    ]);
    expect(findingsFor(scan, 'fail-daemonset-host-root-trailing-slash').map((f) => f.severity)).toEqual(['critical']);
    const containerdDir = findingsFor(scan, 'fail-cronjob-containerd-dir');
    expect(containerdDir.map((f) => f.severity)).toEqual(['critical']);
    expect(containerdDir[0]?.message).toMatch(/^volume "run" declares \(no container mounts it yet\) the host path "\/run\/containerd", which contains \/run\/containerd\/containerd\.sock, containerd's socket/);
    expect(findingsFor(scan, 'fail-daemonset-host-root-trailing-slash')[0]?.message).toBe(
      'volume "host" gives container "agent" the host path "/": the node\'s whole filesystem: every credential on it, and writing cron jobs, SSH keys or binaries takes over the node',
    );
    expect(findingsFor(scan, 'fail-deployment-dot-dot').map((f) => f.severity)).toEqual(['high']);
    expect(findingsFor(scan, 'fail-pod-kubelet-and-logs')).toHaveLength(2);
    expect(findingsFor(scan, 'fail-pod-other-socket').map((f) => f.severity)).toEqual(['high']);
    expect(findingsFor(scan, 'fail-deployment-cloud-credentials').map((f) => f.message)).toEqual([
      'volume "aws" declares (no container mounts it yet) the host path "/.aws/credentials": AWS CLI credentials',
      'volume "kube" declares (no container mounts it yet) the host path "/srv/ci/.kube/": kubeconfig credentials',
    ]);
  });
});
