import type { AttackPathsResult } from './attack.js';
import type { Finding } from './finding.js';
import type { Problem } from './problem.js';
import type { Severity } from './severity.js';
import type { ThreatId } from './threats.js';

/**
 * The JSON report's version (semantic versioning, docs/report-json.md): the major on any
 * incompatible change, the minor when fields are added (1.2.0: secret column, occurrences and
 * unlisted); documented in schemas/report.schema.json.
 */
export const REPORT_SCHEMA_VERSION = '1.2.0';

export type RuleStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

/** How one rule fared over the whole input: a count of resources per outcome. */
export interface RuleSummary {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly threats: readonly ThreatId[];
  readonly mitre: readonly string[];
  readonly remediation: string;
  readonly references: readonly string[];
  readonly counts: Readonly<Record<RuleStatus, number>>;
}

export interface ExceptionStatus {
  readonly index: number;
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
  readonly owner?: string;
  readonly state: 'active' | 'expired' | 'unused';
  readonly matched: number;
}

export interface ComplianceControl {
  readonly id: string;
  readonly title: string;
  readonly status: 'pass' | 'fail' | 'manual';
  readonly findings: number;
  readonly rules: readonly string[];
  /** Why a control cannot be checked from objects (manual controls only). */
  readonly reason?: string;
}

export interface Compliance {
  readonly framework: string;
  readonly title: string;
  readonly version: string;
  /** Percentage of the judged controls (pass or fail; manual ones are not scored) that pass, 0-100, one decimal. */
  readonly score: number;
  readonly controls: readonly ComplianceControl[];
}

export interface ReportSummary {
  readonly resources: number;
  readonly inputs: number;
  readonly findings: number;
  readonly suppressed: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly errors: number;
  /** The gate: the lowest severity that fails the run, and whether it did. */
  readonly failOn: Severity | 'none';
  /**
   * The attack-path gate (`--fail-on-path`): whether any path from an entry point to a crown jewel
   * fails the run. Present when the scan ran the attack analysis.
   */
  readonly failOnPath?: boolean;
  /** Attack paths found (the analysis's count, before the report's own limit). Present with failOnPath. */
  readonly attackPaths?: number;
  /** Whether the run failed: a finding at or above failOn, or a path under failOnPath. */
  readonly failed: boolean;
}

export interface Report {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'palisade'; readonly version: string };
  readonly generatedAt: string;
  readonly inputs: readonly string[];
  readonly summary: ReportSummary;
  /** Sorted by severity, then file, line, rule. Suppressed findings stay, marked. */
  readonly findings: readonly Finding[];
  /** Problems that lost input or need attention (level error or warning). */
  readonly errors: readonly Problem[];
  /** Informational problems (e.g. a non-manifest file skipped). */
  readonly notes: readonly Problem[];
  readonly rules: readonly RuleSummary[];
  readonly exceptions: readonly ExceptionStatus[];
  readonly compliance?: Compliance;
  /**
   * The attack-path analysis of the scanned objects (docs/attack-paths.md): its paths, their
   * nodes and steps (the rest of the graph is left out), the candidate fixes and the chosen cut.
   */
  readonly attackPaths?: AttackPathsResult;
  /** The container images scanned (`palisade image scan`, image targets of `palisade scan`). */
  readonly images?: readonly ImageScanSummary[];
}

/** What was read from one image: the inventory in brief, and whether vulnerabilities were checked. */
export interface ImageScanSummary {
  /** The target as the user named it. */
  readonly target: string;
  /** The name findings use for the image (resource name): a registry reference, a tag, or the target. */
  readonly reference: string;
  readonly digest?: string;
  /** os/arch[/variant]. */
  readonly platform?: string;
  /** The operating system's pretty name (os-release), when found. */
  readonly os?: string;
  readonly layers: number;
  readonly packages: number;
  /** Packages per ecosystem (deb, npm...). */
  readonly packagesByEcosystem: Readonly<Record<string, number>>;
  /** Vulnerabilities matched against a store, or why they were not checked. */
  readonly vulnerabilities:
    | { readonly checked: true; readonly store: string; readonly matched: number }
    | { readonly checked: false; readonly reason: string };
  /** Whether layers and config were searched for secrets. */
  readonly secretsChecked: boolean;
}
