import { describe, expect, it } from 'vitest';
import {
  InvalidRangeError,
  InvalidVersionError,
  UnsupportedEcosystemError,
  compareVersions,
  isValidVersion,
  resolveEcosystem,
  satisfies,
  type VersionOptions,
} from './index.js';
import { normalizeComposer } from './composer.js';
import { isGoPseudoVersion } from './go.js';

describe('ecosystem names', () => {
  it.each([
    ['Debian:12', 'deb'], ['Ubuntu:22.04:LTS', 'deb'], ['Alpine:v3.19', 'apk'], ['Wolfi', 'apk'],
    ['Red Hat:enterprise_linux:9::appstream', 'rpm'], ['AlmaLinux:9', 'rpm'], ['Rocky Linux:8', 'rpm'],
    ['openSUSE:Leap 15.5', 'rpm'], ['npm', 'npm'], ['PyPI', 'pypi'], ['Maven', 'maven'], ['Go', 'go'],
    ['golang', 'go'], ['RubyGems', 'gem'], ['crates.io', 'cargo'], ['cargo', 'cargo'], ['NuGet', 'nuget'], ['nuget', 'nuget'],
    ['Packagist', 'composer'], ['composer', 'composer'],
  ])('%s is %s', (name, scheme) => {
    expect(resolveEcosystem(name)).toBe(scheme);
  });

  it('rejects unknown ecosystems with a typed error', () => {
    expect(() => compareVersions('Hackage', '1', '2')).toThrow(UnsupportedEcosystemError);
    expect(() => resolveEcosystem('constructor')).toThrow(UnsupportedEcosystemError);
  });
});

describe('orderings that distinguish the schemes', () => {
  it.each([
    ['deb', '1.0~rc1-1', '1.0-1', -1], ['deb', '1:0.9', '2.0', 1], ['deb', '1.0a', '1.0+', -1], ['deb', '1.0-1', '1.0-1.1', -1],
    ['rpm', '1.0^git1', '1.0.1', -1], ['rpm', '1:1.0-1', '2.0-1', 1], ['rpm', '1.2', '1.2-3', 0], ['rpm', '1.2-3', '1.2-10', -1],
    ['apk', '1.0_rc1', '1.0', -1], ['apk', '1.0_p1', '1.0', 1], ['apk', '1.0-r1', '1.0-r10', -1], ['apk', '1.01', '1.1', -1],
    ['npm', '1.0.0-alpha', '1.0.0', -1], ['npm', '1.0.0+build', '1.0.0', 0],
    ['pypi', '1.0.dev1', '1.0a1', -1], ['pypi', '1!0.1', '2.0', 1], ['pypi', '1.0.post1', '1.0+local', 1], ['pypi', '1.0', '1.0.0', 0],
    ['maven', '1.0-SNAPSHOT', '1.0', -1], ['maven', '1.0-sp1', '1.0', 1], ['maven', '1.0.0', '1', 0], ['maven', '1.0-RC1', '1.0-beta2', 1],
    ['go', 'v1.2.3', '1.2.3', 0], ['go', 'v0.0.0-20191109021931-daa7c04131f5', 'v0.0.1', -1], ['go', 'v2.0.0+incompatible', 'v2.0.0', 0],
    ['gem', '1.0.a', '1.0', -1], ['gem', '1.0', '1', 0], ['gem', '1.0.0.rc1', '1.0.0.beta2', 1],
    ['cargo', '0.9.0-alpha.2', '0.9.0-alpha.10', -1], ['cargo', '1.0.0+build.5', '1.0.0', 0], ['cargo', '0.10.0', '0.9.9', 1],
  ] as const)('%s: %s vs %s = %i', (eco, a, b, expected) => {
    expect(compareVersions(eco, a, b)).toBe(expected);
    expect(compareVersions(eco, b, a)).toBe(-expected === 0 ? 0 : -expected);
  });
});

