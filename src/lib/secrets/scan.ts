/**
 * Scanning text for secrets. Reports carry the rule, the place and a redacted form
 * (src/lib/redact.ts); findSecrets gives values in clear to callers that redact them themselves.
 */
import { LineIndex } from '../line-index.js';
import { redact } from '../redact.js';
import { SECRET_RULES } from './catalog.js';
import { KeywordMatcher } from './keywords.js';
import { isPlaceholder } from './placeholders.js';
import type { MatchContext, SecretRule } from './rule.js';

export interface SecretMatch {
  readonly rule: SecretRule;
  /** 1-based line of the match in the scanned text. */
  readonly line: number;
  readonly redacted: string;
}

/** Where the text comes from, when the caller knows: some rules read values by the file's syntax. */
export interface ScanOptions {
  /** The file's path (or name): `.conf` files take unquoted values, source code only quoted ones. */
  readonly path?: string | undefined;
}

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}


/** Keyed by the rule list's identity: callers pass long-lived lists, never a fresh `[rule]` per call. */
const MATCHERS = new WeakMap<readonly SecretRule[], KeywordMatcher>();

function matcherFor(rules: readonly SecretRule[]): KeywordMatcher {
  let matcher = MATCHERS.get(rules);
  if (matcher === undefined) {
    matcher = new KeywordMatcher([...new Set(rules.flatMap((r) => r.keywords))]);
    MATCHERS.set(rules, matcher);
  }
  return matcher;
}

/** Which keywords of `rules` occur in the bytes; undefined when none does (the text need not be read). */
export function keywordsIn(bytes: Uint8Array, rules: readonly SecretRule[] = SECRET_RULES): ReadonlySet<string> | undefined {
  const matcher = matcherFor(rules);
  const found = matcher.present(bytes);
  if (found.size === 0) return undefined;
  return new Set([...found].map((i) => matcher.keywords[i] ?? ''));
}

/** A secret found in text, in clear: never print `value`, redact it (src/lib/redact.ts). */
export interface FoundSecret {
  readonly rule: SecretRule;
  /** 1-based line of the secret. */
  readonly line: number;
  /** 1-based column of its first character, in UTF-16 code units as every location in a report. */
  readonly column: number;
  /** Where the secret is in the text, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/**
 * The secrets in `text`, in rule order. `present`: the keywords found in the text's bytes by
 * keywordsIn, when the caller has them. `options.path`: the file the text comes from, so rules can
 * read values by its syntax. A span reported by an earlier rule is not reported again by a later
 * (broader) one.
 */
export function findSecrets(text: string, rules: readonly SecretRule[] = SECRET_RULES, present = keywordsIn(Buffer.from(text), rules), options: ScanOptions = {}): FoundSecret[] {
  if (present === undefined) return [];
  const context: MatchContext = { text, path: options.path };
  const found: FoundSecret[] = [];
  const lines = new LineIndex(text);
  // The spans reported so far, in text order: they never overlap, so a rule's match is checked
  // against them with one cursor (a rule's matches come in text order), not against every finding
  // (a file of 40,000 keys took 8 s that way).
  let taken: readonly Span[] = [];
  for (const rule of rules) {
    if (!rule.keywords.some((k) => present.has(k))) continue;
    if (rule.files !== undefined && !rule.files(context.path)) continue;
    rule.pattern.lastIndex = 0;
    const mine: Span[] = [];
    let cursor = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const value = rule.extract === undefined ? match[1] ?? match[0] : rule.extract(match, context);
      if (value === undefined || value === '') continue;
      if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
      if (rule.placeholders !== 'keep' && isPlaceholder(value)) continue;
      if (rule.accept !== undefined && !rule.accept(value)) continue;
      const start = match.index + Math.max(0, match[0].indexOf(value));
      const end = start + value.length;
      while (cursor < taken.length && (taken[cursor]?.end ?? 0) <= start) cursor += 1;
      if ((taken[cursor]?.start ?? end) < end) continue;
      mine.push({ start, end });
      found.push({ rule, ...lines.position(start), start, end, value });
    }
    if (mine.length > 0) taken = mergeSpans(taken, mine);
  }
  return found;
}

/** findSecrets with the values redacted: what leaves this module for reports. */
export function scanText(text: string, rules: readonly SecretRule[] = SECRET_RULES, present = keywordsIn(Buffer.from(text), rules), options: ScanOptions = {}): SecretMatch[] {
  return findSecrets(text, rules, present, options).map(({ rule, line, value }) => ({ rule, line, redacted: redact(value) }));
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Two lists of non-overlapping spans in text order, merged in text order. */
function mergeSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const merged: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.start < y.start)) {
      if (x !== undefined) merged.push(x);
      i += 1;
    } else {
      merged.push(y);
      j += 1;
    }
  }
  return merged;
}

