/**
 * Policy levels and versions, parsed exactly as the admission controller parses the namespace
 * labels: an invalid level fails closed to "restricted", an invalid version falls back to
 * "latest", and versions newer than the newest known policy are evaluated as the newest.
 */
import type { PssLevel, PssVersion } from './types.js';

/** The newest policy version this evaluator knows: what `latest` means. */
export const LATEST_MINOR = 37;

export const LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

export function isPssLevel(value: string): value is PssLevel {
  return (LEVELS as readonly string[]).includes(value);
}

/** A valid version label value: `latest` or `v1.<minor>` without leading zeros. */
export function isPssVersion(value: string): value is PssVersion {
  return value === 'latest' || VERSION_PATTERN.test(value);
}

/** The minor version a policy version is evaluated at (`latest` and future versions clamp to LATEST_MINOR). */
export function evaluatedMinor(version: PssVersion): number {
  if (version === 'latest') return LATEST_MINOR;
  const match = VERSION_PATTERN.exec(version);
  if (match?.[1] === undefined) throw new RangeError(`invalid Pod Security Standards version "${version}": must be "latest" or "v1.x"`);
  return Math.min(Number(match[1]), LATEST_MINOR);
}

export interface ParsedLabel<T> {
  readonly value: T;
  /** Why the label was rejected, worded as the admission controller words it; undefined when valid. */
  readonly error?: string;
}

/** ParseLevel: anything but the three levels is an error, and the namespace is treated as restricted. */
export function parseLevel(value: string): ParsedLabel<PssLevel> {
  return isPssLevel(value) ? { value } : { value: 'restricted', error: `must be one of ${LEVELS.join(', ')}` };
}

/** ParseVersion: anything but `latest` / `v1.x` is an error, and latest is used. */
export function parseVersion(value: string): ParsedLabel<PssVersion> {
  return isPssVersion(value) ? { value } : { value: 'latest', error: 'must be "latest" or "v1.x"' };
}

export const ENFORCE_LEVEL_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

export interface EnforcePolicy {
  readonly level: PssLevel;
  readonly version: PssVersion;
  /** Label problems, e.g. `pod-security.kubernetes.io/enforce: "strict": must be one of ...`. */
  readonly errors: readonly string[];
}

/**
 * The enforce policy of a namespace from its labels, as PolicyToEvaluate resolves it. Without the
 * level label the cluster default applies (privileged unless the admission configuration says
 * otherwise); without the version label, the default version (latest).
 */
export function enforcePolicyOf(labels: Readonly<Record<string, string>>, defaults: { level: PssLevel; version: PssVersion } = { level: 'privileged', version: 'latest' }): EnforcePolicy {
  const errors: string[] = [];
  let { level, version } = defaults;
  const levelLabel = labels[ENFORCE_LEVEL_LABEL];
  if (levelLabel !== undefined) {
    const parsed = parseLevel(levelLabel);
    level = parsed.value;
    if (parsed.error !== undefined) errors.push(`${ENFORCE_LEVEL_LABEL}: ${JSON.stringify(levelLabel)}: ${parsed.error}`);
  }
  const versionLabel = labels[ENFORCE_VERSION_LABEL];
  if (versionLabel !== undefined) {
    const parsed = parseVersion(versionLabel);
    version = parsed.value;
    if (parsed.error !== undefined) errors.push(`${ENFORCE_VERSION_LABEL}: ${JSON.stringify(versionLabel)}: ${parsed.error}`);
  }
  return { level, version, errors };
}
