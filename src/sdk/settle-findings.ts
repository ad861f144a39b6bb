/**
 * The rules' findings as the user configured them: their severity overrides, then the ignore
 * annotations and comments and the exceptions of .palisade.yaml. `palisade scan` and `palisade
 * attack-paths` both settle findings here, so an attack step never links a finding the report
 * shows as suppressed.
 */
import type { Finding } from '../model/finding.js';
import type { Resource } from '../model/resource.js';
import type { RuleSummary } from '../model/report.js';
import { applySuppressions, type SuppressionResult } from '../core/suppression.js';
import { applySeverityOverrides, namespaceSelected, type ResolvedConfig, type RuleSelection } from '../config/index.js';
import { RULES } from '../rules/index.js';

/** Every rule there is, selected or not: what an ignore annotation may name. */
const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/**
 * `extra`: findings that are not the rules' (images), suppressed alongside but never re-rated.
 * `ran`: the ids of the rules that ran (a --framework scan runs fewer than the selection).
 */
export function settleFindings(ruleFindings: readonly Finding[], extra: readonly Finding[], resources: readonly Resource[], resolved: ResolvedConfig, selection: RuleSelection, ran: readonly RuleSummary[], now: Date): SuppressionResult {
  const rated = applySeverityOverrides(ruleFindings, selection.severityOverrides);
  return applySuppressions([...rated, ...extra], resources, resolved.config.exceptions, now, {
    locateException: (index) => resolved.locate(['exceptions', index]),
    ruleIds: KNOWN_RULE_IDS,
    ranRuleIds: new Set(ran.map((rule) => rule.ruleId)),
    scannedNamespace: namespaceSelected(resolved.config),
  });
}
