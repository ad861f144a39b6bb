import { describe, expect, it } from 'vitest';
import { licenseRefs } from './license-refs.js';

const IDSTRING_REF = /^LicenseRef-[A-Za-z0-9.-]+$/;

describe('licenseRefs', () => {
  it('keeps a name that is already an idstring verbatim', () => {
    expect(licenseRefs(['GPL-2', 'Artistic', 'public-domain'])).toEqual(new Map([
      ['Artistic', 'LicenseRef-Artistic'], ['GPL-2', 'LicenseRef-GPL-2'], ['public-domain', 'LicenseRef-public-domain'],
    ]));
  });

  it('spells out "+" and hashes a changed name, so GPL-2 and GPL-2+ stay two licences', () => {
    const refs = licenseRefs(['GPL-2', 'GPL-2+']);
    expect(refs.get('GPL-2')).toBe('LicenseRef-GPL-2');
    expect(refs.get('GPL-2+')).toMatch(/^LicenseRef-GPL-2plus-[0-9a-f]{8}$/);
  });

  it('gives every distinct name its own ref, compared without case as SPDX matches ids', () => {
    const names = ['GPL-2', 'GPL-2+', 'gpl-2', 'GPL 2', 'GPL_2', 'GPL-2plus', 'Custom licence, see LICENSE', '', ' ', 'é', 'ü', 'x'.repeat(300), `${'x'.repeat(300)}y`];
    const refs = licenseRefs(names);
    expect([...refs.keys()].sort()).toEqual([...new Set(names)].sort());
    for (const ref of refs.values()) expect(ref).toMatch(IDSTRING_REF);
    const lower = [...refs.values()].map((r) => r.toLowerCase());
    expect(new Set(lower).size).toBe(names.length);
    // Two names that differ only in case both take the hashed form: neither owns the plain ref.
    expect(refs.get('GPL-2')).toMatch(/^LicenseRef-GPL-2-[0-9a-f]{8}$/);
    expect(refs.get('gpl-2')).toMatch(/^LicenseRef-gpl-2-[0-9a-f]{8}$/);
    expect(refs.get('')).toMatch(/^LicenseRef-unnamed-[0-9a-f]{8}$/);
    // Long names give bounded refs.
    for (const ref of refs.values()) expect(ref.length).toBeLessThanOrEqual('LicenseRef-'.length + 64 + 1 + 8);
  });

  it('a verbatim name cannot take the ref another name was hashed to', () => {
    const hashed = licenseRefs(['GPL-2+']).get('GPL-2+') ?? '';
    const impostor = hashed.slice('LicenseRef-'.length);
    const refs = licenseRefs(['GPL-2+', impostor]);
    expect(refs.get('GPL-2+')).not.toBe(refs.get(impostor));
    expect(refs.get(impostor)).toMatch(IDSTRING_REF);
  });

  it('is stable: the same ref for a name whatever else the document holds, unless a name collides with it', () => {
    const alone = licenseRefs(['GPL-2+', 'Custom licence, see LICENSE']);
    const crowded = licenseRefs(['MIT-style', 'Custom licence, see LICENSE', 'zlib-ish', 'GPL-2+', 'BSD']);
    expect(crowded.get('GPL-2+')).toBe(alone.get('GPL-2+'));
    expect(crowded.get('Custom licence, see LICENSE')).toBe(alone.get('Custom licence, see LICENSE'));
    expect(licenseRefs(['b', 'a', 'A'])).toEqual(licenseRefs(['A', 'a', 'b']));
  });
});
