/** A connection the application needs: one workload reaching another on one port. */
import type { Protocol } from '../connections.js';
import type { Resource } from '../../../model/resource.js';
import { locate } from '../../../core/locate.js';
import type { Workload } from '../model.js';

export interface Need {
  readonly src: Workload;
  readonly dst: Workload;
  readonly port: number;
  readonly protocol: Protocol;
  /** Why it is needed, e.g. `env BACKEND_URL of shop/web -> Service shop/api`. */
  readonly reason: string;
}

/** A workload port a LoadBalancer or NodePort Service opens to clients outside the cluster. */
export interface Exposure {
  readonly dst: Workload;
  readonly port: number;
  readonly protocol: Protocol;
  readonly reason: string;
}

/** A need the generator could not honour (an unresolved named port, a workload without labels). */
export interface GenerateWarning {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export function needKey(n: Pick<Need, 'src' | 'dst' | 'port' | 'protocol'>): string {
  return `${n.src.namespace}/${n.src.name}/${n.src.kind}|${n.dst.namespace}/${n.dst.name}/${n.dst.kind}|${n.protocol}/${String(n.port)}`;
}

/** Needs without duplicates. A workload reaching itself stays: its pods reach each other through the policies too. */
export function distinctNeeds(needs: readonly Need[]): Need[] {
  const seen = new Map<string, Need>();
  for (const n of needs) if (!seen.has(needKey(n))) seen.set(needKey(n), n);
  return [...seen.values()];
}

/** A warning located at a field of a resource. */
export function warningAt(resource: Resource | undefined, path: string, message: string): GenerateWarning {
  if (resource === undefined) return { message };
  const { file, line, column } = locate(resource, path);
  return { message, file, line, column };
}
