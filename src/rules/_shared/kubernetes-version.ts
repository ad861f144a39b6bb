/**
 * The Kubernetes minor version of a control-plane image tag (`kube-apiserver:v1.31.0`,
 * `kube-apiserver-amd64:v1.9.0`, hyperkube's `v1.18.0`), for settings that exist or change
 * meaning from a given release. Undefined for digests and other tags.
 */
export function kubernetesMinor(image: string | undefined): number | undefined {
  const match = /:v?1\.(\d{1,3})(?:\.|$|-)/.exec(image ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
