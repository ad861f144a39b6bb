/** RFC 6901 JSON pointers: build, split and resolve. */

export function escapeToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  // Nearly every token has nothing to escape: rules build a pointer for each finding.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Joins a base pointer with further tokens: pointer('/spec', 'containers', 0) === '/spec/containers/0'. */
export function pointer(base: string, ...tokens: readonly (string | number)[]): string {
  let result = base;
  for (const token of tokens) result += `/${escapeToken(token)}`;
  return result;
}

export function splitPointer(ptr: string): string[] {
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) throw new Error(`invalid JSON pointer: ${ptr}`);
  return ptr.slice(1).split('/').map(unescapeToken);
}

/** The pointer of the parent value, or undefined for the root. */
export function parentPointer(ptr: string): string | undefined {
  if (ptr === '') return undefined;
  return ptr.slice(0, ptr.lastIndexOf('/'));
}

/** The value at `ptr` inside `root`, or undefined when any step is missing. */
export function resolvePointer(root: unknown, ptr: string): unknown {
  let current: unknown = root;
  for (const token of splitPointer(ptr)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (current !== null && typeof current === 'object') current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}
