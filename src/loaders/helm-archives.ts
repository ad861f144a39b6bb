/**
 * Chart archives are inflated by helm, and helm before 3.17.3 inflates them without a bound
 * (GHSA-4hfp-h4cw-hj8p): a scanned repository with a small charts/x.tgz that inflates to
 * gigabytes would exhaust the scanning machine's memory in the helm process. Before helm is run,
 * each archive it would read (a packaged chart named directly, `.tgz` subcharts under `charts/`)
 * is inflated here as a stream, counting bytes and keeping none, up to the bound later helm
 * versions apply to a whole chart.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';

/** helm 3.17.3's default bound on a decompressed chart. */
export const MAX_INFLATED_CHART_BYTES = 100 * 1024 * 1024;

/** A chart nests subcharts a few levels deep at most. */
const MAX_DEPTH = 8;

/** The chart archives helm would inflate to render `target` (an archive, or a chart directory). */
export function chartArchives(target: string): string[] {
  try {
    if (statSync(target).isFile()) return [target];
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (chart: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let entries;
    try {
      entries = readdirSync(path.join(chart, 'charts'), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.join(chart, 'charts', entry.name);
      if (entry.isDirectory()) visit(child, depth + 1);
      else if (/\.(?:tgz|tar\.gz)$/i.test(entry.name)) found.push(child);
    }
  };
  visit(target, 0);
  return found;
}

/** Whether `file` inflates to more than `limit` bytes (an unreadable or broken archive is left to helm). */
export function inflatesBeyond(file: string, limit: number): Promise<boolean> {
  return new Promise((resolve) => {
    let total = 0;
    const input = createReadStream(file);
    const gunzip = createGunzip();
    const stop = (answer: boolean): void => {
      input.destroy();
      gunzip.destroy();
      resolve(answer);
    };
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) stop(true);
    });
    gunzip.on('end', () => {
      stop(false);
    });
    gunzip.on('error', () => {
      stop(false);
    });
    input.on('error', () => {
      stop(false);
    });
    input.pipe(gunzip);
  });
}

/** The first archive of the chart that inflates beyond the bound, if any. */
export async function oversizedArchive(target: string, limit = MAX_INFLATED_CHART_BYTES): Promise<string | undefined> {
  for (const archive of chartArchives(target)) if (await inflatesBeyond(archive, limit)) return archive;
  return undefined;
}
