/**
 * JSON.stringify(value, null, 2) in parts. A V8 string stops at 512 MB, and the JSON of a scan of
 * a large cluster (a million findings) is bigger: written as one string it failed with "Invalid
 * string length" after gigabytes of memory. The parts join to exactly the text JSON.stringify
 * gives. Only large arrays, and the objects and arrays that lead to them (a report's findings, a
 * SARIF log's runs[].results), are taken apart; their small items are written a group at a time
 * by JSON.stringify itself, which is where the speed is. (A toJSON(key) of such an item is given its
 * index in its group; the report's only toJSON, Date's, does not read it.)
 */

const INDENT = '  ';
/** An array this long is written in parts. */
const LARGE_ARRAY = 256;
/** Items per part of a large array. */
const GROUP = 512;
/** How deep a large array is looked for: the findings are at depth 1, SARIF results at depth 3. */
const SEARCH_DEPTH = 4;

/** What JSON.stringify would make of a value before writing it: toJSON applied. */
function jsonValue(value: unknown, key: string): unknown {
  const withToJson = value as { toJSON?: (key: string) => unknown } | null;
  return typeof withToJson?.toJSON === 'function' ? withToJson.toJSON(key) : value;
}

/** Values an object member leaves out and an array item writes as null. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Whether the value is, or leads to, a large array. */
function isLarge(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object' || depth >= SEARCH_DEPTH) return false;
  if (Array.isArray(value)) return value.length >= LARGE_ARRAY || value.some((item) => isLarge(item, depth + 1));
  return Object.values(value).some((member) => isLarge(member, depth + 1));
}

/** JSON.stringify's text of a value written at `depth`: its inner lines indented to that depth. */
function stringified(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, INDENT.length);
  return depth === 0 ? text : text.replaceAll('\n', `\n${INDENT.repeat(depth)}`);
}

export function* jsonChunks(value: unknown): Generator<string> {
  yield* chunksOf(jsonValue(value, ''), 0);
}

function* chunksOf(value: unknown, depth: number): Generator<string> {
  if (!isLarge(value, depth) || value === null || typeof value !== 'object') {
    yield stringified(value, depth);
    return;
  }
  const inner = INDENT.repeat(depth + 1);
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; ) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      if (isLarge(value[i], depth + 1)) {
        yield* chunksOf(jsonValue(value[i], String(i)), depth + 1);
        i++;
        continue;
      }
      // A run of small items as JSON.stringify writes an array of them, without its brackets:
      // "[\n  a,\n  b\n]" holds "a,\n  b" at the indentation of one level deeper.
      let end = i + 1;
      while (end < value.length && end - i < GROUP && !isLarge(value[end], depth + 1)) end++;
      const text = stringified(value.slice(i, end), depth);
      yield text.slice(2 + inner.length, text.length - 2 - INDENT.repeat(depth).length);
      i = end;
    }
    yield `\n${INDENT.repeat(depth)}]`;
    return;
  }
  const members = Object.keys(value)
    .map((key) => [key, jsonValue((value as Record<string, unknown>)[key], key)] as const)
    .filter(([, member]) => !isOmitted(member));
  yield '{';
  for (const [i, [key, member]] of members.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* chunksOf(member, depth + 1);
  }
  yield `\n${INDENT.repeat(depth)}}`;
}
