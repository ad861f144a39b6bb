/**
 * Suppressions: accepted risks. A suppressed finding stays in the report, marked with why, but does
 * not count against the gate. Two sources:
 *  - the `palisade.dev/ignore` annotation on the object (or on a workload's pod template), owned by
 *    whoever owns the manifest, and in a Dockerfile its line-scoped ignore comments (line-ignores.ts);
 *  - exceptions from the configuration, scoped by rule, namespace, kind, name and file, with an expiry;
 *    for vulnerability findings the rule is the vulnerability id or any of its aliases, and a
 *    `package` glob can narrow the scope to some packages (by name or purl).
 * An expired exception stops suppressing and says so; one that matches nothing says so too, so
 * stale exceptions do not pile up. The clock is injected: nothing here reads the time.
 */
import picomatch from 'picomatch';
import { closest, didYouMean } from '../lib/did-you-mean.js';
import { pointer } from '../lib/json-pointer.js';
import { DEFAULT_NAMESPACE, isClusterScoped } from '../lib/k8s/kinds.js';
import { asRecord } from '../lib/k8s/values.js';
import { workloadOf } from '../lib/k8s/workload.js';
import { IMAGE_API_VERSION, type Finding, type Suppression } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { ExceptionStatus } from '../model/report.js';
import { resourceKey, type Resource, type ResourceRef } from '../model/resource.js';
import { problem, type ProblemPlace } from './errors.js';
import { locate } from './locate.js';
import { lineIgnoreFor, lineIgnoreMap } from './line-ignores.js';
import { withChanges } from '../lib/objects.js';

export type { LineIgnore } from './line-ignores.js';

export const IGNORE_ANNOTATION = 'palisade.dev/ignore';

/**
 * An exception as suppression needs it. Structural, so the configuration's parsed type (which core
 * may not import) is assignable to it.
 */
export interface ExceptionInput {
  /** Rule ids or globs. */
  readonly rules: readonly string[];
  /** Globs; an absent one matches everything. */
  readonly namespace?: string | undefined;
  readonly kind?: string | undefined;
  readonly name?: string | undefined;
  /** Glob over the finding's file as reported (location.file): a manifest's path, or a path inside an image. */
  readonly file?: string | undefined;
  /** Glob over a vulnerable package's name or purl; only vulnerability findings can match it. */
  readonly package?: string | undefined;
  readonly reason: string;
  readonly owner?: string | undefined;
  /** YYYY-MM-DD (active through the end of that day, UTC) or an ISO date-time (active until that instant). */
  readonly expires?: string | undefined;
}

export interface SuppressionOptions {
  /** Where exception `index` was written, so expired and unused exceptions point at it. */
  readonly locateException?: (index: number) => ProblemPlace | undefined;
  /** Every rule id there is: an ignore annotation naming another id is warned about (a typo hides nothing). */
  readonly ruleIds?: ReadonlySet<string>;
  /**
   * The rule ids this scan ran (all of them when undefined). An exception only for rules of
   * `ruleIds` that did not run (narrowed by --framework, --rules, --exclude-rules) matched nothing
   * because nothing was judged: it is not called unused, whose advice is to remove it.
   */
  readonly ranRuleIds?: ReadonlySet<string>;
  /**
   * Whether the scan judged objects of a namespace (`--namespace`/`namespaces` narrow it; all when
   * undefined). An exception scoped to one namespace the scan left out matched nothing because
   * nothing there was judged: it is not called unused either.
   */
  readonly scannedNamespace?: (namespace: string) => boolean;
}

export interface SuppressionResult {
  /** The same findings in the same order; suppressed ones marked. */
  readonly findings: Finding[];
  readonly exceptionStatus: ExceptionStatus[];
  readonly problems: Problem[];
}

// ---------------------------------------------------------------------------------------------
// The ignore annotation

export type IgnoreAnnotation = { readonly ok: true; readonly rules: readonly string[]; readonly reason: string } | { readonly ok: false; readonly error: string };

