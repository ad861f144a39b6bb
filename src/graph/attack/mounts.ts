/**
 * The secrets a workload's pods hold whatever RBAC says: the kubelet puts them into the pod, so code
 * running there reads them without asking the API server. A Secret reaches a container as
 * - a `secret` volume, or a `projected` volume with a `secret` source, that the container mounts;
 * - an environment variable from `valueFrom.secretKeyRef`;
 * - every key of it as environment variables through `envFrom[].secretRef`.
 * A volume no container mounts is not visible inside the pod, so it does not count. Secrets the
 * kubelet uses on the pod's behalf and never hands to it (imagePullSecrets, CSI
 * nodePublishSecretRef) do not count either.
 */
import type { Container, Workload as PodTemplate } from '../../model/k8s.js';
import { asRecord, asString } from '../../lib/k8s/values.js';

export type MountVia = 'volume' | 'projected' | 'env' | 'envFrom';

/** One way a Secret reaches a container. */
export interface SecretMount {
  readonly secret: string;
  readonly via: MountVia;
  /** The volume or environment variable name (`envFrom`: the prefix, or the Secret's own keys). */
  readonly name: string;
  readonly container: string;
  /** JSON pointer from the resource root to the reference. */
  readonly path: string;
}

/** Mounts by Secret name, in the order the pod spec lists them. */
export function secretMounts(template: PodTemplate): Map<string, SecretMount[]> {
  const out = new Map<string, SecretMount[]>();
  const add = (mount: SecretMount): void => {
    const list = out.get(mount.secret);
    if (list === undefined) out.set(mount.secret, [mount]);
    else list.push(mount);
  };
  const volumes = volumeSecrets(template);
  for (const ref of template.containers) {
    const c = ref.container;
    for (const m of envSecrets(c, ref.path)) add({ ...m, container: ref.name });
    for (const mount of objects(c.volumeMounts)) {
      const name = asString(mount.name);
      const volume = name === undefined ? undefined : volumes.get(name);
      for (const v of volume ?? []) add({ ...v, container: ref.name });
    }
  }
  return out;
}

type Unplaced = Omit<SecretMount, 'container'>;

/** The entries of a list from the input as records (hostile input: not a list, or null entries). Indices are kept. */
function objects(value: unknown): (Record<string, unknown>)[] {
  return Array.isArray(value) ? value.map((v: unknown) => asRecord(v) ?? {}) : [];
}

/** Volume name -> the Secrets it carries. */
function volumeSecrets(template: PodTemplate): Map<string, Unplaced[]> {
  const out = new Map<string, Unplaced[]>();
  objects(template.podSpec.volumes).forEach((volume, i) => {
    const name = asString(volume.name);
    if (name === undefined) return;
    const at = `${template.podSpecPath}/volumes/${i}`;
    const list: Unplaced[] = [];
    const direct = asString(asRecord(volume.secret)?.secretName);
    if (direct !== undefined && direct !== '') list.push({ secret: direct, via: 'volume', name, path: `${at}/secret/secretName` });
    const sources = asRecord(volume.projected)?.sources;
    if (Array.isArray(sources)) {
      sources.forEach((source, j) => {
        const secret = asString(asRecord(asRecord(source)?.secret)?.name);
        if (secret !== undefined && secret !== '') list.push({ secret, via: 'projected', name, path: `${at}/projected/sources/${j}/secret/name` });
      });
    }
    if (list.length > 0) out.set(name, list);
  });
  return out;
}

function envSecrets(container: Container, path: string): Unplaced[] {
  const out: Unplaced[] = [];
  objects(container.env).forEach((env, i) => {
    const secret = asString(asRecord(asRecord(env.valueFrom)?.secretKeyRef)?.name);
    if (secret !== undefined && secret !== '') out.push({ secret, via: 'env', name: asString(env.name) ?? `#${i}`, path: `${path}/env/${i}/valueFrom/secretKeyRef/name` });
  });
  objects(container.envFrom).forEach((from, i) => {
    const secret = asString(asRecord(from.secretRef)?.name);
    if (secret !== undefined && secret !== '') out.push({ secret, via: 'envFrom', name: asString(from.prefix) ?? '(its keys)', path: `${path}/envFrom/${i}/secretRef/name` });
  });
  return out;
}

/** A projected ServiceAccount token that a container mounts (the kubelet writes and refreshes it). */
export interface ProjectedToken {
  readonly volume: string;
  readonly container: string;
  /** JSON pointer of the `serviceAccountToken` source. */
  readonly path: string;
}

/**
 * Projected `serviceAccountToken` sources the API server accepts, in volumes a container mounts.
 * `automountServiceAccountToken: false` does not touch them: a pod that turns automount off and
 * projects its own token still holds the ServiceAccount's credential. A source without `audience`
 * gets the API server's own audience; a token for another audience (Vault, a cloud STS) is refused
 * by the API server unless it is configured to accept it, which the manifests cannot tell: only an
 * audience naming the in-cluster API server (kubernetes.default.svc) is counted besides.
 */
export function projectedTokens(template: PodTemplate): ProjectedToken[] {
  const byVolume = new Map<string, string[]>();
  objects(template.podSpec.volumes).forEach((volume, i) => {
    const name = asString(volume.name);
    const sources = asRecord(volume.projected)?.sources;
    if (name === undefined || !Array.isArray(sources)) return;
    sources.forEach((source, j) => {
      const token = asRecord(asRecord(source)?.serviceAccountToken);
      if (token === undefined) return;
      const audience = asString(token.audience) ?? '';
      if (audience !== '' && !audience.includes('kubernetes.default.svc')) return;
      const list = byVolume.get(name) ?? [];
      list.push(`${template.podSpecPath}/volumes/${i}/projected/sources/${j}/serviceAccountToken`);
      byVolume.set(name, list);
    });
  });
  const out: ProjectedToken[] = [];
  if (byVolume.size === 0) return out;
  for (const ref of template.containers) {
    for (const mount of objects(ref.container.volumeMounts)) {
      const volume = asString(mount.name);
      for (const path of (volume === undefined ? undefined : byVolume.get(volume)) ?? []) out.push({ volume: volume ?? '', container: ref.name, path });
    }
  }
  return out;
}

/** "volume db at /etc/db in container app", "env DB_PASSWORD in container app". */
export function describeMount(m: SecretMount): string {
  if (m.via === 'env') return `env ${m.name} of container ${m.container}`;
  if (m.via === 'envFrom') return `envFrom (${m.name}) of container ${m.container}`;
  return `${m.via === 'projected' ? 'projected volume' : 'volume'} ${m.name} of container ${m.container}`;
}
