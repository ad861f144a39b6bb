import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule, { options: { registries: ['registry.example.com', '*.mirror.example.com'] } });

describe('dockerfile-untrusted-registry', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-hub.Dockerfile"], { registries: ['registry.example.com', '*.mirror.example.com'] });
    expect(findingsFor(scan, "fail-hub.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["FROM debian:12 (line 1) pulls from docker.io, which is not an allowed registry", 1],
      ["COPY --from ghcr.io/acme/tools:1.0 (line 2) pulls from ghcr.io, which is not an allowed registry", 2],
    ]);
  });
  it('judges a FROM as a plain build makes it, and leaves a registry without a default to the build', async () => {
    const scan = await scanFixtures(rule, ['pass/pass-registry-from-build-arg.Dockerfile'], { registries: ['registry.example.com'] });
    expect(findingsFor(scan, 'pass-registry-from-build-arg.Dockerfile')).toEqual([]);
  });
});
