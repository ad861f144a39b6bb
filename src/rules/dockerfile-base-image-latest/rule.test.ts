import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-base-image-latest', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-untagged.Dockerfile"]);
    expect(findingsFor(scan, "fail-untagged.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["FROM registry.example.com:5000/base (line 2) has no tag, so the build uses whatever \"latest\" is", 2],
      ["FROM node:latest (line 3) uses the mutable \"latest\" tag", 3],
    ]);
  });
  it('judges a FROM with variables by its global ARG defaults, which a plain build uses', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-default-build-args.Dockerfile', 'pass/pass-pinned.Dockerfile']);
    expect(findingsFor(scan, 'fail-default-build-args.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['FROM node:${NODE_VERSION} (line 4, node:latest with the default build arguments) uses the mutable "latest" tag', 4],
      ['FROM ${BASE_IMAGE} (line 5, ubuntu with the default build arguments) has no tag, so the build uses whatever "latest" is', 5],
    ]);
    expect(findingsFor(scan, 'pass-pinned.Dockerfile')).toEqual([]);
  });
  it('takes a default written in the reference (${TAG:-latest}) as the build without --build-arg does, and leaves a bare ${TAG} to the build', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-inline-default.Dockerfile', 'pass/pass-pinned.Dockerfile']);
    expect(findingsFor(scan, 'fail-inline-default.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['FROM ${REGISTRY}/base:${BASE_TAG:-latest} (line 4, ghcr.io/acme/base:latest with the default build arguments) uses the mutable "latest" tag', 4],
    ]);
  });
});
