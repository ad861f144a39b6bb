/**
 * The capabilities that hand a container a way out, onto the node or over other users' files,
 * with what each enables. Left out on purpose: NET_BIND_SERVICE (the one capability the
 * hardening guides recommend adding back), and KILL, AUDIT_WRITE, SYS_CHROOT and FSETID, which
 * give nothing beyond the container's own processes and files.
 */
import type { Severity } from '../../model/severity.js';

export interface DangerousCapability {
  readonly severity: Severity;
  /** What the capability lets an attacker in the container do, completing "which ...". */
  readonly enables: string;
}

export const DANGEROUS_CAPABILITIES: Readonly<Record<string, DangerousCapability>> = {
  ALL: { severity: 'critical', enables: 'grants every capability: the container is all but privileged' },
  SYS_ADMIN: { severity: 'critical', enables: 'allows mount, namespace and cgroup administration: the classic container escape (cgroup release_agent, mounting host devices)' },
  SYS_MODULE: { severity: 'critical', enables: 'allows loading kernel modules: arbitrary code in the node\'s kernel' },
  SYS_RAWIO: { severity: 'high', enables: 'allows raw I/O on devices, /dev/mem and I/O ports: reading and writing host memory and disks' },
  DAC_READ_SEARCH: { severity: 'high', enables: 'bypasses file read permission checks and allows open_by_handle_at: reading host files outside the container (the "shocker" escape)' },
  SYS_PTRACE: { severity: 'high', enables: 'allows tracing and injecting code into other processes (host processes too with hostPID)' },
  SYS_BOOT: { severity: 'high', enables: 'allows rebooting the node and loading a new kernel with kexec' },
  BPF: { severity: 'high', enables: 'allows loading eBPF programs: reading kernel memory and hiding from monitoring' },
  NET_ADMIN: { severity: 'high', enables: 'allows reconfiguring interfaces, routes and iptables: intercepting or redirecting the pod\'s (and with hostNetwork, the node\'s) traffic' },
  MAC_ADMIN: { severity: 'high', enables: 'allows changing the AppArmor or SELinux policy: switching off the mandatory access control that confines containers' },
  MAC_OVERRIDE: { severity: 'high', enables: 'allows bypassing the AppArmor or SELinux policy that confines the container' },
  PERFMON: { severity: 'medium', enables: 'allows performance monitoring and, with BPF, kernel tracing that can read other processes\' data' },
  NET_RAW: { severity: 'medium', enables: 'allows raw sockets: ARP and DNS spoofing and crafted packets against other pods on the node' },
  DAC_OVERRIDE: { severity: 'medium', enables: 'bypasses file read, write and execute permission checks on every file it can see, host mounts included' },
  SYS_TIME: { severity: 'medium', enables: 'allows setting the node-wide clock: breaking TLS and token expiry and falsifying logs' },
  AUDIT_CONTROL: { severity: 'medium', enables: 'allows changing and switching off the kernel audit rules, which are the node\'s (audit is not namespaced): hiding what happens on the node' },
  SYSLOG: { severity: 'medium', enables: 'allows reading and clearing the node\'s kernel log (not namespaced), which also leaks the kernel addresses that defeat KASLR' },
  MKNOD: { severity: 'medium', enables: 'allows creating device files that give access to host devices' },
  SETFCAP: { severity: 'low', enables: 'allows setting file capabilities: planting a binary that gains capabilities when run' },
  FOWNER: { severity: 'low', enables: 'bypasses ownership checks: changing the mode and attributes of files it does not own' },
  CHOWN: { severity: 'low', enables: 'allows taking ownership of any file it can see' },
  SETUID: { severity: 'low', enables: 'allows switching to any user ID, root included' },
  SETGID: { severity: 'low', enables: 'allows switching to any group ID, root included' },
  SETPCAP: { severity: 'low', enables: 'allows granting any capability of its bounding set to the programs it runs (inheritable set)' },
  SYS_NICE: { severity: 'low', enables: 'allows real-time scheduling and raised priorities: starving the node\'s kubelet and other pods of CPU' },
  SYS_RESOURCE: { severity: 'low', enables: 'allows overriding resource limits and using the filesystem space reserved for root: filling the node\'s disks past their safety margin' },
  SYS_PACCT: { severity: 'low', enables: 'allows switching the node\'s process accounting on or off and pointing it at any file it can write' },
};
