/** Node ids of the attack graph. RBAC nodes keep the escalation graph's ids (cluster-admin, secrets:NS, node:NAME, system:serviceaccount:NS:NAME ...). */
export const INTERNET = 'internet';
export const workloadId = (namespace: string, kind: string, name: string): string => `workload:${namespace}/${kind}/${name}`;
/** One Secret, as the pods that mount it hold it (`secrets:NS` is every secret of NS, read through the API). */
export const mountedSecretId = (namespace: string, name: string): string => `secret:${namespace}/${name}`;
export const vulnerableId = (workload: string): string => `vulnerable:${workload.slice('workload:'.length)}`;
/** The node an unpinned workload runs on: unknown, so one node per workload. */
export const hostOfId = (workload: string): string => `host:${workload.slice('workload:'.length)}`;
export const netOutId = (cls: number): string => `net-out:${cls}`;
export const netInId = (cls: number, ports: string): string => `net-in:${cls}:${ports}`;
/** Workloads whose egress no policy restricts share one egress hub. */
export const OPEN_EGRESS = 'net-out:open';
