/**
 * Chart archives are inspected before helm (3.17.2, which inflates them without a bound) runs:
 * a packaged chart, `.tgz` subcharts of a chart directory, and the subchart archives packaged
 * inside those, at any depth, against one budget for the whole chart. The archives are built
 * here as real gzip tar files, the way `helm package` writes them.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHART_NESTING, MAX_INFLATED_CHART_BYTES, refusedArchive } from '../../src/loaders/helm-archives.js';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-archives-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes bytes at `relative` under the test directory. */
function writeBytes(relative: string, content: Buffer): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** One ustar entry: a 512-byte header and the content padded to a block. */
function tarEntry(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return Buffer.concat([header, content, Buffer.alloc((512 - (content.length % 512)) % 512)]);
}

/** A gzip tar of `entries` (name, content), ended by two zero blocks. */
function tgz(entries: readonly (readonly [string, string | Buffer])[]): Buffer {
  return gzipSync(Buffer.concat([...entries.map(([name, content]) => tarEntry(name, typeof content === 'string' ? Buffer.from(content) : content)), Buffer.alloc(1024)]));
}

const chartYaml = (name: string): string => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** A packaged chart `name` whose files are `files` (paths inside the chart) besides its Chart.yaml. */
function packaged(name: string, files: readonly (readonly [string, string | Buffer])[]): Buffer {
  return tgz([[`${name}/Chart.yaml`, chartYaml(name)], ...files.map(([file, content]) => [`${name}/${file}`, content] as const)]);
}

describe('subchart archives inside chart archives', () => {
  it('are inflated too: a bomb two archives down is found and named', async () => {
    const bomb = packaged('big', [['files/zeros', Buffer.alloc(2 * 1024 * 1024)]]);
    const sub = packaged('sub', [['charts/big-0.1.0.tgz', bomb]]);
    const outer = packaged('outer', [['charts/sub-0.1.0.tgz', sub], ['templates/cm.yaml', configMap('outer')]]);
    writeBytes('outer-0.1.0.tgz', outer);
    // Each archive is a few KiB; the innermost one holds 2 MiB.
    expect(outer.length).toBeLessThan(64 * 1024);
    expect(await refusedArchive(path.join(dir, 'outer-0.1.0.tgz'), 'outer-0.1.0.tgz', 1024 * 1024)).toEqual({ kind: 'too-large', archive: 'outer-0.1.0.tgz/charts/sub-0.1.0.tgz/charts/big-0.1.0.tgz' });
    expect(await refusedArchive(path.join(dir, 'outer-0.1.0.tgz'), 'outer-0.1.0.tgz', 4 * 1024 * 1024)).toBeUndefined();
  });

  it('share one budget: archives each below it are refused together', async () => {
    const half = (name: string): Buffer => packaged(name, [['files/zeros', Buffer.alloc(600 * 1024)]]);
    writeUnder(dir, 'shared/Chart.yaml', chartYaml('shared'));
    writeBytes('shared/charts/a-0.1.0.tgz', half('a'));
    writeUnder(dir, 'shared/charts/nested/Chart.yaml', chartYaml('nested'));
    writeBytes('shared/charts/nested/charts/b-0.1.0.tgz', half('b'));
    const refused = await refusedArchive(path.join(dir, 'shared'), 'shared', 1024 * 1024);
    expect(refused?.kind).toBe('too-large');
    expect(await refusedArchive(path.join(dir, 'shared'), 'shared', 2 * 1024 * 1024)).toBeUndefined();
  });

  it(`are followed ${MAX_CHART_NESTING} deep and no further`, async () => {
    let archive = packaged('level0', [['templates/cm.yaml', configMap('deep')]]);
    for (let level = 1; level <= MAX_CHART_NESTING + 1; level++) archive = packaged(`level${level}`, [[`charts/level${level - 1}-0.1.0.tgz`, archive]]);
    writeBytes('deep.tgz', archive);
    const refused = await refusedArchive(path.join(dir, 'deep.tgz'), 'deep.tgz');
    expect(refused?.kind).toBe('too-deep');
    expect(refused?.archive.split('/charts/')).toHaveLength(MAX_CHART_NESTING + 2);
  });

  it('looks at each directory once, however many links under charts/ lead back to the chart', async () => {
    writeUnder(dir, 'looped/Chart.yaml', chartYaml('looped'));
    writeBytes('looped/charts/real/charts/big-0.1.0.tgz', packaged('big', [['files/zeros', Buffer.alloc(64 * 1024)]]));
    for (let i = 0; i < 30; i++) symlinkSync('..', path.join(dir, 'looped', 'charts', `loop${String(i)}`));
    expect(await refusedArchive(path.join(dir, 'looped'), 'looped', 32 * 1024)).toMatchObject({ kind: 'too-large' });
    expect(await refusedArchive(path.join(dir, 'looped'), 'looped', 1024 * 1024)).toBeUndefined();
  }, 10_000);

  it('names a subchart archive that is not gzip tar, rather than guessing how helm reads it', async () => {
    writeBytes('broken.tgz', packaged('broken', [['charts/sub-0.1.0.tgz', 'not gzip at all']]));
    expect(await refusedArchive(path.join(dir, 'broken.tgz'), 'broken.tgz')).toMatchObject({ kind: 'unreadable', archive: 'broken.tgz/charts/sub-0.1.0.tgz' });
  });
});

