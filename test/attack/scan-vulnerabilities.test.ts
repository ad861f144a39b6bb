// The scan feeds its own vulnerability findings to the attack analysis: an image a workload runs,
// scanned as docker://REF, names its findings REF, and an exposed workload running it becomes an
// exploitable entry. A suppressed finding (VEX, exception) opens no path.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResourceIndex } from '../../src/core/resource-index.js';
import { loadInputs } from '../../src/loaders/index.js';
import type { Finding, VulnerabilityDetail } from '../../src/model/finding.js';
import { scanAttackPaths } from '../../src/sdk/scan-attack.js';

const CLUSTER = resolve(import.meta.dirname, 'scenarios/internet-vulnerable-image/cluster.yaml');
const IMAGE = 'registry.example.com/store/front:5.2';

function vulnerabilityFinding(suppressed: boolean): Finding {
  const vulnerability = {
    id: 'CVE-2024-1111',
    aliases: [],
    related: [],
    summary: 'heap overflow in image decoding',
    package: { ecosystem: 'npm', name: 'imaging-lib', version: '2.0.1' },
    rating: 'critical',
    ratedBy: { kind: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
    cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, severity: 'critical' }],
    fix: { state: 'fixed', version: '2.0.4' },
    evidence: [],
  } satisfies VulnerabilityDetail;
  return {
    id: 'f0f0f0f0f0f0f0f0',
    ruleId: 'CVE-2024-1111',
    title: 'heap overflow in image decoding',
    severity: 'critical',
    status: 'fail',
    message: 'CVE-2024-1111: imaging-lib 2.0.1',
    threats: ['supply-chain'],
    mitre: ['T1190'],
    resource: { apiVersion: 'palisade.dev/v1', kind: 'Image', name: IMAGE },
    location: { file: 'docker://' + IMAGE, line: 1, column: 1, path: '' },
    remediation: 'Upgrade imaging-lib to 2.0.4.',
    suppressed,
    vulnerability,
  };
}

async function analyse(findings: readonly Finding[]) {
  const { resources } = await loadInputs({ paths: [CLUSTER] });
  const outcome = scanAttackPaths(resources, new ResourceIndex(resources), findings, { enabled: true, failOnPath: false, from: ['internet'] });
  if (!outcome.ran) throw new Error('the analysis did not run');
  return outcome;
}

describe('scan: vulnerability findings in the attack analysis', () => {
  it('turns an exploitable vulnerability of a running image into a path from the internet', async () => {
    const found = vulnerabilityFinding(false);
    const outcome = await analyse([found]);
    const exploit = outcome.result.paths.flatMap((p) => p.steps).find((s) => s.kind === 'exploit');
    expect(exploit?.findingIds).toContain(found.id);
    expect(outcome.result.paths.length).toBeGreaterThan(0);
    expect(outcome.findings.find((f) => f.id === found.id)?.risk?.context).toBe('on-path');
  });

  it('opens no path through a suppressed vulnerability', async () => {
    const outcome = await analyse([vulnerabilityFinding(true)]);
    expect(outcome.result.paths.flatMap((p) => p.steps).some((s) => s.kind === 'exploit')).toBe(false);
  });
});
