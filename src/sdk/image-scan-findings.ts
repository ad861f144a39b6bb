/**
 * What one image yields for a Report: its packages matched against the advisory store (VEX
 * applied), its secrets, and a summary of what was read. Shared by `palisade image scan` and the
 * image targets of `palisade scan`; exceptions and the gate are applied by the caller, over every
 * finding of the run at once.
 */
import { existsSync } from 'node:fs';
import { PalisadeError, problem } from '../core/errors.js';
import { hash64 } from '../lib/hash.js';
import { pointer } from '../lib/json-pointer.js';
import { IMAGE_API_VERSION, IMAGE_KIND, type Finding } from '../model/finding.js';
import { type ImageSecret, type Inventory, secretPlace } from '../model/package.js';
import type { Problem } from '../model/problem.js';
import type { ImageScanSummary } from '../model/report.js';
import { resourceKey, type Resource, type ResourceRef } from '../model/resource.js';
import { imageConfigResource } from '../loaders/image-config/index.js';
import { applyVex, loadVex, matchPackages, type VexStatement } from '../vuln/index.js';
import { isUnfixed, vulnerabilityFindings } from '../vuln/findings.js';
import { inventoryImage, type InventoryOptions, type InventoryResult } from './image.js';
import { dbPath } from './vuln.js';

export interface ImageFindingsOptions extends InventoryOptions {
  /** Advisory store (default: the user's cache, see `palisade db`). A missing store is a note, not a failure. */
  readonly db?: string;
  /** OpenVEX / CycloneDX VEX files whose statements suppress the findings they cover. */
  readonly vex?: readonly string[];
  /** Drop vulnerabilities no release fixes yet. */
  readonly ignoreUnfixed?: boolean;
}

export interface ImageFindings {
  readonly resource: ResourceRef;
  /** Vulnerabilities (VEX applied) and secrets; exceptions not applied yet. */
  readonly findings: readonly Finding[];
  readonly problems: readonly Problem[];
  readonly summary: ImageScanSummary;
  /** The ImageConfig resource the image-configuration rules judge (absent for a root directory or an SBOM). */
  readonly configResource?: Resource;
  readonly inventory: Inventory;
  readonly stats: InventoryResult['stats'];
}

/** Loads every VEX file once; a bad file is the user's to fix, so it stops the command (vex-invalid). */
export function loadVexStatements(files: readonly string[]): VexStatement[] {
  return files.flatMap((file) => loadVex(file).statements);
}

/**
 * Reads the image (throws PalisadeError when it cannot be read safely), then matches and
 * explains. `vex` may be given pre-loaded (several images in one run share the statements).
 */
export async function imageFindings(target: string, options: ImageFindingsOptions = {}, vex?: readonly VexStatement[]): Promise<ImageFindings> {
  const statements = vex ?? loadVexStatements(options.vex ?? []);
  const read = await inventoryImage(target, { ...options, secrets: options.secrets ?? true, configFacts: true });
  const { inventory } = read;
  const resource = imageResource(target, inventory);
  const problems: Problem[] = [...inventory.problems];
  const vulns = matchInventory(inventory, dbPath(options), problems);
  // Statements about images named by digest apply to this image only when it is one of them.
  const image = inventory.image;
  const artifact = image === undefined ? undefined : { digests: [image.manifestDigest, image.configDigest].filter((d): d is string => d !== undefined) };
  const matched = vulns.checked ? applyVex(vulns.matches, statements, artifact) : [];
  let findings = vulnerabilityFindings(matched, resource);
  if (options.ignoreUnfixed === true) findings = findings.filter((f) => !isUnfixed(f));
  const secrets = (read.secrets ?? []).map((s) => secretFinding(s, resource));
  return {
    resource,
    findings: [...findings, ...secrets],
    problems,
    summary: summaryOf(target, resource, inventory, vulns.checked ? { checked: true, store: vulns.store, matched: findings.length } : { checked: false, reason: vulns.reason }, read.secrets !== undefined),
    ...(read.facts === undefined ? {} : { configResource: imageConfigResource(read.facts) }),
    inventory,
    stats: read.stats,
  };
}

/** The rule that judges ENV, labels and history of an ImageConfig: when it runs, it reports config secrets. */
export const CONFIG_SECRET_RULE = 'image-secret-in-config';

/**
 * A secret in the image configuration is reported once: where the configuration rule already
 * flagged the same place (the same Env entry, history step or label), the secret scan's finding is
 * dropped; what only the secret scan saw is kept (a label the rule passed over, next to one it
 * flagged, is kept too). Secrets in files are always kept. With several images, `images` (their
 * summaries) tells which image each ImageConfig is (named by target) so that a place flagged in
 * one image's configuration drops nothing of another's; without it, all findings are one image's.
 */
