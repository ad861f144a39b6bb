import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from '../../model/k8s.js';
import { evaluatePodSecurity, rebasePssPath } from './evaluate.js';
import { podSecurityViolationMessage } from './aggregate.js';
import type { PssLevel, PssVersion } from './types.js';

/** A pod that passes restricted at every version: the starting point of each case. */
function restrictedPod(): Record<string, unknown> {
  const hardened = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    initContainers: [{ name: 'init', image: 'busybox', securityContext: hardened() }],
    containers: [{ name: 'app', image: 'nginx', securityContext: hardened() }],
  };
}

function evaluate(level: PssLevel, version: PssVersion, spec: Record<string, unknown>, meta: ObjectMeta = {}) {
  return evaluatePodSecurity(level, version, meta, spec);
}

function summary(level: PssLevel, version: PssVersion, spec: Record<string, unknown>, meta: ObjectMeta = {}): string {
  return podSecurityViolationMessage(level, version, evaluate(level, version, spec, meta));
}

describe('evaluatePodSecurity', () => {
  it('allows everything at the privileged level', () => {
    expect(evaluate('privileged', 'latest', { hostNetwork: true, containers: [{ name: 'a', securityContext: { privileged: true } }] })).toEqual([]);
  });

  it('reports checks in upstream order (baseline ids sorted, then restricted) with ids, controls and paths', () => {
    const spec = { hostPID: true, containers: [{ name: 'app', securityContext: { privileged: true } }] };
    const results = evaluate('restricted', 'latest', spec);
    expect(results.map((r) => [r.id, r.control])).toEqual([
      ['hostNamespaces', 'Host Namespaces'],
      ['privileged', 'Privileged Containers'],
      ['allowPrivilegeEscalation', 'Privilege Escalation'],
      ['capabilities_restricted', 'Capabilities'],
      ['runAsNonRoot', 'Running as Non-root'],
      ['seccompProfile_restricted', 'Seccomp'],
    ]);
    expect(results[1]?.paths).toEqual(['/spec/containers/0/securityContext/privileged']);
    expect(podSecurityViolationMessage('restricted', 'latest', results)).toBe(
      'violates PodSecurity "restricted:latest": host namespaces (hostPID=true), privileged (container "app" must not set securityContext.privileged=true), ' +
        'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('lets restricted checks replace the baseline checks they override', () => {
    const spec = restrictedPod();
    spec.volumes = [{ name: 'host', hostPath: { path: '/' } }];
    expect(evaluate('restricted', 'latest', spec).map((r) => r.id)).toEqual(['restrictedVolumes']);
    expect(evaluate('baseline', 'latest', spec).map((r) => r.id)).toEqual(['hostPathVolumes']);
  });

  it('checks ephemeral containers too', () => {
    const spec = { containers: [{ name: 'app' }], ephemeralContainers: [{ name: 'debug', securityContext: { privileged: true } }] };
    expect(evaluate('baseline', 'v1.0', spec)[0]?.paths).toEqual(['/spec/ephemeralContainers/0/securityContext/privileged']);
  });

  it('clamps future versions to the newest policy and keeps the label in the message', () => {
    const spec = { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }] }, containers: [{ name: 'a' }] };
    expect(evaluate('baseline', 'v1.99', spec)).toEqual([]);
    expect(summary('baseline', 'v1.36', spec)).toBe('violates PodSecurity "baseline:v1.36": forbidden sysctls (net.ipv4.tcp_notsent_lowat)');
  });

  it('rejects a version string that is not latest or v1.x', () => {
    expect(() => evaluate('baseline', 'v1.07', {})).toThrow(/must be "latest" or "v1.x"/);
  });

  it('treats fields of the wrong type as absent instead of throwing', () => {
    const hostile = { containers: 'nope', volumes: [null, 3, { name: 7 }], securityContext: [], hostNetwork: 'true' };
    expect(evaluate('baseline', 'latest', hostile)).toEqual([]);
    expect(evaluate('restricted', 'latest', { containers: [null, { securityContext: 'x' }] }).map((r) => r.id)).toContain('runAsNonRoot');
  });

  it('maps pod-relative paths onto a workload template', () => {
    expect(rebasePssPath('/spec/containers/0', '/spec/template/metadata', '/spec/template/spec')).toBe('/spec/template/spec/containers/0');
    expect(rebasePssPath('/metadata/annotations/a~1b', '/spec/template/metadata', '/spec/template/spec')).toBe('/spec/template/metadata/annotations/a~1b');
  });
});