const ANNOTATION_RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Parses `"<rule-id>[,<rule-id>]: <reason>"`. The reason is mandatory: an unexplained ignore is a finding hidden. */
export function parseIgnoreAnnotation(value: unknown): IgnoreAnnotation {
  if (typeof value !== 'string') return { ok: false, error: 'the value must be a string' };
  const colon = value.indexOf(':');
  if (colon < 0) return { ok: false, error: 'no reason: expected "<rule-id>[,<rule-id>]: <reason>"' };
  const reason = value.slice(colon + 1).trim();
  const rules = value
    .slice(0, colon)
    .split(',')
    .map((id) => id.trim());
  if (reason === '') return { ok: false, error: 'the reason after ":" is empty' };
  if (rules.length === 1 && rules[0] === '') return { ok: false, error: 'no rule id before ":"' };
  const bad = rules.find((id) => !ANNOTATION_RULE_ID.test(id));
  if (bad !== undefined) return { ok: false, error: `"${bad}" is not a rule id` };
  return { ok: true, rules, reason };
}

interface AnnotationIgnore {
  readonly rules: ReadonlySet<string>;
  readonly reason: string;
}

/** Findings name their resource by file and key; so do these maps. */
function findingResourceKey(file: string, ref: ResourceRef): string {
  return `${file}\u0000${resourceKey(ref)}`;
}

/** The metadata objects whose annotations count for a resource: its own and its pod template's. */
function metadataPaths(resource: Resource): string[] {
  const paths = ['/metadata'];
  const workload = workloadOf(resource.kind, resource.object);
  if (workload !== undefined && workload.podMetaPath !== '/metadata') paths.push(workload.podMetaPath);
  return paths;
}

function annotationAt(resource: Resource, metaPath: string): unknown {
  let node: unknown = resource.object;
  for (const token of metaPath.split('/').slice(1)) node = asRecord(node)?.[token];
  const annotations = asRecord(asRecord(node)?.annotations);
  return annotations === undefined || !Object.prototype.hasOwnProperty.call(annotations, IGNORE_ANNOTATION) ? undefined : annotations[IGNORE_ANNOTATION];
}

function annotationIgnores(resources: readonly Resource[], problems: Problem[], ruleIds: ReadonlySet<string> | undefined): Map<string, AnnotationIgnore[]> {
  const ignores = new Map<string, AnnotationIgnore[]>();
  for (const resource of resources) {
    for (const metaPath of metadataPaths(resource)) {
      const value = annotationAt(resource, metaPath);
      if (value === undefined) continue;
      const parsed = parseIgnoreAnnotation(value);
      if (!parsed.ok) {
        const { file, line, column } = locate(resource, pointer(metaPath, 'annotations', IGNORE_ANNOTATION));
        problems.push(problem('annotation-invalid', `${IGNORE_ANNOTATION} on ${resourceKey(resource)} suppresses nothing: ${parsed.error}`, { file, line, column }));
        continue;
      }
      const unknown = ruleIds === undefined ? [] : parsed.rules.filter((rule) => !ruleIds.has(rule));
      for (const id of unknown) {
        const { file, line, column } = locate(resource, pointer(metaPath, 'annotations', IGNORE_ANNOTATION));
        const hint = didYouMean(id, ruleIds ?? []);
        problems.push(problem('annotation-unknown-rule', `${IGNORE_ANNOTATION} on ${resourceKey(resource)} names "${id}", which is no rule: it suppresses nothing`, { file, line, column }, hint === '' ? undefined : `${hint} List the rules with \`palisade rules list\`.`));
      }
      const key = findingResourceKey(resource.source.file, resource);
      const list = ignores.get(key) ?? [];
      list.push({ rules: new Set(parsed.rules), reason: parsed.reason });
      ignores.set(key, list);
    }
  }
  return ignores;
}

