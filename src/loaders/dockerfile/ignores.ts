/**
 * The comments of a Dockerfile that hide findings on some of its lines, with the lines each covers
 * (core/suppression.ts applies them):
 *
 *  - hadolint's pragmas, as hadolint scopes them: `# hadolint ignore=` covers the instruction that
 *    starts on the very next line (a blank line or another comment in between, and it covers
 *    nothing); `# hadolint stage ignore=` the lines after it up to the next FROM (so, written above
 *    a FROM, that stage); `# hadolint global ignore=` the whole file;
 *  - Palisade's own `# palisade.dev/ignore-next: <rule-id>[,<rule-id>]: <reason>`, the line-scoped
 *    form of the file-wide `# palisade.dev/ignore:` comment: it covers the next instruction, other
 *    comments (a hadolint pragma, say) may sit in between, and the reason is required as for the
 *    file-wide form.
 *
 * A comment that would hide nothing (malformed, an id hadolint never had, nothing to apply to,
 * inside a continued instruction) is reported as a note at its line, so a typo never leaves a finding visible unexplained. A hadolint
 * id Palisade has no counterpart for (DL3059, ShellCheck's SC codes) hides nothing and needs no
 * note: there is no such finding to hide.
 */
import type { Problem } from '../../model/problem.js';
import { problem } from '../../core/errors.js';
import { parseIgnoreAnnotation, type LineIgnore } from '../../core/suppression.js';
import { didYouMean } from '../../lib/did-you-mean.js';
import { HADOLINT_CHECKS, isHadolintId } from '../../lib/dockerfile/hadolint.js';
import { parseHadolintPragma, type HadolintPragma } from '../../lib/dockerfile/pragma.js';
import type { DockerComment, DockerInstruction, ParsedDockerfile } from '../../lib/dockerfile/index.js';

const IGNORE_NEXT = /^palisade\.dev\/ignore-next:\s*([\s\S]*)$/;

export interface DockerfileIgnores {
  readonly ignores: LineIgnore[];
  readonly problems: Problem[];
}

/** Where instructions start and end, and where comments and FROMs are: sorted, so each comment is placed by binary search. */
interface Layout {
  readonly spans: readonly Span[];
  readonly fromLines: readonly number[];
  readonly commentLines: readonly number[];
  readonly lastLine: number;
}

interface Span {
  readonly line: number;
  readonly endLine: number;
}

function layoutOf(dockerfile: ParsedDockerfile, lastLine: number): Layout {
  const span = (instruction: DockerInstruction): Span => ({ line: instruction.line, endLine: instruction.endLine });
  const spans = [...dockerfile.preamble.map(span), ...dockerfile.stages.flatMap((stage) => [span(stage.from), ...stage.instructions.map(span)])];
  spans.sort((a, b) => a.line - b.line);
  const fromLines = dockerfile.stages.map((stage) => stage.from.line).sort((a, b) => a - b);
  const commentLines = dockerfile.comments.map((comment) => comment.line).sort((a, b) => a - b);
  return { spans, fromLines, commentLines, lastLine };
}

/** The index of the first item whose key is greater than `line` (the length when none is). */
function firstAfter<T>(items: readonly T[], line: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (item !== undefined && key(item) <= line) low = middle + 1;
    else high = middle;
  }
  return low;
}

const spanLine = (span: Span): number => span.line;
const itself = (line: number): number => line;

/** The first instruction that starts after `line`. */
function nextSpan(layout: Layout, line: number): Span | undefined {
  return layout.spans[firstAfter(layout.spans, line, spanLine)];
}

/**
 * `droppedComments` are the comment lines inside continued instructions: the builder drops them
 * (so does hadolint's parser), and an ignore comment there hides nothing, which is worth a note.
 */
