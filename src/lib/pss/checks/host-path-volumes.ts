/** Baseline "HostPath Volumes": hostPath volumes are forbidden. */
import type { CheckDefinition } from '../check.js';
import { joinQuote, pluralize } from '../go-format.js';
import { asArray, asRecord, stringField } from '../pod-view.js';

export const hostPathVolumes: CheckDefinition = {
  id: 'hostPathVolumes',
  level: 'baseline',
  control: 'HostPath Volumes',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const names: string[] = [];
        const paths: string[] = [];
        asArray(pod.spec.volumes).forEach((value, index) => {
          const volume = asRecord(value);
          if (asRecord(volume?.hostPath) === undefined) return;
          names.push(stringField(volume, 'name'));
          paths.push(`/spec/volumes/${index}/hostPath`);
        });
        if (names.length === 0) return undefined;
        return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths };
      },
    },
  ],
};