// ---------------------------------------------------------------------------------------------
// Line-scoped ignores

// ---------------------------------------------------------------------------------------------
// Exceptions

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/**
 * The first instant (ms since the epoch) at which an exception no longer applies: the start of the
 * day after a date, or just after a date-time. Undefined when the text is not a real date.
 */
export function expiryEnd(expires: string): number | undefined {
  const date = DATE_ONLY.exec(expires);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2026-02-30 over to March; a rolled date was not a real one.
    if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) return undefined;
    return Date.UTC(year, month - 1, day + 1);
  }
  if (!DATE_TIME.test(expires)) return undefined;
  const instant = Date.parse(expires);
  return Number.isNaN(instant) ? undefined : instant + 1;
}

/** An exception with an unreadable date counts as expired: failing closed keeps the finding visible. */
export function isExpired(expires: string | undefined, now: Date): boolean {
  if (expires === undefined) return false;
  const end = expiryEnd(expires);
  return end === undefined || now.getTime() >= end;
}

type Matcher = (value: string) => boolean;

/**
 * A glob matcher. The compiled regular expressions are used directly: picomatch's own matcher
 * function does per-call bookkeeping that dominates when every finding meets every exception. A
 * pattern picomatch cannot compile matches only itself, literally.
 */
function globMatcher(patterns: string | readonly string[], nocase = false): Matcher {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const regexes: RegExp[] = [];
  const literals = new Set<string>();
  for (const pattern of list) {
    // Most scopes are plain names: a string comparison is all they need. A negation (`!kube-system`,
    // every namespace but that one) is a pattern though picomatch does not call it a glob.
    const scanned = picomatch.scan(pattern);
    if (!nocase && !scanned.isGlob && !scanned.negated && !pattern.includes('\\')) {
      literals.add(pattern);
      continue;
    }
    try {
      regexes.push(picomatch.makeRe(pattern, { dot: true, nocase }));
    } catch {
      literals.add(pattern);
    }
  }
  return (value) => literals.has(value) || regexes.some((regex) => regex.test(value));
}

interface CompiledException {
  readonly index: number;
  readonly input: ExceptionInput;
  readonly expired: boolean;
  coversRule(ruleId: string): boolean;
  /** Whether the finding's object (and package) is in scope (the rule is checked by coversRule). */
  inScope(finding: Finding): boolean;
}

/**
 * The namespace an exception's `namespace` is matched against. A Namespace object is in its own
 * namespace (as Gatekeeper and Kyverno match it): namespace-without-network-policy is reported on
 * the Deployment when the input has no Namespace object and on the Namespace when it has one, and
 * `namespace: legacy` must accept both. Other cluster-scoped objects have none; a namespaced
 * manifest without one lands in "default". Images have none.
 */
function namespaceOfRef(ref: ResourceRef): string | undefined {
  if (ref.apiVersion === IMAGE_API_VERSION) return ref.namespace;
  if (ref.kind === 'Namespace' && ref.apiVersion === 'v1') return ref.name;
  return ref.namespace ?? (isClusterScoped(ref.kind) ? undefined : DEFAULT_NAMESPACE);
}

/** `./k8s/a.yaml` and `k8s/a.yaml` are one file, however the input or the glob was written. */
function withoutDotSlash(file: string): string {
  return file.startsWith('./') ? file.slice(2) : file;
}

/**
 * Whether the finding's file matches the glob. A finding with no file (a secret in the image
 * configuration) is in no file's scope. A file inside an image is reported as /app/.env in JSON
 * and the table but as app/.env relative to IMAGEROOT in SARIF: either spelling matches.
 */
function inFileScope(finding: Finding, file: Matcher): boolean {
  const path = withoutDotSlash(finding.location.file);
  if (path === '') return false;
  const inImage = finding.resource.apiVersion === IMAGE_API_VERSION && path.startsWith('/');
  return file(path) || (inImage && file(path.slice(1)));
}

