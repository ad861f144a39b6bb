/** Finds the findings that justify a step: by the resource they are about and the rule that found them. */
import type { Finding } from '../../model/finding.js';
import type { ResourceRef } from '../../model/resource.js';

export class FindingLookup {
  private readonly byResource = new Map<string, Finding[]>();
  private readonly byRule = new Map<string, Finding[]>();
  private readonly byLabel = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const finding of findings) {
      if (finding.suppressed) continue;
      push(this.byResource, keyOf(finding.resource), finding);
      push(this.byRule, finding.ruleId, finding);
      const r = finding.resource;
      push(this.byLabel, r.namespace === undefined ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`, finding);
    }
  }

  /** Findings of these rules on this resource (a namespace default: `default`). */
  on(resource: ResourceRef, ruleIds: readonly string[]): string[] {
    const rules = new Set(ruleIds);
    return (this.byResource.get(keyOf(resource)) ?? []).filter((f) => rules.has(f.ruleId)).map((f) => f.id);
  }

  /** Findings about any RBAC object named by label (`Kind ns/name` or `Kind name`, as RBAC evidence writes them). */
  onLabels(labels: readonly string[]): string[] {
    return [...new Set(labels)].flatMap((label) => (this.byLabel.get(label) ?? []).map((f) => f.id));
  }

  /** Findings whose rule id is one of these (vulnerability ids appear as rule ids). */
  ofRules(ruleIds: readonly string[], resource?: ResourceRef): string[] {
    return ruleIds.flatMap((id) => (this.byRule.get(id) ?? []).filter((f) => resource === undefined || keyOf(f.resource) === keyOf(resource)).map((f) => f.id));
  }
}

function keyOf(ref: ResourceRef): string {
  return `${ref.kind}/${ref.namespace ?? 'default'}/${ref.name}`;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
