import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
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

describe('image-base-end-of-life: releases every real image names', () => {
  const today = '2026-11-29';
  const endedBy = (release: { eol: string } | undefined): boolean => release !== undefined && release.eol < today;

  it('judges Ubuntu interim releases and releases older than the ones in common use', () => {
    // Docker Hub still serves these tags (ubuntu:lunar, buildpack-deps:kinetic, ubuntu:12.04).
    for (const [reference, eol] of [
      ['ubuntu:23.04', '2024-01-20'], ['ubuntu:lunar-20240101', '2024-01-20'], ['buildpack-deps:kinetic', '2023-07-20'],
      ['ubuntu:21.10', '2022-07-14'], ['ubuntu:18.10', '2019-07-18'], ['ubuntu:precise', '2017-04-28'],
    ] as const) expect(releaseOfImage(reference)?.eol, reference).toBe(eol);
    expect(releaseOf('ubuntu', '22.10')?.codename).toBe('kinetic');
  });

  it('judges Debian 6 and Alpine releases before 3.10', () => {
    expect(releaseOfImage('debian:squeeze')?.eol).toBe('2016-02-29');
    expect(releaseOf('debian', '6.0.10')?.codename).toBe('squeeze');
    expect(releaseOfImage('alpine:3.9')?.eol).toBe('2020-11-01');
    expect(releaseOf('alpine', '3.4.6')?.eol).toBe('2018-05-01');
    expect(releaseOfImage('node:8-alpine3.7')?.eol).toBe('2019-11-01');
  });

  it('knows Amazon Linux, whose version 2 ended on 2026-06-30', () => {
    expect(releaseOf('amzn', '2')?.eol).toBe('2026-06-30');
    expect(releaseOf('amzn', '2023')?.eol).toBe('2029-06-30');
    expect(releaseOf('amzn', '2018.03')?.eol).toBe('2023-12-31');
    expect(releaseOfImage('amazonlinux:2')?.eol).toBe('2026-06-30');
    expect(releaseOfImage('public.ecr.aws/amazonlinux/amazonlinux:2.0.20240916.0')?.eol).toBe('2026-06-30');
    expect(releaseOfImage('amazonlinux:2023.5.20240916.0')?.version).toBe('2023');
  });

  it('tells CentOS Stream from CentOS Linux, and knows Rocky Linux and AlmaLinux', () => {
    // CentOS Stream os-release: ID=centos, NAME="CentOS Stream", PRETTY_NAME="CentOS Stream 9".
    expect(releaseOf('centos', '9', 'CentOS Stream 9')?.eol).toBe('2027-05-31');
    expect(releaseOf('centos', '8', 'CentOS Stream 8')?.eol).toBe('2024-05-31');
    expect(releaseOf('centos', '8', 'CentOS Linux 8')?.eol).toBe('2021-12-31');
    expect(releaseOfImage('quay.io/centos/centos:stream9-minimal')?.eol).toBe('2027-05-31');
    expect(releaseOfImage('quay.io/centos/centos:stream8')?.eol).toBe('2024-05-31');
    expect(releaseOf('rocky', '8.10')?.eol).toBe('2029-05-31');
    expect(releaseOf('almalinux', '8.10')?.eol).toBe('2029-03-01');
    expect(releaseOfImage('rockylinux:9-minimal')?.eol).toBe('2032-05-31');
    expect(releaseOfImage('almalinux/8-minimal')?.eol).toBe('2029-03-01');
    expect(releaseOfImage('registry.access.redhat.com/rhel7:latest')?.eol).toBe('2024-06-30');
  });

  it('says which are past their end of life today', () => {
    expect(['debian:11', 'ubuntu:20.04', 'alpine:3.20', 'alpine:3.21', 'amazonlinux:2', 'centos:7', 'ubuntu:25.10'].every((r) => endedBy(releaseOfImage(r)))).toBe(true);
    expect(['debian:12', 'ubuntu:22.04', 'alpine:3.22', 'amazonlinux:2023', 'rockylinux:8', 'ubi9'].some((r) => endedBy(releaseOfImage(r)))).toBe(false);
  });

  it('names the newer distributions as their vendors do', async () => {
    const scan = await scanYaml(rule, 'apiVersion: palisade.dev/v1\nkind: ImageConfig\nmetadata: {name: al2}\nos: {id: amzn, versionId: "2", prettyName: "Amazon Linux 2"}\n', { today });
    expect(scan.findings.map((f) => f.message)).toEqual(["the image's OS is Amazon Linux 2, which reached its end of life on 2026-06-30 and gets no security fixes"]);
  });
});

describe('image-base-end-of-life: the distro in the names of vendor and distroless images', () => {
  it('reads debianN in distroless names and ubuntuXX.YY, centosN, ubiN in tags', () => {
    for (const [reference, distro, version] of [
      ['gcr.io/distroless/static-debian11', 'debian', '11'],
      ['gcr.io/distroless/java17-debian11:nonroot', 'debian', '11'],
      ['gcr.io/distroless/base-nossl-debian12:latest', 'debian', '12'],
      ['nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu20.04', 'ubuntu', '20.04'],
      ['nvidia/cuda:12.2.0-base-ubuntu22.04', 'ubuntu', '22.04'],
      ['nvidia/cuda:11.0.3-base-centos7', 'centos', '7'],
      ['nvidia/cuda:12.2.0-base-ubi8', 'rhel', '8'],
      ['nvidia/cuda:12.4.1-base-rockylinux9', 'rocky', '9'],
    ] as const) expect([releaseOfImage(reference)?.distro, releaseOfImage(reference)?.version], reference).toEqual([distro, version]);
  });

  it('does not read versions out of unrelated words', () => {
    for (const reference of ['myorg/debianize:1.0', 'app:ubuntu-tools', 'grafana/grafana:10.4.1-ubuntu', 'nvidia/cuda:12.2.0-base']) {
      expect(releaseOfImage(reference), reference).toBeUndefined();
    }
  });
});

describe('image-base-end-of-life: AWS Lambda base images', () => {
  it('reads al2 and al2023 tags', () => {
    expect(releaseOfImage('public.ecr.aws/lambda/provided:al2')?.eol).toBe('2026-06-30');
    expect(releaseOfImage('public.ecr.aws/lambda/provided:al2023')?.version).toBe('2023');
  });
});

describe('image-base-end-of-life: centos:centosN', () => {
  it('reads the centos7 and centos7.9.2009 tags Docker Hub publishes', () => {
    expect(releaseOfImage('centos:centos7')?.eol).toBe('2024-06-30');
    expect(releaseOfImage('docker.io/library/centos:centos7.9.2009')?.version).toBe('7');
    expect(releaseOfImage('centos:centos6')?.version).toBe('6');
  });
});