function compile(input: ExceptionInput, index: number, now: Date): CompiledException {
  const rule = globMatcher(input.rules);
  const namespace = input.namespace === undefined ? undefined : globMatcher(input.namespace);
  const kind = input.kind === undefined ? undefined : globMatcher(input.kind, true);
  const name = input.name === undefined ? undefined : globMatcher(input.name);
  const pkg = input.package === undefined ? undefined : globMatcher(input.package);
  const file = input.file === undefined ? undefined : globMatcher(withoutDotSlash(input.file));
  return {
    index,
    input,
    expired: isExpired(input.expires, now),
    coversRule: (ruleId) => input.rules.length > 0 && rule(ruleId),
    inScope(finding) {
      const ref = finding.resource;
      if (pkg !== undefined) {
        const vulnerable = finding.vulnerability?.package;
        if (vulnerable === undefined || !(pkg(vulnerable.name) || (vulnerable.purl !== undefined && pkg(vulnerable.purl)))) return false;
      }
      if (file !== undefined && !inFileScope(finding, file)) return false;
      if (kind !== undefined && !kind(ref.kind)) return false;
      if (name !== undefined && !name(ref.name)) return false;
      if (namespace === undefined) return true;
      const ns = namespaceOfRef(ref);
      return ns !== undefined && namespace(ns);
    },
  };
}

/**
 * The exceptions that cover each rule id, in file order. A scan has few rule ids and many
 * findings, so each finding is only tested against the exceptions of its own rule.
 */
function byRule(compiled: readonly CompiledException[]): (ruleId: string) => readonly CompiledException[] {
  const cache = new Map<string, readonly CompiledException[]>();
  return (ruleId) => {
    let list = cache.get(ruleId);
    if (list === undefined) {
      list = compiled.filter((exception) => exception.coversRule(ruleId));
      cache.set(ruleId, list);
    }
    return list;
  };
}

function exceptionSuppression(input: ExceptionInput, index: number): Suppression {
  return {
    kind: 'exception',
    reason: input.reason,
    ...(input.owner === undefined ? {} : { owner: input.owner }),
    ...(input.expires === undefined ? {} : { expires: input.expires }),
    exceptionIndex: index,
  };
}

function statusOf(compiled: CompiledException, matched: number): ExceptionStatus {
  const { input, index } = compiled;
  return {
    index,
    rule: input.rules.join(','),
    reason: input.reason,
    ...(input.expires === undefined ? {} : { expires: input.expires }),
    ...(input.owner === undefined ? {} : { owner: input.owner }),
    state: compiled.expired ? 'expired' : matched === 0 ? 'unused' : 'active',
    matched,
  };
}

/**
 * For an exception whose rules matched no finding's rule at all, the rule id it likely meant: the
 * table names a secret in an image by its detector (aws-access-key-id) while the finding's rule is
 * image-secret-aws-access-key-id, and a misspelt id is a typo. Globs get no guess.
 */
function meantRule(compiled: CompiledException, findingRules: ReadonlySet<string>, ruleIds: ReadonlySet<string> | undefined): string | undefined {
  if ([...findingRules].some((id) => compiled.coversRule(id))) return undefined;
  for (const rule of compiled.input.rules) {
    // A rule that exists but found nothing this time is a stale exception, not a misspelt one.
    if (picomatch.scan(rule).isGlob || ruleIds?.has(rule) === true) continue;
    const meant = [...findingRules].find((id) => id.endsWith(`-${rule}`)) ?? closest(rule, findingRules);
    if (meant !== undefined) return meant;
  }
  return undefined;
}

