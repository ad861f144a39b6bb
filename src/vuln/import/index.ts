/**
 * `palisade db import`: reads an input, recognises each document's feed and writes the advisories
 * into a rebuilt store that is swapped in atomically (store/swap.ts).
 */
import { resolve } from 'node:path';
import { PalisadeError } from '../../core/errors.js';
import type { Problem } from '../../model/problem.js';
import { vulnProblem } from '../problems.js';
import { rebuildStore } from '../store/swap.js';
import { StoreWriter } from '../store/writer.js';
import { readInput } from './inputs.js';
import { type FeedKind, recognise } from './recognise.js';

export interface ImportOptions {
  /** Source identity (default: the absolute input path); re-importing a name replaces its records. */
  readonly name?: string;
  /** Checksum of a downloaded input, recorded in the source. */
  readonly sha256?: string;
  /** Where the input came from when it is a download (default: the path). */
  readonly location?: string;
  readonly now?: Date;
  /** Called every 1,000 documents. */
  readonly onProgress?: (documents: number, records: number) => void;
}

export interface ImportResult {
  readonly store: string;
  readonly source: string;
  /** Feeds seen, e.g. ["osv"] or ["debian-list"]. */
  readonly kinds: readonly FeedKind[];
  readonly records: number;
  /** Documents or records not imported (invalid, unsupported ecosystem, superseded duplicate). */
  readonly skipped: number;
  /** OSV ecosystems Palisade cannot order, with how many affected entries each had. */
  readonly unsupported: Readonly<Record<string, number>>;
  /** Problems, at most MAX_PROBLEMS; `moreProblems` counts the rest. */
  readonly problems: readonly Problem[];
  readonly moreProblems: number;
}

const MAX_PROBLEMS = 50;

export async function importAdvisories(storePath: string, inputPath: string, options: ImportOptions = {}): Promise<ImportResult> {
  const source = options.name ?? resolve(inputPath);
  const problems: Problem[] = [];
  let moreProblems = 0;
  const report = (p: Problem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else moreProblems++;
  };
  const kinds = new Set<FeedKind>();
  const unsupported: Record<string, number> = {};
  let skipped = 0;
  let documents = 0;

  const records = await rebuildStore(storePath, async (db) => {
    const writer = new StoreWriter(
      db,
      { name: source, kind: 'pending', location: options.location ?? resolve(inputPath), ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }) },
      options.now ?? new Date(),
    );
    for await (const item of readInput(inputPath)) {
      if (item.kind === 'problem') {
        if (item.problem.level === 'error' && documents === 0) throw new PalisadeError(item.problem);
        report(item.problem);
        skipped++;
        continue;
      }
      documents++;
      if (documents % 1000 === 0) options.onProgress?.(documents, writer.records);
      const found = recognise(item.value);
      if (!found.ok) {
        report(vulnProblem('advisory-invalid', found.reason, item.origin, item.line));
        skipped++;
        continue;
      }
      kinds.add(found.kind);
      for (const reason of found.invalid) report(vulnProblem('advisory-invalid', reason, item.origin, item.line));
      for (const ecosystem of found.unsupported) unsupported[ecosystem] = (unsupported[ecosystem] ?? 0) + 1;
      skipped += found.invalid.length;
      for (const advisory of found.advisories) {
        if (!writer.add(advisory)) skipped++;
      }
    }
    if (writer.records === 0) throw new PalisadeError(vulnProblem('import-empty', `no advisory found in ${inputPath}`, inputPath));
    writer.finish(skipped, [...kinds].sort().join('+'), unsupported);
    return writer.records;
  });
  for (const [ecosystem, count] of Object.entries(unsupported).sort()) {
    report(vulnProblem('advisory-unsupported', `${count} affected entries in ecosystem "${ecosystem}" were skipped`, inputPath));
  }
  return { store: storePath, source, kinds: [...kinds].sort(), records, skipped, unsupported, problems, moreProblems };
}
