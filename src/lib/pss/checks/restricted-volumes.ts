/**
 * Restricted "Volume Types": only ephemeral and API-projected volume sources and claims. Replaces
 * the baseline hostPath check at the restricted level.
 */
import type { CheckDefinition } from '../check.js';
import { joinQuote, pluralize, sortedSet } from '../go-format.js';
import { asArray, asRecord, stringField, type Json } from '../pod-view.js';

const ALLOWED_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** In upstream's order: the first one a volume sets names its type in the message. */
const RESTRICTED_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder',
  'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

function sets(volume: Json, source: string): boolean {
  return asRecord(volume[source]) !== undefined;
}

/** The restricted type a volume uses, or undefined when it is allowed. */
function restrictedTypeOf(volume: Json): string | undefined {
  if (ALLOWED_SOURCES.some((source) => sets(volume, source))) return undefined;
  const known = RESTRICTED_SOURCES.find((source) => sets(volume, source));
  if (known !== undefined) return known;
  // No source at all: the API server defaults the volume to emptyDir before admission sees it.
  // Some other key: a source this policy does not know, which upstream reports as "unknown".
  const others = Object.keys(volume).filter((key) => key !== 'name' && volume[key] !== null && volume[key] !== undefined);
  return others.length === 0 ? undefined : 'unknown';
}

export const restrictedVolumes: CheckDefinition = {
  id: 'restrictedVolumes',
  level: 'restricted',
  control: 'Volume Types',
  versions: [
    {
      minimumMinor: 0,
      overrides: ['hostPathVolumes'],
      check: (pod) => {
        const names: string[] = [];
        const types: string[] = [];
        const paths: string[] = [];
        asArray(pod.spec.volumes).forEach((value, index) => {
          const volume = asRecord(value);
          if (volume === undefined) return;
          const type = restrictedTypeOf(volume);
          if (type === undefined) return;
          names.push(stringField(volume, 'name'));
          types.push(type);
          paths.push(type === 'unknown' ? `/spec/volumes/${index}` : `/spec/volumes/${index}/${type}`);
        });
        if (names.length === 0) return undefined;
        const distinct = sortedSet(types);
        return {
          reason: 'restricted volume types',
          detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', distinct.length)} ${joinQuote(distinct)}`,
          paths,
        };
      },
    },
  ],
};
