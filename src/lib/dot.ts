/** Graphviz DOT text shared by the graph writers (attack paths, RBAC escalation, network reachability). */

/**
 * A DOT double-quoted string whose content Graphviz shows literally: backslashes and quotes
 * escaped, control characters (a line break would end the statement) shown as spaces. Names come
 * from manifests, which the API server never validated: `we"b` must not end the string.
 */
export function dotString(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the output
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `"${flat.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
