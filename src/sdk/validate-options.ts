/**
 * The problems a command's options have on their own, found before any input is read: a typo in
 * --rules, an unknown framework or a broken .palisade.yaml must not cost a whole cluster's load
 * (minutes) to report. Each check calls the function the command itself uses later, so the
 * message is the one the command gives (where that function cannot be called alone, as for
 * scan's flag layer, test/cli/option-problems-match.test.ts holds the two together). The
 * commands still report every problem themselves: a front end that skips these checks loses
 * nothing but time.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Problem } from '../model/problem.js';
import { PalisadeError, problem } from '../core/errors.js';
import { findConfig, resolveConfig, type ResolvedConfig } from '../config/index.js';
import { AttackGraph } from '../graph/attack/index.js';
import { CONFIGURED, resolveEntry, resolveJewel } from '../graph/attack/select.js';
import { parseFocusConn } from '../graph/netpol/index.js';
import { parseRequest } from '../graph/rbac/index.js';
import { isPackagedChart } from '../loaders/helm.js';
import { directoryKind, walkDirectory } from '../loaders/walk.js';
import { vulnProblem } from '../vuln/problems.js';
import { readPublicKey } from '../vuln/update/checksum.js';
import { feedSourceProblem } from '../vuln/update/source.js';
import { frameworkRules, planFramework } from './compliance.js';
import { dockerfileRuleIds } from './dockerfile.js';
import { loadVexStatements } from './image-scan-findings.js';
import { isImageTarget } from './image-scan-targets.js';
import type { ImageScanOptions } from './image-scan.js';
import { guarded } from './netpol.js';
import { toSubject, type RequestQuery } from './rbac.js';
import { flagLayer, type ScanOptions } from './scan.js';
import { selectScanRules } from './select-rules.js';
import { dbPath, type DbOptions } from './vuln.js';

/** Entry points and crown jewels that name nothing whatever the input: checked against an empty graph. */
function attackSpecProblems(from: readonly string[], to: readonly string[]): Problem[] {
  const empty = new AttackGraph();
  const problems: Problem[] = [];
  for (const spec of from) {
    const r = resolveEntry(spec, empty, []);
    if (!r.ok) problems.push(problem('attack-bad-entry', r.message));
  }
  for (const spec of to) {
    const r = spec.trim() === CONFIGURED ? undefined : resolveJewel(spec, empty, []);
    if (r !== undefined && !r.ok) problems.push(problem('attack-bad-target', r.message));
  }
  return problems;
}

/** The configured entry points and jewels the scan's attack-path step would refuse. */
function configuredAttackProblems(resolved: ResolvedConfig): Problem[] {
  const settings = resolved.config.attackPaths;
  if (!settings.enabled && !settings.failOnPath) return [];
  return attackSpecProblems(settings.entries ?? [], settings.jewels ?? []);
}

/**
 * isImageTarget without opening what is not a regular file: opening a named pipe among the inputs
 * would wait for its writer, and reading it would take the loader's data.
 */
function isImageInput(input: string, cwd: string): boolean {
  try {
    const stats = statSync(resolve(cwd, input));
    if (!stats.isFile() && !stats.isDirectory()) return false;
  } catch {
    // Not a path (a transport name such as oci-archive:app.tar) or not there: isImageTarget knows.
  }
  return isImageTarget(input, cwd);
}

/**
 * What scan() would refuse in its options: configuration (file, PALISADE_* environment, setting
 * flags), --rules / --exclude-rules, --framework, --pss-version, configured attack entries and
 * jewels. Reads the configuration file, never the inputs.
 */
export function scanOptionProblems(options: ScanOptions): Problem[] {
  const cwd = options.cwd ?? process.cwd();
  const inputs = options.paths ?? [];
  const paths = inputs.filter((input) => !isImageInput(input, cwd));
  const resolved = resolveConfig({ file: options.configFile ?? findConfig(paths, cwd), env: options.env ?? {}, flags: flagLayer(options) });
  const selection = selectScanRules(resolved, options.rules?.length ? options.rules : frameworkRules(options.framework), options.excludeRules);
  const plan = planFramework(selection.runs, options.framework, options.pssVersion);
  // VEX documents are read when there are images to scan; a bad one stops the scan.
  const vex = scansImages(options) ? vexProblems(options.images?.vex ?? []) : [];
  return [...resolved.problems, ...selection.problems, ...plan.problems, ...configuredAttackProblems(resolved), ...vex];
}

/**
 * Whether a scan reads any image: an image target among its inputs, or the images its workloads
 * run (scanWorkloadImages). Without one, the image options (VEX, advisory store, unfixed,
 * insecure pulls) change nothing.
 */
export function scansImages(options: Pick<ScanOptions, 'paths' | 'cwd' | 'scanWorkloadImages'>): boolean {
  const cwd = options.cwd ?? process.cwd();
  return options.scanWorkloadImages === true || (options.paths ?? []).some((input) => isImageInput(input, cwd));
}

/**
 * Whether any input is or holds a Helm chart, found as the loaders find them: a chart directory
 * named, a packaged chart named (chart-1.0.0.tgz), or a chart inside a directory walked (not inside
 * a Kustomize overlay, which kustomize renders without helm). Without one, Helm values and --set
 * change nothing. Inputs that cannot be read hold no chart; the scan says why they were not read.
 */
