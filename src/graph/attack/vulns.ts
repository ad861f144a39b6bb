/**
 * Vulnerabilities that turn network reach into code execution: remote-code-execution class, in an
 * image a workload runs. The scan says so (`rce: true`), or its CVSS vector does: attack vector
 * network, no privileges required, no user interaction, and high integrity impact (CVSS 3.x or
 * 4.0 `VI:H`). `UI:R` (3.x), `UI:P`/`UI:A` (4.0) mean a victim has to open a file or a page: an
 * attacker who reaches the service cannot take it alone, so it is no exploit step.
 */
import type { ImageVulnerabilities } from '../../model/attack.js';
import { parseImageRef } from '../../lib/image-ref.js';

export type Vulnerability = ImageVulnerabilities['vulnerabilities'][number];

export function isRemoteCodeExecution(v: Vulnerability): boolean {
  if (v.rce !== undefined) return v.rce;
  const vector = v.cvssVector ?? '';
  const metrics = new Map(vector.split('/').map((part) => part.split(':') as [string, string]));
  const integrity = metrics.get('I') ?? metrics.get('VI');
  return metrics.get('AV') === 'N' && metrics.get('PR') === 'N' && metrics.get('UI') === 'N' && integrity === 'H';
}

/** Likelihood that a working exploit is at hand, by severity. */
export function exploitProbability(vulns: readonly Vulnerability[]): number {
  const p = (v: Vulnerability): number => (v.severity === 'critical' ? 0.6 : v.severity === 'high' ? 0.4 : 0.2);
  return Math.max(0, ...vulns.map(p));
}

/**
 * An image reference as the runtime resolves it, so that a pod's `nginx` meets a scan of
 * `docker.io/library/nginx:latest` and `registry-1.docker.io/x/y:1` meets `x/y:1`: Docker Hub
 * defaults and aliases applied, `latest` when no tag is given, and the digest alone when there is
 * one (the runtime pulls by digest and ignores the tag). Text that is not a reference stays as it is.
 */
export function imageKey(image: string): string {
  const ref = parseImageRef(image);
  if (ref === undefined) return image;
  const name = `${ref.registry}/${ref.repository}`;
  return ref.digest === undefined ? `${name}:${ref.tag ?? 'latest'}` : `${name}@${ref.digest}`;
}

/** The RCE-class vulnerabilities of one scanned image, under the name the scan gave it. */
export interface VulnerableImage {
  readonly image: string;
  readonly vulnerabilities: Vulnerability[];
}

/**
 * The RCE-class vulnerabilities of each image by `imageKey`, bounded so a hostile input cannot grow
 * the graph without end.
 */
export function rceByImage(input: readonly ImageVulnerabilities[], limitPerImage = 100): Map<string, VulnerableImage> {
  const out = new Map<string, VulnerableImage>();
  for (const entry of input) {
    const key = imageKey(entry.image);
    const found = out.get(key) ?? { image: entry.image, vulnerabilities: [] };
    const list = found.vulnerabilities;
    for (const v of entry.vulnerabilities) if (list.length < limitPerImage && isRemoteCodeExecution(v) && !list.some((x) => x.id === v.id && x.package === v.package)) list.push(v);
    if (list.length > 0) out.set(key, found);
  }
  return out;
}
