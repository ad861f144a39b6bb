/**
 * Chart archives are inflated by helm, and helm before 3.17.3 inflates them without a bound
 * (GHSA-4hfp-h4cw-hj8p): a scanned repository with a small charts/x.tgz that inflates to
 * gigabytes would exhaust the scanning machine's memory in the helm process. helm reads every
 * file of an archive into memory, and then loads each `charts/NAME.tgz` found inside it (a
 * subchart packaged inside a packaged chart) the same way, at any depth.
 *
 * Before helm is run, each archive it would read (a packaged chart named directly, `.tgz`
 * subcharts under `charts/` of a chart directory, and the subchart archives inside those) is
 * read here as a stream with the tar semantics of Go's archive/tar, keeping no content. One
 * budget covers the whole chart: the sizes of the files helm would hold (sparse holes included,
 * as Go expands them) and the tar stream inflated to find them, nested archives included.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TarReader } from './image/tar-reader.js';

/** helm 3.17.3's default bound on a decompressed chart. */
export const MAX_INFLATED_CHART_BYTES = 100 * 1024 * 1024;

/** A chart nests subcharts a few levels deep at most; directories and archives alike. */
export const MAX_CHART_NESTING = 8;

/** Why a chart is not handed to helm; `archive` is the archive at fault, as `shown/charts/x.tgz/charts/y.tgz`. */
export type ArchiveRefusal =
  | { readonly kind: 'too-large'; readonly archive: string }
  | { readonly kind: 'too-deep'; readonly archive: string }
  | { readonly kind: 'unreadable'; readonly archive: string; readonly reason: string };

/** The chart archives helm would inflate to render `target` (an archive, or a chart directory). */
export function chartArchives(target: string): string[] {
  try {
    if (statSync(target).isFile()) return [target];
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (chart: string, depth: number): void => {
    if (depth > MAX_CHART_NESTING) return;
    let entries: string[];
    try {
      entries = readdirSync(path.join(chart, 'charts'));
    } catch {
      return;
    }
    for (const name of entries) {
      const child = path.join(chart, 'charts', name);
      // helm follows links to directories; the links were checked to stay inside the input.
      const stats = statSync(child, { throwIfNoEntry: false });
      if (stats?.isDirectory() === true) visit(child, depth + 1);
      else if (stats?.isFile() === true && /\.(?:tgz|tar\.gz)$/i.test(name)) found.push(child);
    }
  };
  visit(target, 0);
  return found;
}

/** An archive entry helm loads as a subchart archive: `charts/NAME.tgz`, in the chart or in a subchart directory of it. */
const SUBCHART_ARCHIVE = /(?:^|\/)charts\/[^/]+\.tgz$/i;

/** The path of an entry inside its chart: helm drops the first segment (the chart's directory) and reads `\` as `/`. */
function inChartPath(name: string): string {
  return name.replaceAll('\\', '/').split('/').slice(1).join('/');
}

interface Budget {
  /** File bytes helm would hold, left. */
  files: number;
  /** Tar stream bytes that may still be inflated (headers and padding cost inflating, not memory). */
  stream: number;
}

class OverBudget extends Error {
  constructor(readonly archive: string) {
    super(`${archive} inflates beyond the bound`);
  }
}

/** The inflated bytes of `input`, each chunk charged to the budget before it is handed on. */
async function* inflate(input: AsyncIterable<Buffer>, budget: Budget, archive: string): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  const source = Readable.from(input, { highWaterMark: 1 });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      const piece = chunk as Buffer;
      budget.stream -= piece.length;
      if (budget.stream < 0) throw new OverBudget(archive);
      yield piece;
    }
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/** An archive that is not a gzip tar archive Go would read the way this reader does. */
class Unreadable extends Error {
  constructor(
    readonly archive: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Walks one archive, and the subchart archives inside it, charging the budget; the refusal found, if any. */
async function inspect(input: AsyncIterable<Buffer>, archive: string, depth: number, budget: Budget): Promise<ArchiveRefusal | undefined> {
  const inflated = inflate(input, budget, archive);
  const reader = new TarReader(inflated);
  try {
    for (let entry = await reader.next(); entry !== undefined; entry = await reader.next()) {
      if (entry.type !== 'file') continue; // directories, links and devices carry no content
      budget.files -= entry.size;
      if (budget.files < 0) throw new OverBudget(archive);
      const inChart = inChartPath(entry.name);
      if (!SUBCHART_ARCHIVE.test(inChart)) continue;
      const inner = `${archive}/${inChart}`;
      if (depth >= MAX_CHART_NESTING) return { kind: 'too-deep', archive: inner };
      const content = reader.content();
      try {
        const found = await inspect(content, inner, depth + 1, budget);
        if (found !== undefined) return found;
      } finally {
        // The inner walk may stop before the entry's end; its reads must be over before the outer reader moves on.
        await content.return(undefined);
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof OverBudget || error instanceof Unreadable) throw error;
    throw new Unreadable(archive, error instanceof Error ? error.message : String(error));
  } finally {
    await inflated.return(undefined);
  }
}

/**
 * The first reason not to hand the chart at `target` to helm, if any: an archive of it that
 * inflates beyond the bound (with the others), nests subchart archives too deep, or cannot be
 * read as a gzip tar archive (helm would fail on it too, or worse, read it otherwise).
 * `shownAs` is how the user named `target`.
 */
export async function refusedArchive(target: string, shownAs: string, limit = MAX_INFLATED_CHART_BYTES): Promise<ArchiveRefusal | undefined> {
  const budget: Budget = { files: limit, stream: 2 * limit };
  for (const file of chartArchives(target)) {
    const inside = path.relative(target, file);
    const archive = inside === '' ? shownAs : path.join(shownAs, inside);
    try {
      const found = await inspect(createReadStream(file), archive, 0, budget);
      if (found !== undefined) return found;
    } catch (error) {
      if (error instanceof OverBudget) return { kind: 'too-large', archive: error.archive };
      if (error instanceof Unreadable) return { kind: 'unreadable', archive: error.archive, reason: error.reason };
      throw error;
    }
  }
  return undefined;
}