export async function holdsHelmChart(paths: readonly string[], cwd: string = process.cwd()): Promise<boolean> {
  for (const input of paths) {
    if (input === '-' || isImageInput(input, cwd)) continue;
    const absolute = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(await realpath(absolute));
    } catch {
      continue;
    }
    // isPackagedChart opens the file: a named pipe would wait for its writer.
    if (stats.isFile() && isPackagedChart(absolute)) return true;
    if (!stats.isDirectory()) continue;
    const kind = directoryKind(absolute);
    if (kind === 'helm') return true;
    if (kind === 'walk' && (await walkDirectory(absolute, input)).some((item) => item.kind === 'helm')) return true;
  }
  return false;
}

/** VEX files (--vex) that cannot be read or are no VEX document, as the image scan refuses them. */
function vexProblems(files: readonly string[]): Problem[] {
  return problemsThrownBy(() => loadVexStatements(files));
}

/** The problem a check throws as a PalisadeError, as a list (empty when it passes); bugs still throw. */
function problemsThrownBy(check: () => unknown): Problem[] {
  try {
    check();
    return [];
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    return [error.problem];
  }
}

/** What lintDockerfiles() would refuse in its options (it is a scan restricted to the Dockerfile rules). */
export function dockerfileOptionProblems(paths: readonly string[], options: Pick<ScanOptions, 'configFile' | 'rules' | 'excludeRules' | 'failOn' | 'env' | 'cwd' | 'settings'>): Problem[] {
  return scanOptionProblems({
    ...options,
    paths,
    settings: { ...options.settings, attackPathsEnabled: false },
    rules: options.rules?.length ? options.rules : dockerfileRuleIds(),
  });
}

/** What scanImage() would refuse before reading the image: its configuration and the rules it selects. */
export function imageScanOptionProblems(options: Pick<ImageScanOptions, 'configFile' | 'cwd' | 'env' | 'failOn'>): Problem[] {
  const resolved = resolveConfig({
    file: options.configFile ?? findConfig([], options.cwd ?? process.cwd()),
    env: options.env ?? {},
    flags: options.failOn === undefined ? {} : { failOn: options.failOn },
  });
  return [...resolved.problems, ...selectScanRules(resolved).problems];
}

/** What attackPaths() would refuse in its options: configuration, --from and --to (and the configured ones they default to). */
export function attackPathsOptionProblems(options: { readonly paths?: readonly string[]; readonly configFile?: string; readonly cwd?: string; readonly from?: readonly string[]; readonly to?: readonly string[] }): Problem[] {
  const cwd = options.cwd ?? process.cwd();
  const resolved = resolveConfig({ file: options.configFile ?? findConfig(options.paths ?? [], cwd), env: {}, flags: {} });
  const settings = resolved.config.attackPaths;
  const from = options.from !== undefined && options.from.length > 0 ? options.from : (settings.entries ?? []);
  const to = options.to !== undefined && options.to.length > 0 ? options.to : (settings.jewels ?? []);
  return [...resolved.problems, ...selectScanRules(resolved).problems, ...attackSpecProblems(from, to)];
}

/**
 * Subjects (--as, --from, a subject argument), a request (VERB RESOURCE) and an audit log
 * (`rbac suggest --audit-log`) the RBAC queries would refuse.
 */
export function rbacQueryProblems(query: { readonly subjects?: readonly string[]; readonly request?: RequestQuery; readonly auditLog?: string }): Problem[] {
  const problems: Problem[] = [];
  if (query.auditLog !== undefined && !isReadableFile(query.auditLog)) {
    problems.push(problem('input-not-found', `cannot read audit log ${query.auditLog}`, {}, 'Check the --audit-log path.'));
  }
  if (query.request !== undefined) {
    const parsed = parseRequest(query.request);
    if (!parsed.ok) problems.push(problem('rbac-bad-request', parsed.message));
  }
  for (const subject of query.subjects ?? []) problems.push(...problemsThrownBy(() => toSubject(subject)));
  return problems;
}

/** Readable and not a directory: a pipe (`--audit-log <(zcat audit.log.gz)`) is as good as a file. */
function isReadableFile(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return !statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** `sbom --vulns` cannot list vulnerabilities without an advisory store: said before the image is read. */
export function vulnerabilitySbomOptionProblems(options: DbOptions): Problem[] {
  const store = dbPath(options);
  return existsSync(store) ? [] : [vulnProblem('db-missing', `no advisory store at ${store}: the SBOM cannot list vulnerabilities`)];
}

/**
 * `db update`: a --source that is no http(s) URL (a local feed, for `db import`), and a
 * --public-key that cannot be read, said before anything is downloaded (up to hundreds of
 * megabytes), with the words the update itself uses.
 */
export function dbUpdateOptionProblems(options: { readonly source?: string; readonly publicKey?: string }): Problem[] {
  const source = options.source === undefined ? undefined : feedSourceProblem(options.source);
  return [...(source === undefined ? [] : [source]), ...publicKeyProblems(options.publicKey)];
}

function publicKeyProblems(publicKey: string | undefined): Problem[] {
  return publicKey === undefined ? [] : problemsThrownBy(() => readPublicKey(publicKey));
}

/** `netpol list --focus-conn` and `netpol generate --observed`, checked before the manifests are read. */
export function netpolOptionProblems(options: { readonly focusConn?: string; readonly observed?: string; readonly cwd?: string }): Problem[] {
  const problems: Problem[] = [];
  if (options.focusConn !== undefined) {
    const text = options.focusConn;
    problems.push(...problemsThrownBy(() => guarded(() => parseFocusConn(text))));
  }
  if (options.observed !== undefined) {
    const file = resolve(options.cwd ?? process.cwd(), options.observed);
    if (!isReadableFile(file)) problems.push(problem('input-not-found', `cannot read observed-connections file ${file}`, { file }));
  }
  return problems;
}
