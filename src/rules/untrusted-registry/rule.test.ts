import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

const options = { registries: ['registry.example.com', 'ghcr.io/example-org/', '*.dkr.ecr.eu-west-1.amazonaws.com', 'https://docker.io/library'] };

describeRuleFixtures(rule, { options });

describe('untrusted-registry', () => {
  it('skips every workload until registries are configured', async () => {
    const scan = await scanFixtures(rule, ['fail/untrusted.yaml']);
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts).toMatchObject({ skip: 4, pass: 0, fail: 0 });
  });

  it('names the registry a bare name resolves to (official images allowed, others not)', async () => {
    const scan = await scanFixtures(rule, ['fail/untrusted.yaml'], options);
    expect(findingsFor(scan, 'fail-pod-bare-name-is-docker-hub').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" pulls "bitnami/redis:7.4" from docker.io (Docker Hub, where names without a registry resolve), which is not a trusted registry', '/spec/containers/0/image'],
    ]);
    expect(findingsFor(scan, 'fail-pod-registry-port-differs').map((f) => f.message)).toEqual([
      'container "app" pulls "registry.example.com:5000/app:1.0" from registry.example.com:5000, which is not a trusted registry',
    ]);
  });

  it('rejects an empty registry entry in the options', () => {
    expect(() => rule.options?.parse({ registries: [''] })).toThrow();
  });
});
