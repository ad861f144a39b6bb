/**
 * With a mutable reference (any tag without a digest), a pull policy other than Always lets each
 * node run whatever it cached under that tag: nodes disagree on the code, a fixed image is not
 * picked up, and pods on the node can start a cached private image without its pull credentials.
 * The API defaults the policy to Always only for `latest` or untagged references.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asString } from '../../lib/k8s/values.js';
import { effectiveTag } from '../../lib/image-ref.js';
import { containerImages } from '../_lib/images.js';
import { describeContainer } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'image-pull-policy',
  title: 'Mutable image tag without imagePullPolicy Always',
  severity: 'low',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525'],
  remediation: 'Set imagePullPolicy: Always for images referenced by tag, or reference the image by digest.',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
    'https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting',
  ],
  target: 'workload',
  *check({ workload }) {
    for (const { ref, image, parsed, path } of containerImages(workload)) {
      if (parsed === undefined || parsed.digest !== undefined) continue;
      const written = asString(ref.container.imagePullPolicy);
      if (written === 'Always') continue;
      const policyPath = pointer(ref.path, 'imagePullPolicy');
      if (written !== undefined) {
        yield fail(`${describeContainer(ref)} pulls the mutable tag "${image}" with imagePullPolicy ${written}: nodes may run a stale cached image`, policyPath);
        continue;
      }
      // The API server's default: Always for `latest` (or no tag), IfNotPresent for any other tag.
      if (effectiveTag(parsed) === 'latest') continue;
      yield fail(`${describeContainer(ref)} pulls the mutable tag "${image}" with the default imagePullPolicy IfNotPresent: nodes may run a stale cached image`, path);
    }
  },
});
