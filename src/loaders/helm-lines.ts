/**
 * Which line of its template a document of helm's output starts at. helm splits each template's
 * output at `---` lines, drops empty documents, trims each one and sorts all of them by kind (the
 * install order: a ConfigMap before the Pod written above it), printing `# Source: <template>`
 * before each. Counting a document's lines from its own `# Source:` comment is right only for the
 * first document of a template; the second of a file pointed some lines above the field.
 *
 * So the template itself is split as helm splits it, and the n-th rendered document of a kind is
 * matched with the n-th part of the template that names that kind (sorting by kind keeps the
 * order of documents of one kind). Lines a template starts a part with that render to nothing
 * (blank lines, `{{- if ... }}`, template comments) are skipped, as helm's trim drops them.
 * Where nothing can be told (a kind from values), the part is the template's first.
 *
 * The line found travels in helm's own `# Source:` comment (`# Source: chart/templates/x.yaml
 * ## line 15`), read back by helmSources: the output is the only thing the loader hands on.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { readFileBounded } from './read-bounded.js';

/** A template is a few KiB; a larger one is placed by its output's lines, as before. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

const SOURCE = '# Source: ';
/** A file under a chart's (or a subchart's) crds/ directory, at any depth, as helm names it inside the chart. */
const CRD_FILE = /^(?:charts\/[^/]+\/)*crds\/.+$/;
const LINE_MARK = / ## line (\d+)$/;

interface TemplatePart {
  readonly line: number;
  readonly kinds: ReadonlySet<string>;
}

/** A line that renders to nothing: blank, or only control actions and comments. */
const SILENT_LINE = /^\s*(?:\{\{-?\s*(?:\/\*.*?\*\/|(?:if|else|else if|end|with|range|define|block)\b[^}]*|\$[\w]+\s*:?=[^}]*)\s*-?\}\}\s*)*$/;

function templateParts(text: string): TemplatePart[] {
  const lines = text.split('\n');
  const parts: TemplatePart[] = [];
  let start = 0;
  const close = (end: number): void => {
    let first = start;
    while (first < end && SILENT_LINE.test(lines[first] ?? '')) first++;
    const kinds = new Set<string>();
    for (let i = first; i < end; i++) {
      const kind = /^kind:\s*["']?([A-Za-z][\w-]*)["']?\s*$/.exec(lines[i] ?? '')?.[1];
      if (kind !== undefined) kinds.add(kind);
    }
    parts.push({ line: first + 1, kinds });
  };
  lines.forEach((line, index) => {
    if (!/^---\s*$/.test(line)) return;
    close(index);
    start = index + 1;
  });
  close(lines.length);
  return parts;
}

/**
 * helm's output with each `# Source:` comment marked with the template line its document starts
 * at. `chartDir` is the chart as rendered; templates are read inside it only.
 */
export function markTemplateLines(output: string, chartDir: string): string {
  const lines = output.split('\n');
  const parts = new Map<string, TemplatePart[] | undefined>();
  const seen = new Map<string, number>();
  // The parts of a template naming a kind, worked out once: a template can hold thousands of parts.
  const byKind = new Map<string, TemplatePart[]>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.startsWith(SOURCE)) continue;
    const source = line.slice(SOURCE.length).trim();
    const inChart = source.split('/').slice(1);
    // A CRD file is printed as it is, not templated: its lines count from its `# Source:` comment.
    if (inChart.length === 0 || inChart.includes('..') || CRD_FILE.test(inChart.join('/'))) continue;
    if (!parts.has(source)) parts.set(source, readParts(path.join(chartDir, ...inChart)));
    const found = parts.get(source);
    if (found === undefined) continue;
    const kind = documentKind(lines, i + 1);
    const key = `${source}\n${kind ?? ''}`;
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    if (!byKind.has(key)) byKind.set(key, kind === undefined ? [] : found.filter((part) => part.kinds.has(kind)));
    const ofKind = byKind.get(key) ?? [];
    const part = ofKind.length > 0 ? ofKind[Math.min(ordinal, ofKind.length - 1)] : found[0];
    if (part !== undefined) lines[i] = `${line} ## line ${part.line}`;
  }
  return lines.join('\n');
}

function readParts(file: string): TemplatePart[] | undefined {
  try {
    // A `# Source:` comment is output a template can forge: only a regular file is opened (a named
    // pipe would block the scan, as it would not block helm if .helmignore hid it).
    if (!statSync(file).isFile()) return undefined;
    const read = readFileBounded(file, MAX_TEMPLATE_BYTES);
    return read.kind === 'text' ? templateParts(read.text) : undefined;
  } catch {
    return undefined;
  }
}

/** The top-level kind of the document starting at `from`, up to the next `---`. */
function documentKind(lines: readonly string[], from: number): string | undefined {
  for (let i = from; i < lines.length && !/^---\s*$/.test(lines[i] ?? ''); i++) {
    const kind = /^kind:\s*["']?([A-Za-z][\w-]*)["']?\s*$/.exec(lines[i] ?? '')?.[1];
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** A `# Source:` comment's template and the template line its document starts at (1 when unmarked). */
export function readSourceComment(text: string): { readonly source: string; readonly templateLine: number } {
  const rest = text.slice(SOURCE.length).trim();
  const mark = LINE_MARK.exec(rest);
  return mark === null ? { source: rest, templateLine: 1 } : { source: rest.slice(0, mark.index), templateLine: Number(mark[1]) };
}
