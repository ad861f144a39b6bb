import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { releaseOf, releaseOfImage } from './releases.js';
import { rule } from './rule.js';

describeRuleFixtures(rule, { options: { today: '2026-11-28' } });

describe('image-base-end-of-life', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-buster.Dockerfile"], { today: '2026-11-28' });
    expect(findingsFor(scan, "fail-buster.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["the base image python:3.11-buster (line 1) is debian 10 (buster), which reached its end of life on 2024-06-30 and gets no security fixes", 1],
    ]);
  });

  it('knows Ubuntu 25.10 and 26.04, Alpine 3.23 and RHEL 10, by image tag and by os-release', () => {
    expect(releaseOfImage('ubuntu:26.04')?.eol).toBe('2031-04-30');
    expect(releaseOfImage('ubuntu:questing-20251007')?.version).toBe('25.10');
    expect(releaseOfImage('alpine:3.23.2')?.eol).toBe('2027-11-01');
    expect(releaseOfImage('node:24-alpine3.23')?.version).toBe('3.23');
    expect(releaseOf('rhel', '10.1')?.eol).toBe('2035-05-31');
    expect(releaseOfImage('registry.access.redhat.com/ubi10/ubi-minimal:latest')?.version).toBe('10');
    // Not in the table (a release from after it): not judged rather than guessed.
    expect(releaseOfImage('alpine:3.99')).toBeUndefined();
  });
});
