import { describe, expect, it } from 'vitest';
import { InvalidCvssVectorError, cvss, severityOf } from './index.js';

describe('cvss', () => {
  it.each([
    // Examples worked in the specification documents.
    ['AV:N/AC:L/Au:N/C:N/I:N/A:C', '2.0', 7.8, 'high'], // CVE-2002-0392, v2 guide 3.3.1
    ['(AV:N/AC:L/Au:N/C:C/I:C/A:C)', '2.0', 10, 'high'], // NVD spelling
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 9.8, 'critical'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', '3.0', 6.1, 'medium'], // CVE-2013-1937, v3.0 examples
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', '3.1', 0, 'none'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', '4.0', 10, 'critical'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', '4.0', 0, 'none'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3, 'critical'], // calculator default
    // The highest vector of macro-vector 000220 (no lower EQ4/EQ5 neighbour): exactly its table score.
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', '4.0', 8.1, 'high'],
  ] as const)('%s -> %s %d %s', (vector, version, score, severity) => {
    expect(cvss(vector)).toMatchObject({ version, baseScore: score, severity });
  });

  it('reports v3 temporal and environmental scores; v4 has one score', () => {
    // By hand: Roundup(9.8 * 0.91 * 0.95 * 0.96) = 8.2; MISS = 1 - 0.72^3, Roundup(Roundup(7.9107) * 0.8299) = 6.7.
    expect(cvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:L/IR:L/AR:L')).toMatchObject({
      baseScore: 9.8, temporalScore: 8.2, environmentalScore: 6.7,
    });
    expect(cvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H')).not.toHaveProperty('temporalScore');
  });

  it.each([
    ['3.1', 0, 'none'], ['3.1', 0.1, 'low'], ['3.1', 3.9, 'low'], ['3.1', 4, 'medium'], ['3.1', 6.9, 'medium'],
    ['3.1', 7, 'high'], ['3.1', 8.9, 'high'], ['3.1', 9, 'critical'], ['4.0', 10, 'critical'],
    ['2.0', 0, 'low'], ['2.0', 3.9, 'low'], ['2.0', 4, 'medium'], ['2.0', 7, 'high'], ['2.0', 10, 'high'],
  ] as const)('severity %s %d is %s', (version, score, expected) => {
    expect(severityOf(version, score)).toBe(expected);
  });

  it('rejects hostile input without work proportional to it', () => {
    expect(() => cvss(`CVSS:3.1/${'AV:N/'.repeat(100_000)}`)).toThrow(InvalidCvssVectorError);
  });

  it('explains what is wrong', () => {
    expect(() => cvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toThrow(/missing base metric\(s\) A/);
    expect(() => cvss('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toThrow(/metric AV has value "Q"; allowed: N, A, L, P/);
  });
});
