/**
 * Licence strings as packages declare them, mapped to what SBOM formats accept: ids of the SPDX
 * License List (spdx-license-list.ts) and well-formed SPDX expressions over them (SPDX 2.3 annex
 * D). Other strings are kept as names (CycloneDX) or LicenseRef- entries with their original text
 * (SPDX), never dropped or guessed. Ids are matched in the case the list spells them: CycloneDX
 * `license.id` is that enumeration, and rewriting a declared string would not read back as declared.
 */
import { SPDX_EXCEPTION_IDS, SPDX_LICENSE_IDS } from './spdx-license-list.js';

const LICENSE_IDS = new Set(SPDX_LICENSE_IDS);
const EXCEPTION_IDS = new Set(SPDX_EXCEPTION_IDS);

export function isKnownSpdxId(text: string): boolean {
  return LICENSE_IDS.has(text);
}

/**
 * An SPDX expression other than a bare id: ids (optionally "+", "or later") joined by AND / OR,
 * an id WITH a listed exception, with balanced parentheses. Operators are upper case, as annex D
 * requires. A string that is not one ("MIT/Apache-2.0", "(MIT OR", "MIT OR") is a licence name.
 */
export function isSpdxExpression(text: string): boolean {
  const tokens = text.replace(/[()]/g, ' $& ').split(/\s+/).filter((t) => t !== '');
  let depth = 0;
  let expectOperand = true;
  let compound = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    if (token === '(' || token === ')') {
      if (expectOperand !== (token === '(')) return false;
      depth += token === '(' ? 1 : -1;
      if (depth < 0) return false;
    } else if (token === 'AND' || token === 'OR') {
      if (expectOperand) return false;
      expectOperand = true;
      compound = true;
    } else if (token === 'WITH') {
      // WITH binds a licence id and an exception id: "(A OR B) WITH x" is not an expression.
      const licence = tokens[i - 1] ?? '';
      if (expectOperand || licence === ')' || !EXCEPTION_IDS.has(tokens[i + 1] ?? '')) return false;
      i += 1;
      compound = true;
    } else {
      if (!expectOperand) return false;
      const plus = token.endsWith('+');
      if (!LICENSE_IDS.has(plus ? token.slice(0, -1) : token)) return false;
      expectOperand = false;
      compound ||= plus;
    }
  }
  return !expectOperand && depth === 0 && compound;
}
