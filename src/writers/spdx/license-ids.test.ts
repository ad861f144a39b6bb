import { describe, expect, it } from 'vitest';
import { isKnownSpdxId, isSpdxExpression } from './license-ids.js';

describe('isKnownSpdxId', () => {
  it('knows the whole SPDX License List, not only the licences npm uses most (Fedora and RHEL 10 rpms declare HPND, MPL-1.1, BSD-4-Clause-UC)', () => {
    for (const id of ['MIT', 'HPND', 'MPL-1.1', 'BSD-4-Clause-UC', 'Artistic-1.0-Perl', 'OFL-1.1', 'GFDL-1.3-or-later', 'PostgreSQL', 'GPL-2.0']) expect(isKnownSpdxId(id), id).toBe(true);
  });

  it('takes ids in the case the list spells them, and nothing else: Debian names and exceptions are not licence ids', () => {
    for (const name of ['BSD-3-clause', 'mit', 'GPL-2+', 'Expat', 'public-domain', 'LLVM-exception', 'Classpath-exception-2.0', '']) expect(isKnownSpdxId(name), name).toBe(false);
  });
});

describe('isSpdxExpression', () => {
  it('accepts compound expressions over listed ids, "+" and WITH a listed exception', () => {
    for (const expression of [
      'MIT OR Apache-2.0', '(MIT OR Apache-2.0)', 'GPL-2.0-or-later AND LGPL-2.1-or-later AND HPND', 'Apache-2.0 WITH LLVM-exception',
      'GPL-2.0+', '(GPL-2.0-only WITH Classpath-exception-2.0 OR MIT) AND ISC', 'Zlib OR Apache-2.0 OR MIT',
    ]) expect(isSpdxExpression(expression), expression).toBe(true);
  });

  it('refuses what is not an expression: dangling operators, unbalanced parentheses, lower-case operators, unknown ids, WITH a licence', () => {
    for (const text of [
      'MIT OR', 'OR MIT', 'MIT OR Apache-2.0 AND', 'MIT OR Apache-2.0)', '(MIT OR Apache-2.0', ')MIT OR Apache-2.0(', 'MIT or Apache-2.0',
      'MIT/Apache-2.0', 'MIT OR Custom', 'MIT WITH MIT', '(MIT OR ISC) WITH LLVM-exception', 'MIT', '', 'MIT MIT', 'MIT OR ()',
    ]) expect(isSpdxExpression(text), text).toBe(false);
  });
});
