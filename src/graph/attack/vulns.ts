/**
 * Vulnerabilities that turn network reach into code execution: remote-code-execution class, in an
 * image a workload runs. The scan says so (`rce: true`), or its CVSS vector does: attack vector
 * network, no privileges required, and high integrity impact (CVSS 3.x or 4.0 `VI:H`).
 */
import type { ImageVulnerabilities } from '../../model/attack.js';

export type Vulnerability = ImageVulnerabilities['vulnerabilities'][number];

export function isRemoteCodeExecution(v: Vulnerability): boolean {
  if (v.rce !== undefined) return v.rce;
  const vector = v.cvssVector ?? '';
  const metrics = new Map(vector.split('/').map((part) => part.split(':') as [string, string]));
  const integrity = metrics.get('I') ?? metrics.get('VI');
  return metrics.get('AV') === 'N' && metrics.get('PR') === 'N' && integrity === 'H';
}

/** Likelihood that a working exploit is at hand, by severity. */
export function exploitProbability(vulns: readonly Vulnerability[]): number {
  const p = (v: Vulnerability): number => (v.severity === 'critical' ? 0.6 : v.severity === 'high' ? 0.4 : 0.2);
  return Math.max(0, ...vulns.map(p));
}

/** The RCE-class vulnerabilities of each image, bounded so a hostile input cannot grow the graph without end. */
export function rceByImage(input: readonly ImageVulnerabilities[], limitPerImage = 100): Map<string, Vulnerability[]> {
  const out = new Map<string, Vulnerability[]>();
  for (const entry of input) {
    const list = out.get(entry.image) ?? [];
    for (const v of entry.vulnerabilities) if (list.length < limitPerImage && isRemoteCodeExecution(v) && !list.some((x) => x.id === v.id && x.package === v.package)) list.push(v);
    if (list.length > 0) out.set(entry.image, list);
  }
  return out;
}