describe.skipIf(!hasHelm)('charts with archives, rendered', () => {
  it('renders a packaged chart whose subchart archive comes before its templates', async () => {
    const sub = packaged('sub', [['templates/cm.yaml', configMap('from-sub')]]);
    writeBytes('ordered-0.1.0.tgz', packaged('ordered', [['charts/sub-0.1.0.tgz', sub], ['templates/cm.yaml', configMap('from-outer')]]));
    const loaded = await loadInputs({ paths: ['ordered-0.1.0.tgz'], cwd: dir });
    expect(loaded.problems).toEqual([]);
    expect(loaded.resources.map((r) => `${r.name} ${r.source.file}`).sort()).toEqual([
      `from-outer ${path.join('ordered-0.1.0.tgz', 'templates', 'cm.yaml')}`,
      `from-sub ${path.join('ordered-0.1.0.tgz', 'charts', 'sub', 'templates', 'cm.yaml')}`,
    ]);
  });

  it('refuses a packaged chart holding a subchart archive beyond 100 MiB, before helm holds it (3.17.2 would)', async () => {
    const bomb = packaged('big', [['files/zeros', Buffer.alloc(MAX_INFLATED_CHART_BYTES + 1)]]);
    writeBytes('bombed-0.1.0.tgz', packaged('bombed', [['charts/big-0.1.0.tgz', bomb], ['templates/cm.yaml', configMap('bombed')]]));
    writeUnder(dir, 'plain.yaml', configMap('plain'));
    const loaded = await loadInputs({ paths: ['bombed-0.1.0.tgz', 'plain.yaml'], cwd: dir });
    expect(loaded.resources.map((r) => r.name)).toEqual(['plain']);
    expect(loaded.problems).toMatchObject([{ code: 'input-too-large', file: 'bombed-0.1.0.tgz/charts/big-0.1.0.tgz' }]);
    expect(loaded.problems[0]?.message).toContain('inflates to more than 100 MiB');
  }, 60_000);

  it('refuses a chart directory whose nested subchart archive holds more than 100 MiB', async () => {
    writeUnder(dir, 'tree/Chart.yaml', chartYaml('tree'));
    writeUnder(dir, 'tree/templates/cm.yaml', configMap('tree'));
    writeUnder(dir, 'tree/charts/nested/Chart.yaml', chartYaml('nested'));
    writeBytes('tree/charts/nested/charts/big-0.1.0.tgz', packaged('big', [['files/zeros', Buffer.alloc(MAX_INFLATED_CHART_BYTES + 1)]]));
    const loaded = await loadInputs({ paths: ['tree'], cwd: dir });
    expect(loaded.resources).toEqual([]);
    expect(loaded.problems).toMatchObject([{ code: 'input-too-large', file: path.join('tree', 'charts', 'nested', 'charts', 'big-0.1.0.tgz') }]);
  }, 60_000);
});