export function dropConfigSecrets(findings: readonly Finding[], ruleFindings: readonly Finding[], images?: readonly ImageScanSummary[]): Finding[] {
  const referenceOf = new Map((images ?? []).map((image) => [image.target, image.reference]));
  const key = (image: string, path: string): string => (images === undefined ? path : `${image}\u0000${path}`);
  const flagged = new Set(ruleFindings.filter((f) => f.ruleId === CONFIG_SECRET_RULE).map((f) => key(referenceOf.get(f.resource.name) ?? f.resource.name, f.location.path)));
  if (flagged.size === 0) return [...findings];
  return findings.filter((f) => f.secret === undefined || f.secret.place === 'file' || !flagged.has(key(f.resource.name, f.location.path)));
}

/** The name findings carry: a registry reference as given, else the image's first tag, else the target. */
export function imageResource(target: string, inventory: Inventory): ResourceRef {
  const registry = /^docker:\/\/(.+)$/.exec(target)?.[1];
  const name = registry ?? inventory.image?.repoTags[0] ?? target;
  return { apiVersion: IMAGE_API_VERSION, kind: IMAGE_KIND, name };
}

type Matched = { readonly checked: true; readonly store: string; readonly matches: ReturnType<typeof matchPackages>['matches'] } | { readonly checked: false; readonly reason: string };

function matchInventory(inventory: Inventory, store: string, problems: Problem[]): Matched {
  if (!existsSync(store)) {
    problems.push(problem('vuln-db-absent', `no advisory store at ${store}: vulnerabilities were not checked`, { file: store }));
    return { checked: false, reason: `no advisory store at ${store}` };
  }
  try {
    const result = matchPackages(store, inventory.packages, inventory.os === undefined ? {} : { os: inventory.os });
    problems.push(...result.problems);
    return { checked: true, store, matches: result.matches };
  } catch (error) {
    // An unreadable store loses the vulnerability half of the scan: an error, but the rest stands.
    if (!(error instanceof PalisadeError)) throw error;
    problems.push(error.problem);
    return { checked: false, reason: error.problem.message };
  }
}

const SECRET_THREATS = ['supply-chain', 'image-security', 'data-exfiltration'] as const;

/**
 * Secret findings: rule `image-secret-<rule>`; the value never leaves the analyzer, only its
 * redaction. The id hashes the place (file, line and column, or configuration entry and column)
 * with the message: two values on one line with the same redaction are two findings, and the id
 * never depends on the value itself (a hash of a short secret could be brute-forced).
 */
export function secretFinding(secret: ImageSecret, image: ResourceRef): Finding {
  const ruleId = `image-secret-${secret.rule}`;
  const where = secret.place === 'file' ? secretPlace(secret) : `the image configuration (${secretPlace(secret)})`;
  const message = `${secret.title} in ${where}: ${secret.redacted}`;
  // A listed secret is the same finding as long as its place and redaction are (never its value);
  // the entry counting a rule's values past the listing limit is one per rule and file, whatever
  // its count and first line, which change whenever a secret is added there (a new id would
  // reopen a dismissed code-scanning alert).
  const identity = secret.unlisted === undefined ? message : `unlisted\u0000${secret.place}\u0000${secret.path ?? ''}`;
  return {
    id: hash64(`${ruleId}\u0000${resourceKey(image)}\u0000${secret.layer ?? ''}\u0000${identity}`),
    ruleId,
    title: `${secret.title} in the image`,
    severity: secret.severity,
    status: 'fail',
    message,
    threats: [...SECRET_THREATS],
    // T1552.001: credentials in files.
    mitre: ['T1552.001'],
    resource: image,
    location: secret.place === 'file'
      ? { file: secret.path ?? '', line: secret.line ?? 0, column: secret.column ?? 0, path: '' }
      : { file: '', line: 0, column: 0, path: configPointer(secret) },
    remediation: 'Remove the secret from the image (every layer, and its history), rotate it, and pass it at run time instead.',
    suppressed: false,
    secret,
  };
}

/** Where in the image configuration JSON the secret sits (the index is 1-based in the secret). */
function configPointer(secret: ImageSecret): string {
  const index = (secret.line ?? 1) - 1;
  if (secret.place === 'env') return pointer('/config/Env', index);
  if (secret.place === 'history') return pointer('/history', index, 'created_by');
  return secret.label === undefined ? '/config/Labels' : pointer('/config/Labels', secret.label);
}

function summaryOf(target: string, resource: ResourceRef, inventory: Inventory, vulnerabilities: ImageScanSummary['vulnerabilities'], secretsChecked: boolean): ImageScanSummary {
  const byEcosystem: Record<string, number> = {};
  for (const p of inventory.packages) byEcosystem[p.ecosystem] = (byEcosystem[p.ecosystem] ?? 0) + 1;
  const image = inventory.image;
  const os = inventory.os === undefined ? undefined : inventory.os.prettyName ?? `${inventory.os.id} ${inventory.os.versionId ?? ''}`.trim();
  return {
    target,
    reference: resource.name,
    ...(image === undefined ? {} : { digest: image.manifestDigest ?? image.configDigest, platform: `${image.os}/${image.architecture}${image.variant === undefined ? '' : `/${image.variant}`}` }),
    ...(os === undefined ? {} : { os }),
    layers: image?.layers.length ?? 0,
    packages: inventory.packages.length,
    packagesByEcosystem: byEcosystem,
    vulnerabilities,
    secretsChecked,
  };
}
