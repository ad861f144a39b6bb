/**
 * The conformance mappings (src/frameworks/conformance/) name registered rules only, and the
 * differences they explain belong to mapped checks. `npm run conformance` runs them over the suites.
 */
import { describe, expect, it } from 'vitest';
import * as M from '../../src/frameworks/conformance/index.js';
import { RULES } from '../../src/rules/index.js';
import { scanYaml } from '../support/rule-harness.js';

const RULE_IDS = new Set(RULES.map((r) => r.id));
/** A mapping's rule and the rules whose findings it also counts. */
const ruleIdsOf = (mapping: { readonly rule: string; readonly also?: readonly { readonly rule: string }[] }): string[] => [mapping.rule, ...(mapping.also ?? []).map((also) => also.rule)];

describe('conformance mappings', () => {
  const maps = { CHECKOV: M.CHECKOV, KUBESCAPE_CLUSTER: M.KUBESCAPE_CLUSTER, KUBESCAPE_CLUSTER_EXTRA: M.KUBESCAPE_CLUSTER_EXTRA, KUBESCAPE_WORKLOAD_EXTRA: M.KUBESCAPE_WORKLOAD_EXTRA, POLARIS_EXTRA: M.POLARIS_EXTRA, KALM_CLUSTER: M.KALM_CLUSTER, KUBESCAPE: M.KUBESCAPE, POLARIS: M.POLARIS, KUBE_LINTER: M.KUBE_LINTER, KALM: M.KALM };

  it.each(Object.entries(maps))('%s names registered rules only', (_name, map) => {
    expect(Object.values(map).flatMap(ruleIdsOf).filter((id) => !RULE_IDS.has(id))).toEqual([]);
  });

  it('maps kubesec\'s critical checks to registered rules', () => {
    expect(M.KUBESEC_CRITICAL.map((m) => m.rule).filter((id) => !RULE_IDS.has(id))).toEqual([]);
  });

  it('explains differences of mapped checks only', () => {
    const checkov = Object.keys(M.CHECKOV_DIFFERENCES).map((key) => key.slice(0, key.indexOf(':')));
    expect(checkov.filter((check) => !(check in M.CHECKOV))).toEqual([]);
    const kubescape = Object.keys(M.KUBESCAPE_CLUSTER_DIFFERENCES).map((key) => key.slice(0, key.lastIndexOf('/')));
    expect(kubescape.filter((rule) => !(rule in M.KUBESCAPE_CLUSTER))).toEqual([]);
    const extras = Object.keys(M.KUBESCAPE_EXTRA_DIFFERENCES).map((key) => key.slice(0, key.lastIndexOf('/')));
    expect(extras.filter((rule) => !(rule in M.KUBESCAPE_CLUSTER_EXTRA) && !(rule in M.KUBESCAPE_WORKLOAD_EXTRA))).toEqual([]);
    expect(Object.keys(M.POLARIS_EXTRA_DIFFERENCES).filter((file) => !((file.split('/')[1] ?? '') in M.POLARIS_EXTRA))).toEqual([]);
    expect([...M.CHECKOV_PER_CONTAINER].filter((check) => !(check in M.CHECKOV))).toEqual([]);
    for (const reason of [...Object.values(M.CHECKOV_DIFFERENCES), ...Object.values(M.KUBESCAPE_CLUSTER_DIFFERENCES), ...Object.values(M.KUBESEC_DIFFERENCES)]) {
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});

describe('conformance message patterns', () => {
  const roleGranting = (name: string, resource: string, verb: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: team}
rules:
  - apiGroups: ["", rbac.authorization.k8s.io]
    resources: [${resource}]
    verbs: [${verb}]
`;
  const rule = RULES.find((r) => r.id === 'rbac-escalation-verbs');

  it('select rbac-escalation-verbs findings by the verb granted, not by a word that contains it ("binding")', async () => {
    if (rule === undefined) throw new Error('rbac-escalation-verbs is not registered');
    const scan = await scanYaml(rule, [roleGranting('impersonator', 'serviceaccounts', 'impersonate'), roleGranting('binder', 'clusterroles', 'bind'), roleGranting('escalator', 'roles', 'escalate')].join('---\n'));
    const matched = (check: 'RbacBindRoleBindings' | 'RbacEscalateRoles'): string[] =>
      scan.findings.filter((f) => M.CHECKOV[check]?.message?.test(f.message) === true).map((f) => f.resource.name);
    expect(scan.findings.map((f) => f.resource.name).sort()).toEqual(['binder', 'escalator', 'impersonator']);
    expect(matched('RbacBindRoleBindings')).toEqual(['binder']);
    expect(matched('RbacEscalateRoles')).toEqual(['escalator']);
  });
});

describe('Kalm\'s runAsUser and runAsGroup checks', () => {
  const rule = RULES.find((r) => r.id === 'run-as-uid-zero');
  const pod = `apiVersion: v1
kind: Pod
metadata: {name: root-ids, namespace: team}
spec:
  securityContext: {runAsNonRoot: true, runAsUser: 10000}
  containers:
    - name: app
      image: registry.example/app:1
      securityContext: {runAsUser: 0, runAsGroup: 0}
`;

  it('judge the values written (POD-018 the UID, POD-019 the GID), not runAsNonRoot as POD-017 does', async () => {
    if (rule === undefined) throw new Error('run-as-uid-zero is not registered');
    const scan = await scanYaml(rule, pod);
    const matched = (check: 'POD-018' | 'POD-019'): string[] => {
      const mapping = M.KALM[check];
      return scan.findings.filter((f) => f.ruleId === mapping?.rule && mapping.message?.test(f.message) === true).map((f) => f.location.path);
    };
    expect(M.KALM['POD-017']?.rule).toBe('run-as-root');
    expect(matched('POD-018')).toEqual(['/spec/containers/0/securityContext/runAsUser']);
    expect(matched('POD-019')).toEqual(['/spec/containers/0/securityContext/runAsGroup']);
  });
});

describe('workload check mappings ask what the other tool asks', () => {
  const pod = (name: string, spec: string): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: team}
spec:
${spec}`;
  const pods = [
    pod('read-only-app-data', '  volumes: [{name: d, hostPath: {path: /data/app}}]\n  containers: [{name: a, image: app:1, volumeMounts: [{name: d, mountPath: /d, readOnly: true}]}]\n'),
    pod('writable-etc', '  volumes: [{name: d, hostPath: {path: /etc}}]\n  containers: [{name: a, image: app:1, volumeMounts: [{name: d, mountPath: /d}]}]\n'),
    pod('docker-socket', '  volumes: [{name: d, hostPath: {path: /var/run/docker.sock}}]\n  containers: [{name: a, image: app:1, volumeMounts: [{name: d, mountPath: /d, readOnly: true}]}]\n'),
    pod('host-process', '  securityContext: {windowsOptions: {hostProcess: true}}\n  hostNetwork: true\n  containers: [{name: a, image: app:1}]\n'),
    pod('privileged', '  containers: [{name: a, image: app:1, securityContext: {privileged: true}}]\n'),
    pod('drops-net-raw', '  containers: [{name: a, image: app:1, securityContext: {capabilities: {drop: [NET_RAW]}}}]\n'),
    pod('seccomp-unconfined', '  containers: [{name: a, image: app:1, securityContext: {seccompProfile: {type: Unconfined}}}]\n'),
    pod('seccomp-unset', '  containers: [{name: a, image: app:1}]\n'),
  ].join('---\n');

  async function flagged(mapping: { readonly rule: string; readonly message?: RegExp } | undefined): Promise<string[]> {
    const rule = RULES.find((r) => r.id === mapping?.rule);
    if (mapping === undefined || rule === undefined) throw new Error('unmapped check or unregistered rule');
    const scan = await scanYaml(rule, pods);
    return [...new Set(scan.findings.filter((f) => mapping.message === undefined || mapping.message.test(f.message)).map((f) => f.resource.name))].sort();
  }

  it('any hostPath for Kubescape alert-any-hostpath and Polaris hostPathSet, write access for Kalm POD-042, runtime sockets for containers-mounting-docker-socket', async () => {
    const anyHostPath = ['docker-socket', 'read-only-app-data', 'writable-etc'];
    expect(await flagged(M.KUBESCAPE['alert-any-hostpath'])).toEqual(anyHostPath);
    expect(await flagged(M.POLARIS.hostPathSet)).toEqual(anyHostPath);
    expect(await flagged(M.KALM['POD-042'])).toEqual(['writable-etc']);
    expect(await flagged(M.KUBESCAPE['containers-mounting-docker-socket'])).toEqual(['docker-socket']);
  });

  it('privileged and HostProcess apart, NET_RAW dropped by name, an Unconfined profile as a defined one', async () => {
    for (const privileged of [M.KUBESCAPE['rule-privileged-container'], M.POLARIS.runAsPrivileged, M.KUBE_LINTER['privileged-container'], M.KALM['POD-032']]) {
      expect(await flagged(privileged)).toEqual(['privileged']);
    }
    for (const hostProcess of [M.KUBESCAPE['set-hostprocess-true'], M.POLARIS.hostProcess]) expect(await flagged(hostProcess)).toEqual(['host-process']);
    expect(await flagged(M.KUBESCAPE['drop-capability-netraw'])).not.toContain('drops-net-raw');
    const seccomp = await flagged(M.KUBESCAPE['set-seccomp-profile']);
    expect(seccomp).toContain('seccomp-unset');
    expect(seccomp).not.toContain('seccomp-unconfined');
  });
});
