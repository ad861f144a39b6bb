/**
 * An image without a tag, or tagged `latest`, names whatever was pushed last: the code that runs
 * changes with no change to the manifest, rollbacks return to unknown content, and a compromised
 * registry account reaches production on the next restart. A digest pins the content and passes.
 */
import { defineRule, fail } from '../../core/rule.js';
import { describeContainer } from '../_lib/pod.js';
import { containerImages } from '../_lib/images.js';

export const rule = defineRule({
  id: 'image-tag-latest',
  title: 'Image uses the latest tag or no tag',
  severity: 'medium',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525', 'T1204.003'],
  remediation: 'Reference the image by a specific version tag, or better by digest (name@sha256:...).',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
  ],
  target: 'workload',
  *check({ workload }) {
    for (const { ref, image, parsed, path } of containerImages(workload)) {
      if (parsed === undefined || parsed.digest !== undefined) continue;
      if (parsed.tag === undefined) {
        yield fail(`${describeContainer(ref)} uses image "${image}" without a tag, so it runs whatever "latest" points to`, path);
      } else if (parsed.tag === 'latest') {
        yield fail(`${describeContainer(ref)} uses image "${image}" with the mutable "latest" tag`, path);
      }
    }
  },
});