describe('ranges in each native syntax', () => {
  it.each([
    ['Debian:12', '1.2-3', '>= 1.2-1, << 1.3', true],
    ['deb', '1.3~rc1', '< 1.3', true],
    ['deb', '2.0', '< 1.0 || >= 2.0', true],
    ['rpm', '1.2.3-4.el9', '>= 1.2.3-1, < 1.2.4', true],
    ['apk', '3.6.9-r0', '~ 3.6', true],
    ['apk', '3.8.1-r0', '<~ 3.6', false],
    ['apk', '1.2.3-r1', '>= 1.2, < 1.3', true],
    ['go', '1.20.1', '>= v1.20.0, < v1.20.2', true],
    ['npm', '1.2.4-beta.1', '^1.2.3', false],
    ['npm', '1.2.4-beta.1', '^1.2.3', true, { includePrerelease: true }],
    ['pypi', '2.2.1', '~=2.2', true],
    ['pypi', '1.0rc1', '<1.0', false],
    ['pypi', '1.1a1', '>=1.0', true],
    ['pypi', '1.1a1', '>=1.0', false, { prereleases: false }],
    ['maven', '1.5', '[1.0,2.0)', true],
    ['maven', '2.0', '[1.0,2.0)', false],
    ['maven', '0.9', '(,1.0],[1.2,)', true],
    ['maven', '1.1', '(,1.0],[1.2,)', false],
    ['maven', '1.0', '1.0', true],
    ['gem', '2.9', '~> 2.2', true],
    ['gem', '3.0', '~> 2.2', false],
    ['gem', '2.2.9', '~> 2.2.0, != 2.2.5', true],
    ['rpm', '9.9', '*', true],
    ['crates.io', '0.7.3', '>= 0.7.0, < 0.7.4', true],
    ['cargo', '0.7.4', '>= 0.7.0, < 0.7.4', false],
  ] as const)('%s: %s in %j is %s', (eco, version, range, expected, options?: VersionOptions) => {
    expect(satisfies(eco, version, range, options)).toBe(expected);
  });
});

describe('bad input is a typed error', () => {
  it.each([
    ['deb', 'foo5.2'], ['deb', '1:'], ['apk', '1.0_foo'], ['apk', '1.0-r'], ['npm', '1.2'], ['pypi', '1.0+'],
    ['go', 'v1.02.0'], ['gem', '1..2'], ['maven', ''], ['rpm', '1.0 2'], ['deb', 'x'.repeat(5000)], ['cargo', '1.2'], ['cargo', 'v1.2.3'],
  ])('%s version %j', (eco, version) => {
    expect(() => compareVersions(eco, version, '1.0')).toThrow(InvalidVersionError);
    expect(isValidVersion(eco, version)).toBe(false);
  });

  it.each([
    ['deb', '>= '], ['deb', '1.0'], ['deb', '>= 1.0 ||'], ['deb', '>= foo'], ['apk', '< 1.0_foo'], ['go', '< 1.02'], ['npm', '>=>1'], ['pypi', '~=1'], ['pypi', '>=1.0.*'],
    ['maven', '[1.0'], ['maven', '[2.0,1.0]'], ['maven', '(1.0)'], ['maven', '[1.0,2.0],[1.5,3.0]'], ['gem', '>>> 1'],
  ])('%s range %j', (eco, range) => {
    expect(() => satisfies(eco, '1.0.0', range)).toThrow(InvalidRangeError);
  });

  it('messages name the ecosystem and quote the input', () => {
    expect(() => compareVersions('deb', 'foo5.2', '1')).toThrow(/invalid deb version "foo5.2": version number does not start with digit/);
  });
});

describe('options', () => {
  it('apk lenient compares malformed versions like apk-tools', () => {
    expect(() => compareVersions('apk', '23_foo', '4_beta')).toThrow(InvalidVersionError);
    expect(compareVersions('apk', '23_foo', '4_beta', { lenient: true })).toBe(1);
  });

  it('go strict requires the v prefix; lenient sorts invalid versions first', () => {
    expect(() => compareVersions('go', '1.2.3', 'v1.2.3', { strict: true })).toThrow(InvalidVersionError);
    expect(compareVersions('go', 'bad', 'v0.0.1', { lenient: true, strict: true })).toBe(-1);
  });

  it('maven legacy orders like Maven before 3.9', () => {
    expect(compareVersions('maven', '2.0.a', '2.0.0.a')).toBe(0);
    expect(compareVersions('maven', '2.0.a', '2.0.0.a', { legacy: true })).toBe(-1);
  });

  it('npm loose accepts sloppy spellings', () => {
    expect(() => compareVersions('npm', '=1.2.3', '1.2.3')).toThrow(InvalidVersionError);
    expect(compareVersions('npm', '=1.2.3', '1.2.3', { loose: true })).toBe(0);
  });

  it('deb lenient accepts what dpkg only warns about', () => {
    expect(compareVersions('deb', 'a1.0', 'a1.1', { lenient: true })).toBe(-1);
  });
});

