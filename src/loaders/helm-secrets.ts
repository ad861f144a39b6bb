/**
 * The values the user hands helm, which a failed render must not print in full. The problem of a
 * failed render quotes the command line and helm's error, and a chart's template can make helm
 * quote any value (`{{ fail .Values.db.password }}`): a chart under review in CI, written by
 * whoever opened the pull request, would otherwise print the secrets the pipeline passes with
 * `--set` or in a values file to a log they can read.
 */
import path from 'node:path';
import { parseStream } from '../lib/yaml/index.js';
import { readFileBounded } from './read-bounded.js';

/** The values of `--set` assignments (`db.password=s3cret`, `a=1,b=2`, `list={x,y}`), whole and item by item. */
export function setValues(assignments: readonly string[]): string[] {
  return assignments.flatMap((assignment) => {
    const whole = assignment.slice(assignment.indexOf('=') + 1);
    const parts = assignment.split(/(?<!\\),/).map((part) => part.slice(part.indexOf('=') + 1).replace(/^\{|\}$/g, ''));
    return [whole, ...parts];
  });
}

/** A values file is a few KiB; a larger one is not searched (helm reads it, and quotes it only if a template asks). */
const MAX_VALUES_BYTES = 4 * 1024 * 1024;
/** Shorter strings of a values file (`true`, `nginx`, `80`) are words of helm's messages too. */
const MIN_LENGTH = 8;

/** The string values of the user's values files, of MIN_LENGTH characters or more. */
export function valuesFileStrings(files: readonly string[], cwd: string): string[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      const read = readFileBounded(path.resolve(cwd, file), MAX_VALUES_BYTES);
      if (read.kind !== 'text') return [];
      text = read.text;
    } catch {
      return [];
    }
    const strings: string[] = [];
    const pending: unknown[] = parseStream(text).documents.map((document) => document.value);
    // Each object once: aliases share them, and a walk into every alias could be a billion laughs.
    const seen = new Set<object>();
    while (pending.length > 0) {
      const value = pending.pop();
      if (typeof value === 'string') {
        if (value.length >= MIN_LENGTH) strings.push(value);
      } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
        seen.add(value);
        for (const item of Object.values(value as Record<string, unknown>)) pending.push(item);
      }
    }
    return strings;
  });
}
