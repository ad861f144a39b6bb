/**
 * Audit policy rule matching as the API server's policy checker does it: rules are tried in order
 * and the first that matches decides the level (no match: None). An empty list in a rule matches
 * everything; a resource entry matches `resource`, `resource/subresource` or `*`, a `*` prefix with the
 * request's subresource, or a resource with a `*` subresource; its group must equal the request's
 * group exactly.
 */
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

export function levelRank(level: AuditLevel): number {
  return LEVELS.indexOf(level);
}

/** A resource request the policy is asked about (user and namespace unknown). */
export interface Probe {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
}

/** A level the probe may be logged at, from a rule that applies only to some requests or to all. */
export interface PossibleLevel {
  readonly level: AuditLevel;
  readonly path: string;
  /** Whether the rule applies to every such request (no user, group, namespace or name condition). */
  readonly unconditional: boolean;
}

function strings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

function resourceEntryMatches(entry: string, probe: Probe): boolean {
  const combined = probe.subresource === undefined ? probe.resource : `${probe.resource}/${probe.subresource}`;
  if (entry === combined || entry === '*') return true;
  if (probe.subresource !== undefined && entry === `*/${probe.subresource}`) return true;
  return entry.endsWith('/*') && entry.slice(0, -2) === probe.resource;
}

/** undefined: the rule never matches the probe; otherwise whether every such request matches it. */
function matches(rule: Record<string, unknown>, probe: Probe): { unconditional: boolean } | undefined {
  const verbs = strings(rule.verbs);
  if (verbs.length > 0 && !verbs.includes(probe.verb)) return undefined;
  if (strings(rule.nonResourceURLs).length > 0) return undefined;
  let unconditional = strings(rule.users).length === 0 && strings(rule.userGroups).length === 0 && strings(rule.namespaces).length === 0;
  const groups = asArray(rule.resources).map(asRecord).filter((g): g is Record<string, unknown> => g !== undefined);
  if (groups.length > 0) {
    const hit = groupMatch(groups, probe);
    if (hit === undefined) return undefined;
    if (hit === 'some-names') unconditional = false;
  }
  return { unconditional };
}

/**
 * How the `resources` of a rule match the probe: for every name, only for the names some group
 * lists, or not at all. A group with no resource list matches every resource of its API group and
 * its resourceNames are ignored, as the API server does; any group matching every name wins.
 */
function groupMatch(groups: readonly Record<string, unknown>[], probe: Probe): 'all-names' | 'some-names' | undefined {
  let found: 'some-names' | undefined;
  for (const group of groups) {
    if ((asString(group.group) ?? '') !== probe.group) continue;
    const resources = strings(group.resources);
    if (resources.length === 0) return 'all-names';
    if (!resources.some((r) => resourceEntryMatches(r, probe))) continue;
    if (strings(group.resourceNames).length === 0) return 'all-names';
    found = 'some-names';
  }
  return found;
}

function levelOf(rule: Record<string, unknown>): AuditLevel {
  const level = asString(rule.level);
  return level !== undefined && (LEVELS as readonly string[]).includes(level) ? (level as AuditLevel) : 'None';
}

/**
 * The levels the probe can be logged at: every conditional rule met before the first
 * unconditional one, then that one (or None when no rule applies to all such requests).
 */
export function possibleLevels(rules: readonly unknown[], probe: Probe): PossibleLevel[] {
  const out: PossibleLevel[] = [];
  for (const [index, value] of rules.entries()) {
    const rule = asRecord(value);
    if (rule === undefined) continue;
    const match = matches(rule, probe);
    if (match === undefined) continue;
    out.push({ level: levelOf(rule), path: pointer('/rules', index), unconditional: match.unconditional });
    if (match.unconditional) return out;
  }
  out.push({ level: 'None', path: '/rules', unconditional: true });
  return out;
}

export function describeProbe(probe: Probe): string {
  const resource = probe.subresource === undefined ? probe.resource : `${probe.resource}/${probe.subresource}`;
  return `${probe.verb} on ${probe.group === '' ? resource : `${resource}.${probe.group}`}`;
}