export function dockerfileIgnores(dockerfile: ParsedDockerfile, lastLine: number, file: string, droppedComments: readonly DockerComment[] = []): DockerfileIgnores {
  const layout = layoutOf(dockerfile, lastLine);
  const ignores: LineIgnore[] = [];
  const problems: Problem[] = [];
  for (const comment of droppedComments) {
    if (!isIgnoreComment(comment.text)) continue;
    const message = `"# ${comment.text}" sits inside a continued instruction, whose comment lines the builder drops: it hides nothing; put it above the instruction`;
    problems.push(problem('dockerfile-pragma', message, { file, line: comment.line, column: 1 }));
  }
  for (const comment of dockerfile.comments) {
    const place = { file, line: comment.line, column: 1 };
    const next = IGNORE_NEXT.exec(comment.text);
    if (next !== null) {
      const ignore = ignoreNext(next[1] ?? '', comment.line, layout);
      if (ignore.ok) ignores.push(ignore.ignore);
      else problems.push(problem(ignore.code, ignore.message, place));
      continue;
    }
    const pragma = parseHadolintPragma(comment.text);
    if (pragma === undefined) continue;
    const shown = `# ${comment.text}`;
    if (!pragma.ok) {
      problems.push(problem('dockerfile-pragma', `"${shown}" is not a hadolint pragma hadolint can read (${pragma.error}): it ignores nothing`, place));
      continue;
    }
    for (const id of pragma.ids.filter((name) => !isHadolintId(name))) {
      const hint = didYouMean(id, Object.keys(HADOLINT_CHECKS));
      problems.push(problem('dockerfile-pragma', `"${id}" in "${shown}" is no hadolint check: it ignores nothing`, place, hint === '' ? undefined : `${hint} hadolint's checks are DL1001, DL3000-DL3077, DL4000-DL4007 and ShellCheck's SCnnnn.`));
    }
    const lines = pragmaLines(pragma, comment.line, layout);
    if (lines === undefined) {
      problems.push(problem('dockerfile-pragma', `"${shown}" applies to no instruction: hadolint applies it only to an instruction that starts on the very next line`, place));
      continue;
    }
    ignores.push({ line: comment.line, ...lines, naming: 'hadolint', ids: pragma.ids, reason: `hadolint pragma "${shown}" on line ${comment.line}` });
  }
  return { ignores, problems };
}

function isIgnoreComment(text: string): boolean {
  return text.startsWith('palisade.dev/ignore') || parseHadolintPragma(text) !== undefined;
}

/** The lines a well-formed hadolint pragma covers, or undefined when it covers no instruction. */
function pragmaLines(pragma: Extract<HadolintPragma, { ok: true }>, line: number, layout: Layout): { fromLine: number; toLine: number } | undefined {
  if (pragma.scope === 'global') return { fromLine: 1, toLine: layout.lastLine };
  if (pragma.scope === 'line') {
    const target = nextSpan(layout, line);
    return target?.line !== line + 1 ? undefined : { fromLine: target.line, toLine: target.endLine };
  }
  // A stage pragma reaches up to the next FROM after the line below it: that FROM starts another stage.
  const nextFrom = layout.fromLines[firstAfter(layout.fromLines, line + 1, itself)];
  return { fromLine: line + 1, toLine: nextFrom === undefined ? layout.lastLine : nextFrom - 1 };
}

type IgnoreNext = { ok: true; ignore: LineIgnore } | { ok: false; code: 'annotation-invalid' | 'dockerfile-pragma'; message: string };

/** `palisade.dev/ignore-next: ids: reason`: the next instruction, with only comment lines in between. */
function ignoreNext(value: string, line: number, layout: Layout): IgnoreNext {
  const parsed = parseIgnoreAnnotation(value);
  if (!parsed.ok) return { ok: false, code: 'annotation-invalid', message: `the palisade.dev/ignore-next comment on line ${line} suppresses nothing: ${parsed.error}` };
  const target = nextSpan(layout, line);
  // Only comment lines in between: as many comments lie between the two lines as there are lines.
  const comments = target === undefined ? 0 : firstAfter(layout.commentLines, target.line - 1, itself) - firstAfter(layout.commentLines, line, itself);
  if (target === undefined || comments !== target.line - line - 1) {
    return { ok: false, code: 'dockerfile-pragma', message: `the palisade.dev/ignore-next comment on line ${line} applies to no instruction: it covers the next instruction, with only comment lines in between` };
  }
  return { ok: true, ignore: { line, fromLine: target.line, toLine: target.endLine, naming: 'palisade', ids: parsed.rules, reason: parsed.reason } };
}