describe('version-specific behaviour', () => {
  it('introduces allowPrivilegeEscalation at v1.8, seccomp at v1.19, capabilities at v1.22 and runAsUser at v1.23', () => {
    const spec = {
      securityContext: { runAsNonRoot: true, runAsUser: 0 },
      containers: [{ name: 'app' }],
    };
    const ids = (version: PssVersion) => evaluate('restricted', version, spec).map((r) => r.id);
    expect(ids('v1.7')).toEqual([]);
    expect(ids('v1.8')).toEqual(['allowPrivilegeEscalation']);
    expect(ids('v1.19')).toEqual(['allowPrivilegeEscalation', 'seccompProfile_restricted']);
    expect(ids('v1.22')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
    expect(ids('v1.23')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsUser', 'seccompProfile_restricted']);
  });

  it('reads seccomp annotations before v1.19 and the fields from v1.19', () => {
    const meta = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/p' } };
    const spec = { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'app' }] };
    expect(summary('baseline', 'v1.18', spec, meta)).toBe('violates PodSecurity "baseline:v1.18": seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")');
    expect(summary('baseline', 'v1.19', spec, meta)).toBe('violates PodSecurity "baseline:v1.19": seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")');
  });

  it('exempts Windows pods from the Linux-only restricted checks from v1.25', () => {
    const spec = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'app' }] };
    expect(evaluate('restricted', 'v1.24', spec).map((r) => r.id)).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
    // At restricted, the Windows exemption also covers the baseline seccomp check it overrides.
    expect(evaluate('restricted', 'v1.25', spec)).toEqual([]);
    expect(evaluate('baseline', 'v1.25', spec).map((r) => r.id)).toEqual(['seccompProfile_baseline']);
  });

  it('relaxes runAsNonRoot, runAsUser and baseline procMount for user-namespace pods from v1.35 only', () => {
    const spec = restrictedPod();
    spec.hostUsers = false;
    spec.securityContext = { runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } };
    (spec.containers as Record<string, unknown>[])[0] = { name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' } };
    expect(evaluate('restricted', 'v1.34', spec).map((r) => r.id)).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
    expect(evaluate('restricted', 'v1.35', spec).map((r) => r.id)).toEqual(['procMount_restricted']);
    expect(evaluate('baseline', 'v1.34', spec).map((r) => r.id)).toEqual(['procMount']);
    expect(evaluate('baseline', 'v1.35', spec)).toEqual([]);
    spec.hostUsers = true;
    expect(evaluate('baseline', 'v1.35', spec).map((r) => r.id)).toEqual(['procMount']);
  });

  it('allows container_engine_t from v1.31', () => {
    const spec = { securityContext: { seLinuxOptions: { type: 'container_engine_t' } }, containers: [{ name: 'a' }] };
    expect(summary('baseline', 'v1.30', spec)).toBe('violates PodSecurity "baseline:v1.30": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "container_engine_t")');
    expect(evaluate('baseline', 'v1.31', spec)).toEqual([]);
  });

  it('checks probe and lifecycle hosts from v1.34', () => {
    const spec = {
      containers: [
        { name: 'b', livenessProbe: { httpGet: { host: 'z.example', port: 80 } }, lifecycle: { preStop: { tcpSocket: { host: 'a.example', port: 1 } } } },
        { name: 'a', startupProbe: { tcpSocket: { host: 'z.example', port: 1 } } },
      ],
    };
    expect(evaluate('baseline', 'v1.33', spec)).toEqual([]);
    const [result] = evaluate('baseline', 'v1.34', spec);
    expect(result?.detail).toBe('containers "a", "b" use probe or lifecycle hosts "a.example", "z.example"');
    expect(result?.paths).toEqual(['/spec/containers/0/livenessProbe/httpGet/host', '/spec/containers/0/lifecycle/preStop/tcpSocket/host', '/spec/containers/1/startupProbe/tcpSocket/host']);
  });
});

describe('upstream message details', () => {
  it('words AppArmor violations from fields and annotations together', () => {
    const spec = {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [{ name: 'app', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } }, { name: 'side', securityContext: { appArmorProfile: {} } }],
    };
    const meta = { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/x': 'localhost/ok' } };
    const [result] = evaluate('baseline', 'latest', spec, meta);
    expect(result?.reason).toBe('forbidden AppArmor profiles');
    expect(result?.detail).toBe('pod and container "side" and annotation must not set AppArmor profile type to "", "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined""');
  });

  it('sorts host ports as strings and capabilities as a set, as upstream does', () => {
    const spec = {
      containers: [
        { name: 'a', ports: [{ containerPort: 1, hostPort: 9 }, { containerPort: 2, hostPort: 10 }], securityContext: { capabilities: { add: ['SYS_ADMIN', 'NET_RAW', 'CHOWN'] } } },
        { name: 'b', ports: [{ containerPort: 3, hostPort: 0 }], securityContext: { capabilities: { add: ['NET_RAW'] } } },
      ],
    };
    expect(evaluate('baseline', 'latest', spec).map((r) => `${r.reason}: ${r.detail}`)).toEqual([
      'non-default capabilities: containers "a", "b" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
      'hostPort: container "a" uses hostPorts 10, 9',
    ]);
  });

  it('names volume types in upstream order, with API defaulting for volumes without a source', () => {
    const spec = restrictedPod();
    spec.volumes = [{ name: 'empty' }, { name: 'nfs', nfs: { server: 's', path: '/' } }, { name: 'odd', futureSource: {} }, { name: 'pvc', persistentVolumeClaim: { claimName: 'c' } }];
    const [result] = evaluate('restricted', 'latest', spec);
    expect(result?.detail).toBe('volumes "nfs", "odd" use restricted volume types "nfs", "unknown"');
  });

  it('words SELinux, hostProcess, runAsUser and seccomp details like upstream', () => {
    const spec = restrictedPod();
    spec.securityContext = { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'Unconfined' }, seLinuxOptions: { user: 'u', role: 'r' }, windowsOptions: { hostProcess: true } };
    const containers = spec.containers as Record<string, unknown>[];
    containers[0] = { name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0, seLinuxOptions: { type: 'spc_t' }, seccompProfile: { type: 'Localhost', localhostProfile: 'p' } } };
    expect(evaluate('restricted', 'latest', spec).map((r) => `${r.reason}: ${r.detail}`)).toEqual([
      'seLinuxOptions: pod and container "app" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set',
      'hostProcess: pod must not set securityContext.windowsOptions.hostProcess=true',
      'runAsUser=0: pod and container "app" must not set runAsUser=0',
      'seccompProfile: pod must not set securityContext.seccompProfile.type to "Unconfined"',
    ]);
  });
});
