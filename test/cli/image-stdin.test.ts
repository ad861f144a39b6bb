/**
 * An image named "-" (`podman save app | palisade image scan -`) is refused as docs/cli.md says:
 * images are not read from standard input. The reader's message ("- is neither an existing path,
 * a transport:path name, nor an image reference") did not say what to do instead.
 */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

describe('an image from standard input', () => {
  it.each([['image scan'], ['sbom']])('palisade %s -: a usage error saying to save the image to a file', (command) => {
    const run = palisade([...command.split(' '), '-'], { input: 'not an image' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error usage: an image cannot be read from standard input (hint: Save it to a file and name that: podman save -o app.tar app && palisade ${command} docker-archive:app.tar)\n`);
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
