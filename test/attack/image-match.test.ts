/**
 * Exploit steps meet the scanned image however the pod spec writes its reference: Docker Hub
 * defaults (`docker.io`, `library/`, `latest`) and aliases resolve as the runtime resolves them.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths } from '../../src/graph/attack/index.js';
import { imageKey, isRemoteCodeExecution } from '../../src/graph/attack/vulns.js';
import type { ImageVulnerabilities } from '../../src/model/attack.js';
import type { Finding } from '../../src/model/finding.js';
import { resourcesOf } from './resources.js';

function exposed(image: string): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      containers:
        - {name: web, image: "${image}", ports: [{containerPort: 8080}], securityContext: {privileged: true}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;
}

function scanned(image: string): ImageVulnerabilities[] {
  return [{ image, vulnerabilities: [{ id: 'CVE-2024-0001', package: 'openssl', severity: 'critical', fixedVersion: '3.0.14', rce: true }] }];
}

function exploitSteps(podImage: string, scannedImage: string): string[] {
  const result = analyzeAttackPaths({ resources: resourcesOf(exposed(podImage)), vulnerabilities: scanned(scannedImage) }, { from: ['internet'], to: ['nodes'] });
  return result.paths.flatMap((p) => p.steps.filter((s) => s.kind === 'exploit').flatMap((s) => s.fixIds));
}

describe('image references of pods and scans', () => {
  it('resolve Docker Hub defaults, aliases and digests as the runtime does', () => {
    expect(imageKey('nginx')).toBe('docker.io/library/nginx:latest');
    expect(imageKey('index.docker.io/library/nginx:1.25')).toBe('docker.io/library/nginx:1.25');
    expect(imageKey('nginx:1.25@sha256:' + 'a'.repeat(64))).toBe(`docker.io/library/nginx@sha256:${'a'.repeat(64)}`);
    expect(imageKey('ghcr.io/acme/web:2')).toBe('ghcr.io/acme/web:2');
    expect(imageKey('not a reference')).toBe('not a reference');
  });

  it('give the exploit step when the pod and the scan write the same image differently', () => {
    expect(exploitSteps('nginx:1.25', 'docker.io/library/nginx:1.25')).toEqual(['upgrade-package:docker.io/library/nginx:1.25']);
    expect(exploitSteps('docker.io/library/nginx', 'nginx:latest')).toEqual(['upgrade-package:nginx:latest']);
  });

  it('give none for another tag or registry', () => {
    expect(exploitSteps('nginx:1.26', 'nginx:1.25')).toEqual([]);
    expect(exploitSteps('quay.io/nginx:1.25', 'nginx:1.25')).toEqual([]);
  });
});

describe('remote-code-execution class from the CVSS vector', () => {
  const classify = (cvssVector: string): boolean => isRemoteCodeExecution({ id: 'CVE-1', package: 'p', cvssVector });
  it('needs network, no privileges, no user interaction and high integrity impact', () => {
    expect(classify('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(true);
    expect(classify('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe(true);
    // A victim has to open a crafted file or page: reaching the service is not enough.
    expect(classify('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H')).toBe(false);
    expect(classify('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe(false);
    expect(classify('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H')).toBe(false);
  });
});

describe('the findings behind an exploit step', () => {
  it('are the vulnerability findings of the image the workload runs, not the same CVE in another image', () => {
    const vulnFinding = (id: string, image: string): Finding => ({
      id,
      ruleId: 'CVE-2024-0001',
      title: 'CVE-2024-0001',
      severity: 'critical',
      status: 'fail',
      message: 'openssl',
      threats: [],
      mitre: [],
      resource: { apiVersion: 'palisade.dev/v1', kind: 'Image', name: image },
      location: { file: image, line: 0, column: 0, path: '' },
      remediation: 'upgrade',
      suppressed: false,
    });
    const findings = [vulnFinding('in-web', 'nginx:1.25'), vulnFinding('in-other', 'registry.example/other:2')];
    const result = analyzeAttackPaths({ resources: resourcesOf(exposed('nginx:1.25')), vulnerabilities: scanned('nginx:1.25'), findings }, { from: ['internet'], to: ['nodes'] });
    const exploit = result.paths.flatMap((p) => p.steps).find((s) => s.kind === 'exploit');
    expect(exploit?.findingIds).toEqual(['in-web']);
  });
});
