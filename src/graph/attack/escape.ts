/**
 * Ways out of a container onto its node, read from the pod spec: privileged containers, host
 * namespaces, hostPath mounts of sensitive node paths (runtime sockets, /, /etc ...), capabilities
 * that break isolation, Windows HostProcess. Each vector carries the probability that an attacker
 * with code execution in the container turns it into root on the node, and the rule whose finding
 * reports it. The fix removes every vector of the workload at once (a partial fix leaves a way out).
 */
import type { AttackEvidence, EscapeVector } from '../../model/attack.js';
import type { Workload } from '../../model/k8s.js';
import type { JsonObject, JsonValue } from '../../model/resource.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { addedCapabilities } from '../../rules/_lib/capabilities.js';
import { DANGEROUS_CAPABILITIES } from '../../rules/dangerous-capabilities/capabilities.js';
import { canonicalHostPath, sensitiveMatch } from '../../rules/sensitive-host-path/sensitive-paths.js';

export interface EscapeFact {
  readonly vector: EscapeVector;
  readonly detail: string;
  readonly container?: string;
  readonly path: string;
  readonly probability: number;
  /** The rules whose findings report this vector. */
  readonly ruleIds: readonly string[];
}

/** Capabilities that hand over the node on their own (the rest need another weakness). */
const NODE_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF']);

export function escapeFacts(workload: Workload): EscapeFact[] {
  const facts: EscapeFact[] = [];
  const spec = workload.podSpec;
  const at = (...parts: (string | number)[]): string => pointer(workload.podSpecPath, ...parts);
  for (const ref of workload.containers) {
    const sc = asRecord(ref.container.securityContext);
    if (sc?.privileged === true) facts.push({ vector: 'privileged', detail: `container "${ref.name}" is privileged: every device and capability of the node`, container: ref.name, path: pointer(ref.path, 'securityContext', 'privileged'), probability: 0.9, ruleIds: ['privileged-container', 'pss-baseline'] });
    if (asRecord(sc?.windowsOptions)?.hostProcess === true) facts.push({ vector: 'privileged', detail: `container "${ref.name}" is a Windows HostProcess container running on the node`, container: ref.name, path: pointer(ref.path, 'securityContext', 'windowsOptions', 'hostProcess'), probability: 0.9, ruleIds: ['windows-host-process', 'pss-baseline'] });
    for (const cap of addedCapabilities(ref)) {
      if (!NODE_CAPABILITIES.has(cap.name) && !(cap.name === 'SYS_PTRACE' && spec.hostPID === true)) continue;
      const danger = DANGEROUS_CAPABILITIES[cap.name];
      facts.push({ vector: 'capability', detail: `container "${ref.name}" adds ${cap.written}${danger === undefined ? '' : `, which ${danger.enables}`}`, container: ref.name, path: cap.path, probability: cap.name === 'ALL' || cap.name === 'SYS_ADMIN' ? 0.8 : 0.6, ruleIds: ['dangerous-capabilities', 'pss-baseline'] });
    }
  }
  if (spec.hostPID === true) facts.push({ vector: 'host-pid', detail: "the pod shares the node's process namespace: host processes' environments and, as root, nsenter into them", path: at('hostPID'), probability: 0.7, ruleIds: ['host-namespaces', 'pss-baseline'] });
  if (spec.hostIPC === true) facts.push({ vector: 'host-ipc', detail: "the pod shares the node's IPC namespace: shared memory of host processes", path: at('hostIPC'), probability: 0.3, ruleIds: ['host-namespaces', 'pss-baseline'] });
  if (spec.hostNetwork === true) facts.push({ vector: 'host-network', detail: "the pod uses the node's network: node-local services and the node's traffic", path: at('hostNetwork'), probability: 0.4, ruleIds: ['host-namespaces', 'pss-baseline'] });
  const mounts = mountModes(workload);
  asArray(spec.volumes).forEach((value, index) => {
    const volume = asRecord(value);
    const raw = asString(asRecord(volume?.hostPath)?.path);
    const canonical = raw === undefined ? undefined : canonicalHostPath(raw);
    if (canonical === undefined) return;
    const match = sensitiveMatch(canonical);
    if (match === undefined) return;
    const name = asString(volume?.name) ?? `#${index}`;
    // A volume no container mounts is out of the attacker's reach; a read-only one of a path that
    // is only dangerous written to gives no way onto the node.
    const mode = mounts.get(name);
    if (mode === undefined || (mode === 'read-only' && WRITE_ONLY_DANGER.has(match.entry.path))) return;
    const socket = match.entry.path.endsWith('.sock');
    facts.push({
      vector: socket ? 'runtime-socket' : 'host-path',
      detail: `volume "${name}" mounts the host path "${raw ?? ''}": ${match.entry.exposes}`,
      path: at('volumes', index, 'hostPath', 'path'),
      probability: match.entry.severity === 'critical' || match.entry.path === '/etc' ? 0.9 : 0.6,
      ruleIds: ['sensitive-host-path', 'writable-host-path', 'pss-baseline'],
    });
  });
  return facts;
}

