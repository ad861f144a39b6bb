import { expect, it } from 'vitest';
import { globMatches } from './glob.js';

it('matches globs (dotfiles included), case-insensitively on request, and anything without a pattern', () => {
  expect([globMatches('prod-*', 'prod-eu'), globMatches('prod-*', 'dev-eu'), globMatches('*', '.hidden')]).toEqual([true, false, true]);
  expect([globMatches('deploy*', 'Deployment'), globMatches('deploy*', 'Deployment', true)]).toEqual([false, true]);
  // The same pattern asked both ways is compiled both ways, not taken from the other's cache.
  expect(globMatches('deploy*', 'Deployment')).toBe(false);
  expect(globMatches(undefined, 'anything')).toBe(true);
});
