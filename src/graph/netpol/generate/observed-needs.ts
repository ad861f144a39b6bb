/**
 * Needs from observed traffic: JSON lines `{"src":"NS/NAME","dst":"NS/NAME","port":8080,"protocol":"TCP"}`
 * naming workloads of the manifests (protocol defaults to TCP). A line that is not such an object,
 * or names a workload the manifests lack, is refused with its line number: a policy generated
 * from a misread log would silently block or open traffic.
 */
import { isProtocol } from '../connections.js';
import { NetpolError } from '../errors.js';
import type { Workload } from '../model.js';
import type { Need } from './needs.js';
import { groupBy } from '../../../lib/group-by.js';

/** Bounded input: an observation log is summarised, not a raw packet capture. */
export const MAX_OBSERVED_LINES = 1_000_000;
const MAX_LINE_LENGTH = 4096;
/** The refusal is of the --observed file, not of a manifest object: say how that file is written. */
const HINT = 'Write one JSON object per line, {"src": "NS/NAME", "dst": "NS/NAME", "port": 8080, "protocol": "TCP"}, naming workloads of the manifests.';

export function needsFromObserved(text: string, file: string, workloads: readonly Workload[]): Need[] {
  const byName = groupBy(workloads, (w) => `${w.namespace}/${w.name}`);
  const needs: Need[] = [];
  const lines = text.split('\n');
  if (lines.length > MAX_OBSERVED_LINES) throw new NetpolError(`observed-connections file has more than ${String(MAX_OBSERVED_LINES)} lines; summarise it to distinct connections first`, { file, line: 1, column: 1 }, HINT);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const place = { file, line: index + 1, column: 1 };
    const fail = (why: string): never => {
      throw new NetpolError(`observed connection: ${why}`, place, HINT);
    };
    if (line.length > MAX_LINE_LENGTH) fail(`line longer than ${String(MAX_LINE_LENGTH)} characters`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      fail('not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected an object {src, dst, port, protocol}');
    const record = value as Record<string, unknown>;
    const end = (field: 'src' | 'dst'): Workload => {
      const name = record[field];
      if (typeof name !== 'string' || !/^[^/]+\/[^/]+$/.test(name)) return fail(`"${field}" must be "NAMESPACE/NAME" of a workload`);
      const found = byName.get(name) ?? [];
      if (found.length === 0) return fail(`${field} "${name}" is no workload in the manifests`);
      if (found.length > 1) return fail(`${field} "${name}" names several workloads (${found.map((w) => w.kind).join(', ')})`);
      return found[0] as Workload;
    };
    const src = end('src');
    const dst = end('dst');
    const port = record.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return fail('"port" must be an integer in 1-65535');
    const protocolText = record.protocol ?? 'TCP';
    const protocol = typeof protocolText === 'string' ? protocolText.toUpperCase() : '';
    if (!isProtocol(protocol)) return fail('"protocol" must be TCP, UDP or SCTP');
    needs.push({ src, dst, port, protocol, reason: `observed ${file}:${String(index + 1)}` });
  });
  return needs;
}