describe('nuget ordering (NuGet.Versioning)', () => {
  it.each([
    // Missing parts are 0 and leading zeros do not count.
    ['1.0', '1.0.0', 0], ['1', '1.0.0.0', 0], ['1.0.0.0', '1.0.0', 0], ['1.01', '1.1', 0], ['1.0.0.1', '1.0.0', 1],
    ['1.2.3.4', '1.2.4', -1], ['10.0', '9.9.9.9', 1],
    // Pre-releases precede the release; labels are case-insensitive; metadata does not order.
    ['1.0.0-beta', '1.0.0', -1], ['1.0.0-RC.1', '1.0.0-rc.1', 0], ['1.0.0-Alpha', '1.0.0-beta', -1],
    ['1.0.0+build.5', '1.0.0', 0], ['1.0.0-rc.1+abc', '1.0.0-rc.1+def', 0], ['1.0-beta', '1.0.0.0-BETA', 0],
    // Numeric labels as numbers and before alphanumeric ones; more labels follow fewer.
    ['1.0.0-alpha.2', '1.0.0-alpha.10', -1], ['1.0.0-1', '1.0.0-alpha', -1], ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-beta.11', '1.0.0-rc.1', -1], ['1.0.0-alpha.beta', '1.0.0-alpha.1', 1],
    // Labels beyond Int32 are text to NuGet; "-1" is Int32.TryParse's -1.
    ['1.0.0-99999999999', '1.0.0-2', 1], ['1.0.0-a.-1', '1.0.0-a.0', -1],
    [' 2.0.1 ', '2.0.1', 0],
  ] as const)('%j vs %j = %i', (a, b, expected) => {
    expect(compareVersions('nuget', a, b)).toBe(expected);
    expect(compareVersions('NuGet', b, a)).toBe(-expected === 0 ? 0 : -expected);
  });

  it.each([
    '', 'v1.0.0', '1.2.3.4.5', '1..2', '1.0.', '1.0.0-', '1.0.0+', '1.0.0-beta..1', '1.0.0-beta_1', '1.0.0-01',
    '1.0.0+meta+data', '2147483648.0', '1.0a', '-1.0', '1.0.0-béta',
  ])('rejects %j with a typed error', (version) => {
    expect(() => compareVersions('nuget', version, '1.0')).toThrow(InvalidVersionError);
    expect(isValidVersion('nuget', version)).toBe(false);
  });

  it('accepts the largest Int32 part and a leading-zero metadata identifier', () => {
    expect(compareVersions('nuget', '2147483647.0', '2147483646.9')).toBe(1);
    expect(compareVersions('nuget', '1.0.0+01', '1.0')).toBe(0);
  });

  it('ranges use the comparison syntax', () => {
    expect(satisfies('NuGet', '13.0.0', '>= 12.0.1, < 13.0.1')).toBe(true);
    expect(satisfies('nuget', '13.0.1', '>= 12.0.1, < 13.0.1')).toBe(false);
    expect(satisfies('nuget', '13.0.1-beta1', '< 13.0.1')).toBe(true);
    expect(() => satisfies('nuget', '1.0', '< 1.0.0-')).toThrow(InvalidRangeError);
  });
});

describe('composer normalization (composer/semver VersionParser::normalize)', () => {
  it.each([
    ['1.0.0', '1.0.0.0'], ['v1.0', '1.0.0.0'], ['1.2.3.4', '1.2.3.4'], ['0', '0.0.0.0'],
    ['1.0.0RC1dev', '1.0.0.0-RC1-dev'], ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'], ['10.4.13beta.2', '10.4.13.0-beta2'],
    ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'], ['1.0-b5', '1.0.0.0-beta5'], ['1.0a', '1.0.0.0-alpha'],
    ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'], ['1.0-stable', '1.0.0.0'], ['1.0-dev', '1.0.0.0-dev'],
    ['2010-01-02', '2010.01.02'], ['20100102-203040-p1', '20100102.203040-patch1'], ['v20100102', '20100102'],
    ['1.0.0 as 2.0', '1.0.0.0'], ['1.0@beta', '1.0.0.0'], ['1.0.0+build.1', '1.0.0.0'],
    ['1.x-dev', '1.9999999.9999999.9999999-dev'], ['v2.1.*-dev', '2.1.9999999.9999999-dev'], ['2.0.3-dev', '2.0.3.0-dev'],
    ['dev-feature/foo', 'dev-feature/foo'], ['DEV-Main', 'dev-Main'], ['master', 'dev-master'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeComposer(input)).toBe(expected);
  });
});

