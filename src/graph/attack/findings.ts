/**
 * Finds the findings that justify a step: by the resource they are about and the rule that found
 * them. A scan can hold hundreds of thousands of findings of which the graph asks about a few
 * rules, so only the index by rule is built up front; the index by resource is built per rule, and
 * the one by label per kind, the first time a question needs it.
 */
import type { Finding } from '../../model/finding.js';
import type { ResourceRef } from '../../model/resource.js';

export class FindingLookup {
  /** The unsuppressed findings; indexes hold positions in it, so answers keep the findings' order. */
  private readonly findings: readonly Finding[];
  private readonly byRule = new Map<string, number[]>();
  private readonly byRuleAndResource = new Map<string, Map<string, number[]>>();
  private byKind: Map<string, number[]> | undefined;
  private readonly byKindAndLabel = new Map<string, Map<string, number[]>>();

  constructor(findings: readonly Finding[]) {
    this.findings = findings.filter((finding) => !finding.suppressed);
    this.findings.forEach((finding, at) => {
      push(this.byRule, finding.ruleId, at);
    });
  }

  /** Findings of these rules on this resource (a namespace default: `default`). */
  on(resource: ResourceRef, ruleIds: readonly string[]): string[] {
    const key = keyOf(resource);
    // Several rules' hits merged back into the findings' order.
    const positions = [...new Set(ruleIds)].flatMap((ruleId) => this.resourcesOf(ruleId).get(key) ?? []).sort((a, b) => a - b);
    return this.ids(positions);
  }

  /** Findings about any RBAC object named by label (`Kind ns/name` or `Kind name`, as RBAC evidence writes them). */
  onLabels(labels: readonly string[]): string[] {
    return [...new Set(labels)].flatMap((label) => this.ids(this.labelsOf(label.split(' ', 1)[0] ?? '').get(label) ?? []));
  }

  /**
   * Findings of these rules on the object with this name, whatever its kind: an image's
   * vulnerability findings name the image reference (one CVE id is a rule of every image it is in).
   */
  ofRulesNamed(ruleIds: readonly string[], name: string): string[] {
    return ruleIds.flatMap((id) => this.ids((this.byRule.get(id) ?? []).filter((at) => this.findings[at]?.resource.name === name)));
  }

  private ids(positions: readonly number[]): string[] {
    return positions.map((at) => this.findings[at]?.id ?? '');
  }

  private resourcesOf(ruleId: string): Map<string, number[]> {
    let index = this.byRuleAndResource.get(ruleId);
    if (index === undefined) {
      index = new Map();
      for (const at of this.byRule.get(ruleId) ?? []) {
        const finding = this.findings[at];
        if (finding !== undefined) push(index, keyOf(finding.resource), at);
      }
      this.byRuleAndResource.set(ruleId, index);
    }
    return index;
  }

  private labelsOf(kind: string): Map<string, number[]> {
    let index = this.byKindAndLabel.get(kind);
    if (index === undefined) {
      index = new Map();
      for (const at of this.kinds().get(kind) ?? []) {
        const r = this.findings[at]?.resource;
        if (r !== undefined) push(index, r.namespace === undefined ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`, at);
      }
      this.byKindAndLabel.set(kind, index);
    }
    return index;
  }

  private kinds(): Map<string, number[]> {
    if (this.byKind === undefined) {
      const byKind = new Map<string, number[]>();
      this.findings.forEach((finding, at) => {
        push(byKind, finding.resource.kind, at);
      });
      this.byKind = byKind;
    }
    return this.byKind;
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
