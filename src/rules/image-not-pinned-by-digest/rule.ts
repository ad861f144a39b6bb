/**
 * Every tag can be moved to different content; only a digest names exactly the image that was
 * reviewed and scanned. A warning: pinning by digest is a practice, not a misconfiguration.
 */
import { defineRule, warn } from '../../core/rule.js';
import { describeContainer } from '../_lib/pod.js';
import { containerImages } from '../_lib/images.js';

export const rule = defineRule({
  id: 'image-not-pinned-by-digest',
  title: 'Image is not pinned by digest',
  severity: 'low',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525', 'T1195.002'],
  remediation: 'Reference the image by digest (name@sha256:...), letting a tool such as Renovate or kustomize images update it.',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests',
  ],
  target: 'workload',
  *check({ workload }) {
    for (const { ref, image, parsed, path } of containerImages(workload)) {
      if (parsed === undefined) {
        const why = image.includes('@') ? ' (a malformed digest pins nothing)' : ': the runtime cannot pull it, and nothing pins its content';
        yield warn(`${describeContainer(ref)} uses "${image}", which is not a valid image reference${why}`, path);
        continue;
      }
      if (parsed.digest !== undefined) continue;
      yield warn(`${describeContainer(ref)} uses image "${image}" by tag, not by digest: the tag can be moved to different content`, path);
    }
  },
});
