import { describe, expect, it } from 'vitest';
import { hadolintIdsOf, isHadolintId } from './hadolint.js';
import { parseHadolintPragma } from './pragma.js';

describe('parseHadolintPragma', () => {
  it('reads the three scopes with hadolint spacing rules', () => {
    expect(parseHadolintPragma('hadolint ignore=DL3008')).toEqual({ ok: true, scope: 'line', ids: ['DL3008'] });
    expect(parseHadolintPragma('hadolint ignore=DL3023, DL3021')).toEqual({ ok: true, scope: 'line', ids: ['DL3023', 'DL3021'] });
    expect(parseHadolintPragma('  hadolint\tglobal  ignore = DL3023 , DL3021')).toEqual({ ok: true, scope: 'global', ids: ['DL3023', 'DL3021'] });
    expect(parseHadolintPragma('hadolint stage ignore=DL3011,DL3002')).toEqual({ ok: true, scope: 'stage', ids: ['DL3011', 'DL3002'] });
    expect(parseHadolintPragma('hadolint ignore=SC2086')).toEqual({ ok: true, scope: 'line', ids: ['SC2086'] });
  });

  it('allows blanks and a "# comment" after the list, which swallows the rest of the line', () => {
    expect(parseHadolintPragma('hadolint ignore=DL3002 ')).toEqual({ ok: true, scope: 'line', ids: ['DL3002'] });
    expect(parseHadolintPragma('hadolint ignore=DL3003,SC1035 # We accept these, because ...')).toEqual({ ok: true, scope: 'line', ids: ['DL3003', 'SC1035'] });
    expect(parseHadolintPragma('hadolint ignore=DL3003 # reason, DL3004')).toEqual({ ok: true, scope: 'line', ids: ['DL3003'] });
  });

  it('refuses a list with anything but rule names as a whole, as hadolint does', () => {
    expect(parseHadolintPragma('hadolint ignore=crazy,DL3002')).toMatchObject({ ok: false, error: '"crazy" is not a hadolint rule id (DLnnnn or SCnnnn)' });
    expect(parseHadolintPragma('hadolint ignore=DL3002 because')).toMatchObject({ ok: false, scope: 'line' });
    expect(parseHadolintPragma('hadolint ignore DL3002')).toMatchObject({ ok: false, error: 'no "=" after "ignore"' });
    expect(parseHadolintPragma('hadolint ignore=')).toMatchObject({ ok: false, error: 'a rule id is missing' });
    expect(parseHadolintPragma('hadolint ignore=DL3002,')).toMatchObject({ ok: false });
    expect(parseHadolintPragma('hadolint global ignore=dl3002')).toMatchObject({ ok: false, scope: 'global' });
  });

  it('leaves other comments and other hadolint pragmas alone', () => {
    for (const text of ['hadolint shell=powershell', 'a comment about hadolint ignore=DL3008', 'Hadolint ignore=DL3008', 'hadolint ignored=DL3008', 'hadolint globalignore=DL3008', 'hadolint', 'syntax=docker/dockerfile:1']) {
      expect(parseHadolintPragma(text)).toBeUndefined();
    }
  });
});

describe('hadolint ids', () => {
  it('knows hadolint checks, ShellCheck codes and nothing else', () => {
    expect(['DL1001', 'DL3000', 'DL3059', 'DL3077', 'DL4007', 'SC2086'].every(isHadolintId)).toBe(true);
    expect(['DL3078', 'DL9999', 'DL300', 'D3008', 'SC86', 'dl3008', 'DL1000'].filter(isHadolintId)).toEqual([]);
  });

  it('tells which hadolint check a finding answers to by its rule and message', () => {
    expect(hadolintIdsOf('dockerfile-unpinned-packages', 'apt-get install of curl has no version')).toEqual(['DL3008']);
    expect(hadolintIdsOf('dockerfile-unpinned-packages', 'pip install of flask has no version')).toEqual(['DL3013']);
    expect(hadolintIdsOf('dockerfile-sudo', 'anything')).toEqual(['DL3004']);
    expect(hadolintIdsOf('image-too-large', 'anything')).toEqual([]);
  });
});
