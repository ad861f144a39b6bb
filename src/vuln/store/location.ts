/** Where the store lives by default: the user's cache directory, as the XDG base directory spec says. */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  // The spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const cache = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(home, '.cache');
  return join(cache, 'palisade', 'db.sqlite');
}
