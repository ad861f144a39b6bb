/** One readable phrase for why a finding is suppressed, shared by the text writers. */
import type { Suppression } from '../../model/finding.js';

export function describeSuppression(suppression: Suppression | undefined): string {
  if (suppression === undefined) return 'suppressed';
  switch (suppression.kind) {
    case 'exception': {
      const extras = [
        suppression.owner === undefined ? undefined : `owner ${suppression.owner}`,
        suppression.expires === undefined ? undefined : `expires ${suppression.expires}`,
      ].filter((x) => x !== undefined);
      return `exception #${suppression.exceptionIndex}: ${suppression.reason}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
    }
    case 'annotation':
      return `annotation: ${suppression.reason}`;
    case 'vex':
      return `VEX ${suppression.source}: ${suppression.reason}`;
  }
}
