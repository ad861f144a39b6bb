/**
 * Host paths that hand a pod the node, with what each exposes. Paths are canonical: normalised
 * and with /var/run written as /run (a symlink to it on every current distribution).
 */
import path from 'node:path';
import type { Severity } from '../../model/severity.js';
import { severityRank } from '../../model/severity.js';

export interface SensitivePath {
  readonly path: string;
  readonly severity: Severity;
  /** What a pod gets from it, completing "mounts X: ...". */
  readonly exposes: string;
  /** Sockets and the root only match exactly or as something the mount contains, never as a parent of the mount. */
  readonly exactOrContained?: boolean;
}

const RUNTIME_SOCKET = 'whoever can write to it starts a privileged container on the node';

export const SENSITIVE_PATHS: readonly SensitivePath[] = [
  { path: '/', severity: 'critical', exactOrContained: true, exposes: "the node's whole filesystem: every credential on it, and writing cron jobs, SSH keys or binaries takes over the node" },
  { path: '/run/docker.sock', severity: 'critical', exposes: `the Docker daemon's socket: ${RUNTIME_SOCKET}` },
  { path: '/run/dockershim.sock', severity: 'critical', exposes: `the dockershim CRI socket: ${RUNTIME_SOCKET}` },
  { path: '/run/cri-dockerd.sock', severity: 'critical', exposes: `the cri-dockerd CRI socket: ${RUNTIME_SOCKET}` },
  { path: '/run/containerd/containerd.sock', severity: 'critical', exposes: `containerd's socket: ${RUNTIME_SOCKET}` },
  { path: '/run/k3s/containerd/containerd.sock', severity: 'critical', exposes: `k3s's containerd socket: ${RUNTIME_SOCKET}` },
  { path: '/run/crio/crio.sock', severity: 'critical', exposes: `CRI-O's socket: ${RUNTIME_SOCKET}` },
  { path: '/run/podman/podman.sock', severity: 'critical', exposes: `Podman's socket: ${RUNTIME_SOCKET}` },
  { path: '/etc', severity: 'high', exposes: "the node's configuration: /etc/shadow, /etc/kubernetes credentials, sudoers and cron, enough to become root on the node" },
  { path: '/var/lib/kubelet', severity: 'high', exposes: "the kubelet's state: its client credentials and every pod's mounted Secrets and service account tokens" },
  { path: '/var/lib/etcd', severity: 'high', exposes: "etcd's data: every Secret in the cluster" },
  { path: '/var/lib/docker', severity: 'high', exposes: "Docker's storage: every container's filesystem and image, writable to plant code in them" },
  { path: '/var/lib/containerd', severity: 'high', exposes: "containerd's storage: every container's filesystem and image, writable to plant code in them" },
  { path: '/var/lib/containers', severity: 'high', exposes: "CRI-O's and Podman's storage: every container's filesystem and image" },
  { path: '/proc', severity: 'high', exposes: "the node's /proc: other processes' memory and environment, and kernel settings such as core_pattern, a known escape path" },
  { path: '/sys', severity: 'high', exposes: "the node's /sys: kernel, device and cgroup controls, a known escape path" },
  { path: '/dev', severity: 'high', exposes: "the node's devices: raw read and write access to its disks and memory" },
  { path: '/boot', severity: 'high', exposes: "the node's kernel and boot loader: tampering survives reboots" },
  { path: '/root', severity: 'high', exposes: "root's home on the node: SSH keys, kubeconfigs and shell history" },
  { path: '/home', severity: 'high', exposes: "the node's user homes: SSH keys and credentials" },
  { path: '/run/docker', severity: 'high', exposes: "Docker's runtime state: plugin sockets and, on older releases, the containerd socket" },
  { path: '/var/log', severity: 'high', exposes: "the node's logs (other pods' output), and with write access a symlink planted there makes the kubelet's log endpoint read any host file" },
];

/**
 * Directories that hold credentials wherever they sit (a home directory, the root, a custom path):
 * cloud CLIs, registry logins, kubeconfigs, SSH and GPG keys. Matched as path components.
 */
const CREDENTIAL_DIRS: readonly { readonly components: readonly string[]; readonly what: string }[] = [
  { components: ['.aws'], what: 'AWS CLI credentials' },
  { components: ['.azure'], what: 'Azure CLI credentials' },
  { components: ['.config', 'gcloud'], what: 'Google Cloud SDK credentials' },
  { components: ['.docker'], what: 'container registry logins (Docker config.json)' },
  { components: ['.kube'], what: 'kubeconfig credentials' },
  { components: ['.ssh'], what: 'SSH keys' },
  { components: ['.gnupg'], what: 'GPG keys' },
];

/** A credential directory the canonical path is, lies in, or contains, as a pseudo-entry. */
export function credentialMatch(canonical: string): SensitiveMatch | undefined {
  const parts = canonical.split('/').filter((part) => part !== '');
  for (const dir of CREDENTIAL_DIRS) {
    const width = dir.components.length;
    for (let i = 0; i + width <= parts.length; i++) {
      if (dir.components.every((component, k) => parts[i + k] === component)) {
        const at = `/${parts.slice(0, i + width).join('/')}`;
        return { entry: { path: at, severity: 'high', exposes: dir.what }, contains: false };
      }
    }
  }
  return undefined;
}

/**
 * The canonical form of a hostPath: `..` and `.` resolved, duplicate and trailing slashes
 * removed, /var/run mapped to /run. Undefined for relative paths (Windows drive paths, invalid).
 */
export function canonicalHostPath(raw: string): string | undefined {
  if (!raw.startsWith('/')) return undefined;
  let normal = path.posix.normalize(raw);
  if (normal.length > 1 && normal.endsWith('/')) normal = normal.slice(0, -1);
  if (normal === '/var/run' || normal.startsWith('/var/run/')) normal = `/run${normal.slice('/var/run'.length)}`;
  return normal;
}

function isWithin(child: string, parent: string): boolean {
  return parent === '/' ? true : child === parent || child.startsWith(`${parent}/`);
}

export interface SensitiveMatch {
  readonly entry: SensitivePath;
  /** The mount is above the sensitive path and contains it. */
  readonly contains: boolean;
}

/**
 * The worst sensitive path a mount of `canonical` exposes: the path itself or one of its parents
 * on the list, or a listed path inside it.
 */
export function sensitiveMatch(canonical: string): SensitiveMatch | undefined {
  const matches: SensitiveMatch[] = [];
  for (const entry of SENSITIVE_PATHS) {
    if (canonical === entry.path) matches.push({ entry, contains: false });
    else if (isWithin(entry.path, canonical)) matches.push({ entry, contains: true });
    else if (entry.exactOrContained !== true && isWithin(canonical, entry.path)) matches.push({ entry, contains: false });
  }
  // Worst first; then the path itself over what it contains; then the most specific entry.
  matches.sort(
    (a, b) =>
      severityRank(a.entry.severity) - severityRank(b.entry.severity) ||
      Number(a.contains) - Number(b.contains) ||
      b.entry.path.length - a.entry.path.length,
  );
  return matches[0] ?? credentialMatch(canonical);
}