function statusProblem(status: ExceptionStatus, place: ProblemPlace, meant?: string): Problem | undefined {
  const label = `exception #${status.index} (${status.rule})`;
  if (status.state === 'expired') {
    const readable = status.expires !== undefined && expiryEnd(status.expires) !== undefined;
    const when = readable ? `expired on ${status.expires ?? ''}` : `has an unreadable expiry date "${status.expires ?? ''}" and is treated as expired`;
    return problem('exception-expired', `${label} ${when}; the ${status.matched} finding(s) it matches count again`, place);
  }
  if (status.state === 'unused') return problem('exception-unused', `${label} matched no finding`, place, meant === undefined ? undefined : `No finding has rule "${status.rule}"; did you mean "${meant}"?`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/**
 * Marks suppressed findings. Precedence: a suppression the finding already carries (VEX) stays,
 * then the annotation, then the first active exception in file order. Every exception counts all
 * findings it matches, even those something else suppressed, so it is only "unused" when removing
 * it could change nothing.
 */
export function applySuppressions(
  findings: readonly Finding[],
  resources: readonly Resource[],
  exceptions: readonly ExceptionInput[],
  now: Date,
  options: SuppressionOptions = {},
): SuppressionResult {
  const problems: Problem[] = [];
  const ignores = annotationIgnores(resources, problems, options.ruleIds);
  const lineIgnores = lineIgnoreMap(resources, (resource) => findingResourceKey(resource.source.file, resource), problems, options.ruleIds);
  const compiled = exceptions.map((input, index) => compile(input, index, now));
  const exceptionsFor = byRule(compiled);
  // A vulnerability is named by any of its ids: an exception for the GHSA covers the CVE finding.
  const exceptionsOf = (finding: Finding): readonly CompiledException[] => {
    const aliases = finding.vulnerability?.aliases ?? [];
    if (aliases.length === 0) return exceptionsFor(finding.ruleId);
    const ids = [finding.ruleId, ...aliases];
    return compiled.filter((exception) => ids.some((id) => exception.coversRule(id)));
  };
  const matched = compiled.map(() => 0);
  const out = findings.map((finding) => {
    let suppression: Suppression | undefined;
    // The key is a string per finding: built only when some object carries an ignore at all.
    if (ignores.size > 0 || lineIgnores.size > 0) {
      const key = findingResourceKey(finding.location.file, finding.resource);
      const ignore = ignores.get(key)?.find((entry) => entry.rules.has(finding.ruleId)) ?? lineIgnoreFor(finding, lineIgnores.get(key));
      if (ignore !== undefined) suppression = { kind: 'annotation', reason: ignore.reason };
    }
    for (const exception of exceptionsOf(finding)) {
      if (!exception.inScope(finding)) continue;
      matched[exception.index] = (matched[exception.index] ?? 0) + 1;
      if (suppression === undefined && !exception.expired) suppression = exceptionSuppression(exception.input, exception.index);
    }
    if (finding.suppressed || suppression === undefined) return finding;
    return withChanges(finding, { suppressed: true, suppression });
  });
  const exceptionStatus = compiled.map((exception) => statusOf(exception, matched[exception.index] ?? 0));
  const findingRules = new Set(findings.map((finding) => finding.ruleId));
  const notRun = (rule: string): boolean => options.ranRuleIds !== undefined && options.ruleIds?.has(rule) === true && !options.ranRuleIds.has(rule);
  const notScanned = (namespace: string | undefined): boolean => {
    if (namespace === undefined || options.scannedNamespace === undefined) return false;
    const scanned = picomatch.scan(namespace);
    return !scanned.isGlob && !scanned.negated && !options.scannedNamespace(namespace);
  };
  for (const status of exceptionStatus) {
    const exception = compiled[status.index];
    if (status.state === 'unused' && exception !== undefined && (exception.input.rules.every(notRun) || notScanned(exception.input.namespace))) continue;
    const meant = status.state === 'unused' && exception !== undefined ? meantRule(exception, findingRules, options.ruleIds) : undefined;
    const found = statusProblem(status, options.locateException?.(status.index) ?? {}, meant);
    if (found !== undefined) problems.push(found);
  }
  return { findings: out, exceptionStatus, problems };
}
