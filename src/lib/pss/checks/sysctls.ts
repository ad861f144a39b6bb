/**
 * Baseline "Sysctls": only sysctls that are namespaced and isolated between pods on a node. The
 * safe set grows with the policy version, as the kubelet's own safe list grew.
 */
import type { CheckDefinition, CheckFn } from '../check.js';
import { asArray, asRecord, stringField } from '../pod-view.js';

const SAFE_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The newest policy version's safe set, for rules that judge sysctls outside the PSS evaluation. */
export const SAFE_SYSCTLS_LATEST: readonly string[] = SAFE_1_37;

function sysctlsCheck(safeList: readonly string[]): CheckFn {
  const safe = new Set(safeList);
  return (pod) => {
    const forbidden: string[] = [];
    const paths: string[] = [];
    asArray(pod.securityContext?.sysctls).forEach((value, index) => {
      const name = stringField(asRecord(value), 'name');
      if (safe.has(name)) return;
      forbidden.push(name);
      paths.push(`/spec/securityContext/sysctls/${index}/name`);
    });
    if (forbidden.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
  };
}

export const sysctls: CheckDefinition = {
  id: 'sysctls',
  level: 'baseline',
  control: 'Sysctls',
  versions: [
    { minimumMinor: 0, check: sysctlsCheck(SAFE_1_0) },
    { minimumMinor: 27, check: sysctlsCheck(SAFE_1_27) },
    { minimumMinor: 29, check: sysctlsCheck(SAFE_1_29) },
    { minimumMinor: 32, check: sysctlsCheck(SAFE_1_32) },
    { minimumMinor: 37, check: sysctlsCheck(SAFE_1_37) },
  ],
};
