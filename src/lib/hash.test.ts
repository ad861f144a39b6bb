import { describe, expect, it } from 'vitest';
import { hash64, hash64Fields } from './hash.js';

describe('hash64', () => {
  it('is 16 hex characters and stable across runs', () => {
    expect(hash64('privileged-container\u0000Pod/ns/web')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64('abc')).toBe(hash64('abc'));
    // Pinned: ids in reports and SARIF fingerprints must not change between releases silently.
    expect(hash64('')).toBe('ab3e7c0b41fe7085');
  });

  it('spreads similar inputs apart', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(hash64(`rule\u0000Deployment/ns/app-${i}\u0000/spec/template/spec/containers/0`));
    expect(seen.size).toBe(100_000);
  });

  it('hashes fields exactly as their NUL-joined text, without joining them', () => {
    const cases = [[''], ['a'], ['', ''], ['rule', 'Pod/ns/web', 'a.yaml', '/spec', 'message é ✓'], ['x', '', 'y']];
    for (const fields of cases) expect(hash64Fields(fields)).toBe(hash64(fields.join('\u0000')));
  });

  it('writes leading zeros: every id is 16 digits whatever its value', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => hash64(`zeros ${String(i)}`));
    expect(ids.every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    // 5,000 ids: some half starts with a 0 nibble (1 in 16), so the padding path is exercised.
    expect(ids.some((id) => id.startsWith('0') || id.charAt(8) === '0')).toBe(true);
  });
});
