/**
 * NuGet versions, ordered as NuGet.Versioning's default VersionComparer does (Microsoft Learn,
 * "Package versioning"): Major[.Minor[.Patch[.Revision]]][-Label(.Label)*][+Metadata].
 *
 * - One to four numeric parts, each a non-negative 32-bit integer (System.Version); missing parts
 *   are 0, so 1.0 == 1.0.0 == 1.0.0.0, and leading zeros do not count (1.01 == 1.1).
 * - A pre-release (any label) sorts before its release. Labels compare one by one: numeric labels
 *   as numbers and before alphanumeric ones, the others case-insensitively ("RC" == "rc"); the
 *   version with more labels is greater when all shared ones are equal (SemVer 2.0 precedence).
 * - Build metadata is validated but does not order.
 *
 * NuGet trims surrounding whitespace before parsing ("we're not strict here"), so this does too.
 */
import { InvalidVersionError, checkLength } from './errors.js';
import { type Ordering, compareDigits, sign } from './sign.js';

const ECOSYSTEM = 'nuget';
const INT32_MAX = 2147483647;

interface NugetVersion {
  /** Always four parts, as decimal strings without leading zeros. */
  readonly numbers: readonly [string, string, string, string];
  readonly labels: readonly string[];
}

/** Sections as NuGet splits them: the first "-" or "+" ends the numbers, the first "+" ends the labels. */
const SHAPE = /^([0-9.]*)(?:-([^+]*))?(?:\+(.*))?$/s;
/** A label or metadata identifier: ASCII letters, digits and "-", never empty. */
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

function invalid(input: string, reason: string): never {
  throw new InvalidVersionError(ECOSYSTEM, input, reason);
}

export function parseNuget(input: string): NugetVersion {
  checkLength(ECOSYSTEM, input, 'version');
  const shape = SHAPE.exec(input.trim());
  if (shape === null) invalid(input, 'not a NuGet version (MAJOR[.MINOR[.PATCH[.REVISION]]][-LABELS][+METADATA])');
  const [, numberText = '', labelText, metadata] = shape;
  const numbers = parseNumbers(input, numberText);
  const labels = labelText === undefined ? [] : parseLabels(input, labelText);
  if (metadata !== undefined) checkMetadata(input, metadata);
  return { numbers, labels };
}

function parseNumbers(input: string, text: string): NugetVersion['numbers'] {
  const parts = text.split('.');
  if (text === '' || parts.length > 4) invalid(input, 'a NuGet version has one to four numeric parts');
  const numbers = parts.map((part) => {
    if (!/^\d+$/.test(part)) invalid(input, `numeric part ${JSON.stringify(part)} is not a number`);
    const digits = part.replace(/^0+(?=\d)/, '');
    // System.Version holds each part in an Int32.
    if (compareDigits(digits, String(INT32_MAX)) > 0) invalid(input, `numeric part ${part} is larger than ${String(INT32_MAX)}`);
    return digits;
  });
  return [numbers[0] ?? '0', numbers[1] ?? '0', numbers[2] ?? '0', numbers[3] ?? '0'];
}

function parseLabels(input: string, text: string): string[] {
  const labels = text.split('.');
  for (const label of labels) {
    if (!IDENTIFIER.test(label)) invalid(input, `pre-release label ${JSON.stringify(label)} must be non-empty ASCII letters, digits or "-"`);
    // SemVer 2.0 forbids leading zeros in numeric identifiers, and NuGet enforces it for labels.
    if (/^0\d+$/.test(label)) invalid(input, `numeric pre-release label ${label} has a leading zero`);
  }
  return labels;
}

/** Metadata must be well formed, but it never orders, so nothing of it is kept. */
function checkMetadata(input: string, text: string): void {
  for (const identifier of text.split('.')) {
    if (!IDENTIFIER.test(identifier)) invalid(input, `build metadata ${JSON.stringify(identifier)} must be non-empty ASCII letters, digits or "-"`);
  }
}

/**
 * A label is numeric when Int32.TryParse accepts it: digits, optionally after "-" (labels may
 * contain dashes, so "-1" is a number to NuGet), within the Int32 range. Larger digit strings are
 * compared as text, as NuGet does.
 */
function numericLabel(label: string): number | undefined {
  if (!/^-?\d{1,10}$/.test(label)) return undefined;
  const value = Number(label);
  return value >= -INT32_MAX - 1 && value <= INT32_MAX ? value : undefined;
}

function compareLabel(a: string, b: string): Ordering {
  const x = numericLabel(a);
  const y = numericLabel(b);
  if (x !== undefined && y !== undefined) return sign(x - y);
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  // OrdinalIgnoreCase; labels are ASCII letters, digits and "-", so upper-casing is exact.
  const p = a.toUpperCase();
  const q = b.toUpperCase();
  return p < q ? -1 : p > q ? 1 : 0;
}

function compareLabels(a: readonly string[], b: readonly string[]): Ordering {
  // No labels is a release, which follows all of its pre-releases.
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareLabel(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

export function compareNuget(a: string, b: string): Ordering {
  const x = parseNuget(a);
  const y = parseNuget(b);
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(x.numbers[i] ?? '0', y.numbers[i] ?? '0');
    if (c !== 0) return c;
  }
  return compareLabels(x.labels, y.labels);
}
