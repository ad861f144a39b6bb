import { readFileSync } from 'node:fs';
import type { RuleMeta } from '../core/rule.js';
import { RULES } from '../rules/index.js';

export type RuleInfo = RuleMeta;

function metaOf(rule: RuleMeta): RuleInfo {
  const { id, title, severity, threats, mitre, remediation, references } = rule;
  return { id, title, severity, threats, mitre, remediation, references };
}

/** Every rule's metadata, sorted by id. */
export function listRules(): RuleInfo[] {
  return RULES.map(metaOf);
}

export function findRule(id: string): RuleInfo | undefined {
  const rule = RULES.find((r) => r.id === id);
  return rule === undefined ? undefined : metaOf(rule);
}

/** The rule's doc.md (copied next to the compiled rule by the build). */
export function ruleDoc(id: string): string | undefined {
  if (!RULES.some((r) => r.id === id)) return undefined;
  try {
    return readFileSync(new URL(`../rules/${id}/doc.md`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}
