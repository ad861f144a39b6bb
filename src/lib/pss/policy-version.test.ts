import { describe, expect, it } from 'vitest';
import { enforcePolicyOf, evaluatedMinor, isPssVersion, LATEST_MINOR } from './policy-version.js';

describe('policy levels and versions from namespace labels', () => {
  it('accepts latest and v1.x without leading zeros', () => {
    expect(['latest', 'v1.0', 'v1.9', 'v1.37', 'v1.100'].every(isPssVersion)).toBe(true);
    expect(['v1.07', 'v2.0', '1.25', 'v1.', 'Latest', ''].some(isPssVersion)).toBe(false);
  });

  it('evaluates latest and future versions as the newest policy', () => {
    expect(evaluatedMinor('latest')).toBe(LATEST_MINOR);
    expect(evaluatedMinor('v1.500')).toBe(LATEST_MINOR);
    expect(evaluatedMinor('v1.3')).toBe(3);
  });

  it('resolves labels as the admission controller does', () => {
    expect(enforcePolicyOf({})).toEqual({ level: 'privileged', version: 'latest', errors: [] });
    expect(enforcePolicyOf({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.24' })).toEqual({ level: 'baseline', version: 'v1.24', errors: [] });
    // An invalid level fails closed to restricted; an invalid version falls back to latest.
    const invalid = enforcePolicyOf({ 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/enforce-version': 'v1.07' });
    expect(invalid.level).toBe('restricted');
    expect(invalid.version).toBe('latest');
    expect(invalid.errors).toEqual([
      'pod-security.kubernetes.io/enforce: "strict": must be one of privileged, baseline, restricted',
      'pod-security.kubernetes.io/enforce-version: "v1.07": must be "latest" or "v1.x"',
    ]);
    // A version label alone applies to the default level.
    expect(enforcePolicyOf({ 'pod-security.kubernetes.io/enforce-version': 'v1.20' })).toEqual({ level: 'privileged', version: 'v1.20', errors: [] });
  });
});