/**
 * Sensitive host paths that hand over the node only when written to: the logs (a planted symlink
 * makes the kubelet read any host file), the boot files (tampering), and the runtimes' storage
 * (planting code in other containers). Read, they leak data but give no root on the node. Every
 * other sensitive path is dangerous read-only too (kubelet credentials, /etc, /proc, devices,
 * sockets: connecting to a socket ignores a read-only mount).
 */
const WRITE_ONLY_DANGER = new Set(['/var/log', '/boot', '/var/lib/docker', '/var/lib/containerd', '/var/lib/containers']);

/** Volume name -> how the containers mount it: writable when any mount is not readOnly. */
function mountModes(workload: Workload): Map<string, 'read-only' | 'writable'> {
  const out = new Map<string, 'read-only' | 'writable'>();
  for (const ref of workload.containers) {
    for (const raw of asArray(ref.container.volumeMounts)) {
      const mount = asRecord(raw);
      const name = asString(mount?.name);
      if (name === undefined) continue;
      if (mount?.readOnly !== true) out.set(name, 'writable');
      else if (!out.has(name)) out.set(name, 'read-only');
    }
  }
  return out;
}

export function escapeEvidence(facts: readonly EscapeFact[]): AttackEvidence {
  return { escape: facts.map((f) => ({ vector: f.vector, detail: f.detail, ...(f.container === undefined ? {} : { container: f.container }), path: f.path })) };
}

/** The most likely vector decides: the attacker takes the easiest way out. */
export function escapeProbability(facts: readonly EscapeFact[]): number {
  return Math.max(0, ...facts.map((f) => f.probability));
}

/**
 * A strategic-merge patch of the pod spec removing every escape vector: host namespaces off,
 * privileged and HostProcess off, node-level capabilities left out of `add`, sensitive hostPath
 * volumes replaced by emptyDir (the mounts stay valid). Undefined when a container to change has no
 * name (a strategic merge cannot address it).
 */
export function dropPrivilegePatch(workload: Workload, facts: readonly EscapeFact[]): JsonObject | undefined {
  const spec: JsonObject = {};
  const vectors = new Set(facts.map((f) => f.vector));
  if (vectors.has('host-pid')) spec.hostPID = false;
  if (vectors.has('host-ipc')) spec.hostIPC = false;
  if (vectors.has('host-network')) spec.hostNetwork = false;
  const byList = new Map<string, JsonObject[]>();
  for (const ref of workload.containers) {
    if (!facts.some((f) => f.container === ref.name)) continue;
    if (typeof ref.container.name !== 'string' || ref.container.name === '') return undefined;
    const sc: JsonObject = {};
    const current = asRecord(ref.container.securityContext);
    if (current?.privileged === true) sc.privileged = false;
    if (asRecord(current?.windowsOptions)?.hostProcess === true) sc.windowsOptions = { hostProcess: false };
    const added = addedCapabilities(ref);
    const escaping = new Set(facts.filter((f) => f.vector === 'capability' && f.container === ref.name).map((f) => f.path));
    if (escaping.size > 0) sc.capabilities = { add: added.filter((c) => !escaping.has(c.path)).map((c) => c.written) };
    const list = byList.get(ref.kind) ?? [];
    list.push({ name: ref.container.name, securityContext: sc });
    byList.set(ref.kind, list);
  }
  for (const [kind, list] of byList) spec[kind] = list;
  const volumes: JsonObject[] = [];
  asArray(workload.podSpec.volumes).forEach((value, index) => {
    const name = asString(asRecord(value)?.name);
    if (name !== undefined && facts.some((f) => (f.vector === 'host-path' || f.vector === 'runtime-socket') && f.path === pointer(workload.podSpecPath, 'volumes', index, 'hostPath', 'path'))) {
      volumes.push({ name, hostPath: null, emptyDir: {} });
    }
  });
  if (volumes.length > 0) spec.volumes = volumes;
  return nestAt(workload.podSpecPath, spec);
}

/** `{a: {b: value}}` for the pointer /a/b. */
export function nestAt(path: string, value: JsonValue): JsonObject {
  const parts = path.split('/').slice(1);
  let out: JsonValue = value;
  for (const part of parts.reverse()) out = { [part]: out };
  return out as JsonObject;
}
