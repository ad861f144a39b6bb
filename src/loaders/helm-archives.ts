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
import { createReadStream, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TarReader } from './image/tar-reader.js';
import { isSchemaFile, MAX_SCHEMA_BYTES, outsideRef, outsideRefOfFile, TOO_LARGE } from './helm-schema.js';

/** helm 3.17.3's default bound on a decompressed chart. */
export const MAX_INFLATED_CHART_BYTES = 100 * 1024 * 1024;

/** A chart nests subcharts a few levels deep at most; directories and archives alike. */
export const MAX_CHART_NESTING = 8;

/** Why a chart is not handed to helm; `archive` is the archive at fault, as `shown/charts/x.tgz/charts/y.tgz`. */
export type ArchiveRefusal =
  | { readonly kind: 'too-large'; readonly archive: string }
  | { readonly kind: 'too-deep'; readonly archive: string }
  | { readonly kind: 'unreadable'; readonly archive: string; readonly reason: string };

/** The chart archives helm would inflate to render `target` (an archive, or a chart directory), and the values schemas of its chart directories. */
export function chartFiles(target: string): { readonly archives: string[]; readonly schemas: string[] } {
  try {
    if (statSync(target).isFile()) return { archives: [target], schemas: [] };
  } catch {
    return { archives: [], schemas: [] };
  }
  const archives: string[] = [];
  const schemas: string[] = [];
  // Each directory once: links under charts/ back to the chart (`charts/a -> ..`, thirty of them)
  // would make the walk exponential. helm follows one such path until the system says ELOOP.
  const visited = new Set<string>();
  const visit = (chart: string, depth: number): void => {
    if (depth > MAX_CHART_NESTING) return;
    let real: string;
    try {
      real = realpathSync(chart);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    const schema = path.join(chart, 'values.schema.json');
    if (statSync(schema, { throwIfNoEntry: false })?.isFile() === true) schemas.push(schema);
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
      else if (stats?.isFile() === true && /\.(?:tgz|tar\.gz)$/i.test(name)) archives.push(child);
    }
  };
  visit(target, 0);
  return { archives, schemas };
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
  /** Values schemas found that refer outside themselves (helm-schema.ts). */
  readonly schemaRefs: SchemaRef[];
}

/** A values.schema.json (as shown to the user) whose `$ref` helm would fetch or read. */
export interface SchemaRef {
  readonly file: string;
  readonly ref: string;
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
      if (isSchemaFile(inChart)) {
        const ref = entry.size > MAX_SCHEMA_BYTES ? TOO_LARGE : outsideRef((await reader.read(false)).toString('utf8'));
        if (ref !== undefined) budget.schemaRefs.push({ file: `${archive}/${inChart}`, ref });
        continue;
      }
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

/** What was found in a chart before helm is run. */
export interface ChartInspection {
  /** Why the chart is not handed to helm, if it is not. */
  readonly refusal?: ArchiveRefusal;
  /** Values schemas, in directories and archives, that refer outside themselves. */
  readonly schemaRefs: readonly SchemaRef[];
}

/**
 * The chart at `target` as helm would load it, before helm does: the first reason not to hand it
 * to helm, if any (an archive that inflates beyond the bound with the others, nests subchart
 * archives too deep, or cannot be read as a gzip tar archive: helm would fail on it too, or
 * worse, read it otherwise), and its values schemas that refer outside themselves. `shownAs` is
 * how the user named `target`.
 */
export async function inspectChart(target: string, shownAs: string, limit = MAX_INFLATED_CHART_BYTES): Promise<ChartInspection> {
  const { archives, schemas } = chartFiles(target);
  const schemaRefs: SchemaRef[] = [];
  for (const schema of schemas) {
    const ref = outsideRefOfFile(schema);
    if (ref !== undefined) schemaRefs.push({ file: path.join(shownAs, path.relative(target, schema)), ref });
  }
  const budget: Budget = { files: limit, stream: 2 * limit, schemaRefs };
  for (const file of archives) {
    const inside = path.relative(target, file);
    const archive = inside === '' ? shownAs : path.join(shownAs, inside);
    try {
      const refusal = await inspect(createReadStream(file), archive, 0, budget);
      if (refusal !== undefined) return { refusal, schemaRefs };
    } catch (error) {
      if (error instanceof OverBudget) return { refusal: { kind: 'too-large', archive: error.archive }, schemaRefs };
      if (error instanceof Unreadable) return { refusal: { kind: 'unreadable', archive: error.archive, reason: error.reason }, schemaRefs };
      throw error;
    }
  }
  return { schemaRefs };
}

/** The reason not to hand the chart to helm, if any (inspectChart's refusal). */
export async function refusedArchive(target: string, shownAs: string, limit = MAX_INFLATED_CHART_BYTES): Promise<ArchiveRefusal | undefined> {
  return (await inspectChart(target, shownAs, limit)).refusal;
}
