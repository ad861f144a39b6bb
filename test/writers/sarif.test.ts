import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { checkoutBase } from '../../src/writers/common/checkout.js';
import { sarifLog, sarifWriter } from '../../src/writers/sarif/sarif.js';
import { expectGolden } from './golden.js';
import { HOSTILE_REPORT } from './hostile-report.js';
import { SAMPLE_REPORT } from './sample-report.js';
import { SARIF_SCHEMA_PATH, sarifValidator } from './sarif-schema.js';

const validate = sarifValidator();
if (validate === undefined) console.log(`SARIF schema tests skipped: ${SARIF_SCHEMA_PATH} is absent`);

const BASE = '/work/repo';

function run(report: Report = SAMPLE_REPORT) {
  const log = sarifLog(report, BASE);
  const first = log.runs[0];
  if (first === undefined) throw new Error('no run');
  return first;
}

function resultFor(id: string) {
  const result = run().results.find((r) => r.partialFingerprints['palisadeFindingId/v1'] === id);
  if (result === undefined) throw new Error(`no result ${id}`);
  return result;
}

describe('sarif writer', () => {
  it('matches the golden file', () => {
    expectGolden('report.sarif', sarifWriter.write(SAMPLE_REPORT, { color: false }));
  });

  it.skipIf(validate === undefined)('validates against the official SARIF 2.1.0 schema', () => {
    for (const report of [SAMPLE_REPORT, HOSTILE_REPORT]) {
      expect(validate?.(JSON.parse(sarifWriter.write(report, { color: false })))).toEqual([]);
    }
  });

  it.skipIf(validate === undefined)('the schema check can fail', () => {
    const log = JSON.parse(sarifWriter.write(SAMPLE_REPORT, { color: false })) as { runs: { results: { level: string }[] }[] };
    const result = log.runs[0]?.results[0];
    if (result !== undefined) result.level = 'critical';
    expect(validate?.(log)).not.toEqual([]);
  });

  it('describes the tool and every rule', () => {
    const { driver } = run().tool;
    expect(driver.name).toBe('palisade');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r) => r.id)).toEqual(SAMPLE_REPORT.rules.map((r) => r.ruleId));
    const privileged = driver.rules.find((r) => r.id === 'privileged-container');
    expect(privileged).toMatchObject({
      name: 'PrivilegedContainer',
      shortDescription: { text: 'Container runs privileged' },
      help: { text: 'Remove securityContext.privileged: true and add only the capabilities the container needs.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'host-compromise', 'container-compromise', 'T1611', 'T1610'], precision: 'high', 'security-severity': '9.5' },
    });
    expect(privileged?.helpUri).toMatch(/privileged-container/);
    // A rule that passed everywhere still gets its full descriptor, from the rule summary.
    const hostPid = driver.rules.find((r) => r.id === 'host-pid');
    expect(hostPid?.help.text).toBe('Remove hostPID: true from the pod spec.');
    expect(hostPid?.properties.tags).toContain('T1611');
  });

  it('maps severities to levels and security-severity', () => {
    const levels = Object.fromEntries(run().tool.driver.rules.map((r) => [r.id, [r.defaultConfiguration.level, r.properties['security-severity']]]));
    expect(levels['privileged-container']).toEqual(['error', '9.5']);
    expect(levels['host-network']).toEqual(['error', '8.0']);
    expect(levels['run-as-root']).toEqual(['warning', '5.5']);
    expect(levels['image-latest-tag']).toEqual(['note', '3.0']);
    expect(levels['automount-service-account-token']).toEqual(['note', '0.0']);
    // The result follows the finding's own severity (host-path-mount raised to critical here).
    expect(resultFor('0c44d1e9a8b27f36').level).toBe('error');
    expect(resultFor('8b3e5f71c2a04d96').level).toBe('warning');
  });

  it('points each result at its rule by id and index', () => {
    const { results, tool } = run();
    expect(results).toHaveLength(SAMPLE_REPORT.findings.length);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('locates findings relative to the working directory', () => {
    const [location] = resultFor('3f9a1c0d2b7e4a51').locations;
    expect(location?.physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 24, startColumn: 13 } });
    expect(location?.logicalLocations).toEqual([{ name: 'web', fullyQualifiedName: 'Deployment/shop/web', kind: 'resource' }]);
    expect(resultFor('17ad2e9c6b3f0854').locations[0]?.physicalLocation?.artifactLocation.uri).toBe('jobs/nightly%20report.yaml');
  });

  it('makes absolute paths relative, and leaves files outside the directory absolute', () => {
    const first = SAMPLE_REPORT.findings[0] as Finding;
    const at = (file: string): Finding => ({ ...first, location: { ...first.location, file } });
    const report: Report = { ...SAMPLE_REPORT, findings: [at(`${BASE}/k8s/app.yaml`), at('/etc/other/app.yaml'), at('./k8s/app.yaml')] };
    const uris = run(report).results.map((r) => r.locations[0]?.physicalLocation?.artifactLocation);
    expect(uris).toEqual([
      { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///etc/other/app.yaml' },
      { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' },
    ]);
  });

  // Code scanning reads a relative URI as relative to the repository root: run in a subdirectory
  // (working-directory: infra), the alerts pointed at k8s/app.yaml, a file the repository lacks,
  // and the pull request got no annotation.
  it('makes URIs relative to the CI checkout when palisade runs in a subdirectory of it', () => {
    const first = SAMPLE_REPORT.findings[0] as Finding;
    const at = (file: string): Finding => ({ ...first, location: { ...first.location, file } });
    const report: Report = { ...SAMPLE_REPORT, findings: [at('k8s/app.yaml'), at('/work/repo/infra/k8s/db.yaml'), at('../../elsewhere/x.yaml')] };
    const base = checkoutBase({ GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/work/repo' }, '/work/repo/infra');
    const uris = sarifLog(report, base).runs[0]?.results.map((r) => r.locations[0]?.physicalLocation?.artifactLocation);
    expect(uris).toEqual([
      { uri: 'infra/k8s/app.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'infra/k8s/db.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///work/elsewhere/x.yaml' },
    ]);
    expect(checkoutBase({ GITLAB_CI: 'true', CI_PROJECT_DIR: '/builds/acme/shop' }, '/builds/acme/shop/infra')).toEqual({ cwd: '/builds/acme/shop/infra', root: '/builds/acme/shop' });
    expect(checkoutBase({ GITHUB_WORKSPACE: '/work/repo' }, '/work/repo/infra')).toEqual({ cwd: '/work/repo/infra', root: '/work/repo/infra' });
  });

  // GitHub code scanning rejects the whole upload ("locationFromSarifResult: expected artifact
  // location") when a single result has no physicalLocation.artifactLocation.uri.
  it('places findings read from stdin at an artifact named after the object, without the stream line', () => {
    const first = SAMPLE_REPORT.findings[0] as Finding;
    const [result] = run({ ...SAMPLE_REPORT, findings: [{ ...first, location: { ...first.location, file: '-' } }] }).results;
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'stdin/Deployment/shop/web', description: { text: 'Deployment/shop/web, read from standard input: not a file of the repository.' } },
    });
    expect(result?.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('Deployment/shop/web');
  });

  it('keeps each name of such an object one URI segment, so a hostile name cannot point at another file', () => {
    const first = SAMPLE_REPORT.findings[0] as Finding;
    const hostile: Finding = { ...first, resource: { ...first.resource, namespace: '..', name: '../../README.md' }, location: { ...first.location, file: '-' } };
    const [result] = run({ ...SAMPLE_REPORT, findings: [hostile] }).results;
    expect(result?.locations[0]?.physicalLocation?.artifactLocation.uri).toBe('stdin/Deployment/%2E%2E/..%2F..%2FREADME.md');
  });

  it('places findings from a cluster at an artifact named after the context and object, and keeps the resource', () => {
    const [location] = resultFor('d04f6a2c7b1e9358').locations;
    expect(location?.physicalLocation?.artifactLocation.uri).toBe('cluster/prod-eu/ClusterRoleBinding/ops-admin');
    expect(location?.physicalLocation?.region).toBeUndefined();
    expect(location?.logicalLocations).toEqual([{ name: 'ops-admin', fullyQualifiedName: 'ClusterRoleBinding/ops-admin', kind: 'resource' }]);
  });

  it('gives every result of every sample a physical location with a non-empty URI (GitHub ingestion rule)', () => {
    for (const report of [SAMPLE_REPORT, HOSTILE_REPORT]) {
      for (const result of run(report).results) {
        expect(result.locations.length).toBeGreaterThan(0);
        for (const location of result.locations) expect(location.physicalLocation?.artifactLocation.uri).toMatch(/^[^\s]+$/);
      }
    }
  });

  // SARIF §3.11.6: "[text](destination)" in a plain-text message is an embedded link, which
  // viewers render as clickable; a container named "[login](https://...)" must stay text.
  it('escapes embedded-link syntax that a hostile name brings into a message', () => {
    const first = SAMPLE_REPORT.findings[0] as Finding;
    const message = 'container "[log\\in](https://evil.example/x)" runs privileged';
    const [result] = run({ ...SAMPLE_REPORT, findings: [{ ...first, message }] }).results;
    expect(result?.message.text).toBe('container "\\[log\\\\in\\](https://evil.example/x)" runs privileged');
    expect(run().results.map((r) => r.message.text)).toEqual(SAMPLE_REPORT.findings.map((f) => f.message));
  });

  it('marks suppressed findings with the kind of suppression', () => {
    expect(resultFor('0c44d1e9a8b27f36').suppressions).toEqual([
      {
        kind: 'external', justification: 'The node agent inspects containers through the runtime socket.',
        properties: { source: 'exception', exceptionIndex: 0, owner: 'platform-team', expires: '2027-03-31' },
      },
    ]);
    expect(resultFor('2b97e4d05a6c1f38').suppressions).toEqual([{ kind: 'inSource', justification: 'Throw-away debug pod, deleted after the incident.' }]);
    expect(resultFor('5e2d8b4a90c1f7e3').suppressions?.[0]).toMatchObject({ kind: 'external', properties: { source: 'vex', vexDocument: 'vex/web.openvex.json' } });
    expect(resultFor('3f9a1c0d2b7e4a51').suppressions).toBeUndefined();
  });

  it('reports problems as tool execution notifications', () => {
    const [invocation] = run().invocations;
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.endTimeUtc).toBe(SAMPLE_REPORT.generatedAt);
    const notifications = invocation?.toolExecutionNotifications ?? [];
    expect(notifications.map((n) => [n.level, n.descriptor.id])).toEqual([
      ['error', 'yaml-syntax'], ['warning', 'rule-error'], ['warning', 'exception-unused'], ['note', 'not-a-manifest'],
    ]);
    expect(notifications[0]?.locations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 3 } });
    expect(notifications[3]?.locations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/README.md', uriBaseId: '%SRCROOT%' } });
    const clean = run({ ...SAMPLE_REPORT, errors: SAMPLE_REPORT.errors.filter((p) => p.level !== 'error') });
    expect(clean.invocations[0]?.executionSuccessful).toBe(true);
  });
});
