/** netpol list --output dot with names the API server would refuse but a manifest can hold. */
import { expect, it } from 'vitest';
import { dotEdge, peerNode } from '../../src/graph/netpol/format.js';

it('keeps DOT statements whole when a pod or peer name holds quotes or backslashes', () => {
  const edge = dotEdge('shop/we"b[Pod]', 'shop/db\\[Pod]', 'TCP 5432');
  expect(edge).toContain('"shop/we\\"b[Pod]" -> "shop/db\\\\[Pod]"');
  // Unescaped quotes, once the escaped ones are removed, come in pairs: every string is closed.
  for (const line of [edge, peerNode('10.0.0.0/8 "x"')]) expect((line.replace(/\\\\|\\"/g, '').match(/"/g) ?? []).length % 2).toBe(0);
});
