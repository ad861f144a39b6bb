/**
 * A PersistentVolume of type hostPath hands a directory of whichever node the pod lands on to any
 * claim that binds it. Pod-level hostPath controls (Pod Security, admission policies) do not see
 * it: the pod only names a PersistentVolumeClaim.
 */
import { defineRule, fail } from '../../core/rule.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

export const rule = defineRule({
  id: 'persistent-volume-host-path',
  title: 'PersistentVolume exposes a node directory (hostPath)',
  severity: 'high',
  threats: ['host-compromise', 'data-exfiltration'],
  mitre: ['T1611', 'T1006'],
  remediation: 'Replace the hostPath PersistentVolume with a local volume with node affinity or a networked storage class, and restrict who may create hostPath PersistentVolumes.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#types-of-persistent-volumes',
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  ],
  target: { kinds: ['PersistentVolume'] },
  *check(volume: Resource) {
    const hostPath = asRecord(asRecord(volume.object.spec)?.hostPath);
    if (hostPath === undefined) return;
    const path = asString(hostPath.path) ?? '?';
    const claim = asRecord(asRecord(volume.object.spec)?.claimRef);
    const bound = claim === undefined ? 'any claim that matches it' : `the claim ${asString(claim.namespace) ?? '?'}/${asString(claim.name) ?? '?'}`;
    yield fail(`PersistentVolume "${volume.name}" is a hostPath volume on node path ${path}: ${bound} gets that directory of the node, out of sight of pod-level hostPath controls`, '/spec/hostPath');
  },
});