describe('composer ordering (normalize + PHP version_compare)', () => {
  it.each([
    // dev < alpha < beta < RC < release < patch, each numbered.
    ['1.0.0-dev', '1.0.0-alpha1', -1], ['1.0.0-alpha2', '1.0.0-b1', -1], ['1.0.0-beta10', '1.0.0-beta9', 1],
    ['1.0.0-beta9', '1.0.0-RC1', -1], ['1.0.0-rc1', '1.0.0-RC1', 0], ['1.0.0-RC1', '1.0.0', -1], ['1.0.0', '1.0.0-p1', -1],
    ['1.0.0-patch1', '1.0.0pl1', 0], ['1.0.0-patch2', '1.0.0-patch10', -1],
    // "-dev" after a suffix is that suffix's development version.
    ['1.0.0-beta2-dev', '1.0.0-beta2', -1], ['1.0.0-beta2-dev', '1.0.0-beta1', 1], ['1.0.0-alpha2.1', '1.0.0-alpha2', 1],
    // Four numeric parts, "v", leading zeros and metadata.
    ['v1.0', '1.0.0.0', 0], ['1.0.0.1', '1.0.0', 1], ['01.02', '1.2', 0], ['1.10.0', '1.9.0', 1], ['1.0.0+build', '1.0.0', 0],
    ['1.0-beta.2', '1.0-b2', 0], ['2010-01-02', '2010.01.03', -1],
    // A numeric branch is the top of its line, below the next line's development versions.
    ['2.1.x-dev', '2.1.99', 1], ['2.1.x-dev', '2.2.0-dev', -1], ['3.x-dev', '3.99.0', 1],
  ] as const)('%j vs %j = %i', (a, b, expected) => {
    expect(compareVersions('composer', a, b)).toBe(expected);
    expect(compareVersions('Packagist', b, a)).toBe(-expected === 0 ? 0 : -expected);
  });

  it.each([
    '', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar', '1.0.0-1', '1.0.0-alpha.beta', '1.0.0-x.7',
    `1.0-beta${'1'.repeat(1000)}x`, `2010${'12'.repeat(500)}x`, 'x'.repeat(5000),
  ])('rejects %j as Composer does, with a typed error', (version) => {
    expect(() => compareVersions('composer', version, '1.0')).toThrow(InvalidVersionError);
    expect(isValidVersion('composer', version)).toBe(false);
  });

  it.each(['dev-main', 'dev-feature/x', 'master', 'dev-1.0'])('does not order the named branch %j against releases', (branch) => {
    expect(() => compareVersions('composer', branch, '1.0')).toThrow(/invalid composer version .*named branch/);
    expect(isValidVersion('composer', branch)).toBe(false);
  });

  it('ranges use the comparison syntax', () => {
    expect(satisfies('Packagist', 'v5.4.20', '>= 5.0.0, < 5.4.21')).toBe(true);
    expect(satisfies('composer', 'v5.4.21', '>= 5.0.0, < 5.4.21')).toBe(false);
    expect(satisfies('composer', '5.4.21-RC1', '< 5.4.21')).toBe(true);
    expect(() => satisfies('composer', '1.0', '< dev-main')).toThrow(InvalidRangeError);
  });
});

describe('go pseudo-versions', () => {
  it.each([
    ['v0.0.0-20191109021931-daa7c04131f5', true],
    ['v1.2.4-0.20191109021931-daa7c04131f5', true],
    ['v1.2.3-pre.0.20191109021931-daa7c04131f5', true],
    ['v1.2.3', false],
    ['v1.2.3-rc.1', false],
  ])('%s: %s', (version, expected) => {
    expect(isGoPseudoVersion(version)).toBe(expected);
  });
});
