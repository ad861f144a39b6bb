/**
 * The component properties other scanners read, written beside Palisade's own (`palisade:*`, which
 * no other tool knows). CycloneDX has no field for an OS package's source package or for the
 * image layer a package came from, so each tool reads its own property names:
 *
 * - Trivy (`trivy sbom FILE`) takes the source package from aquasecurity:trivy:SrcName, SrcEpoch,
 *   SrcVersion and SrcRelease, and without them takes the binary package for its own source.
 *   Debian, Ubuntu, Alpine and Red Hat advisories are filed by source package (libc6's under
 *   glibc, libssl3's under openssl), so an SBOM without them lost most OS vulnerabilities there.
 *   The version is split as Trivy splits it: a single SrcVersion holding "2.36-9+deb12u4" is read
 *   as the upstream part and given the binary's release again.
 * - Trivy shows where a package came from by aquasecurity:trivy:LayerDigest (the blob) and
 *   LayerDiffID (the uncompressed tar, rootfs.diff_ids); Syft by syft:location:0:path and
 *   syft:location:0:layerID (the diff id).
 */
import type { ImageLayerInfo, Package } from '../../model/package.js';

export interface Property {
  readonly name: string;
  readonly value: string;
}

/** Layer blob digest -> diff id, from the image's layer list. */
export function diffIdsByDigest(layers: readonly ImageLayerInfo[] | undefined): ReadonlyMap<string, string> {
  return new Map((layers ?? []).map((l) => [l.digest, l.diffId]));
}

export function toolProperties(p: Package, diffIds: ReadonlyMap<string, string>): Property[] {
  const diffId = p.layer === undefined ? undefined : diffIds.get(p.layer);
  return [
    ...sourceProperties(p),
    ...(p.layer === undefined ? [] : [{ name: 'aquasecurity:trivy:LayerDigest', value: p.layer }]),
    ...(diffId === undefined ? [] : [{ name: 'aquasecurity:trivy:LayerDiffID', value: diffId }]),
    { name: 'syft:location:0:path', value: p.file },
    ...(diffId === undefined ? [] : [{ name: 'syft:location:0:layerID', value: diffId }]),
  ];
}

/**
 * Trivy's source package properties. Debian and RPM versions are [epoch:]version[-release] (the
 * release after the last '-', as dpkg and rpm parse them); an Alpine version is kept whole, as
 * Trivy's apk analyzer keeps it. An epoch of 0 is not written, as Trivy does not write it.
 */
function sourceProperties(p: Package): Property[] {
  if (p.source === undefined) return [];
  const { epoch, version, release } = p.ecosystem === 'apk' ? { epoch: undefined, version: p.source.version, release: undefined } : splitVersion(p.source.version);
  return [
    { name: 'aquasecurity:trivy:SrcName', value: p.source.name },
    ...(epoch === undefined ? [] : [{ name: 'aquasecurity:trivy:SrcEpoch', value: epoch }]),
    { name: 'aquasecurity:trivy:SrcVersion', value: version },
    ...(release === undefined ? [] : [{ name: 'aquasecurity:trivy:SrcRelease', value: release }]),
  ];
}

function splitVersion(full: string): { epoch: string | undefined; version: string; release: string | undefined } {
  const epochMatch = /^(\d+):(.*)$/.exec(full);
  const epoch = epochMatch?.[1];
  const rest = epochMatch?.[2] ?? full;
  const dash = rest.lastIndexOf('-');
  return {
    epoch: epoch === undefined || /^0+$/.test(epoch) ? undefined : epoch,
    version: dash <= 0 ? rest : rest.slice(0, dash),
    release: dash <= 0 ? undefined : rest.slice(dash + 1),
  };
}
