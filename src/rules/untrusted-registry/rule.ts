/**
 * Images must come from registries the organisation controls or trusts. Bare names resolve to
 * Docker Hub, as the container runtime resolves them. Until the allow-list is configured the rule
 * cannot judge anything and reports `skip`.
 */
import { z } from 'zod';
import { defineRule, fail, skip } from '../../core/rule.js';
import { describeContainer } from '../_lib/pod.js';
import { containerImages } from '../_lib/images.js';
import { DOCKER_HUB } from '../../lib/image-ref.js';
import { allowListEntry, isAllowed } from './allow-list.js';

const options = z.object({
  /**
   * Trusted registries: a host (`registry.example.com`, `localhost:5000`), a host and path prefix
   * (`ghcr.io/my-org`), or `*.example.com` for every subdomain. `docker.io` means Docker Hub.
   */
  registries: z.array(z.string().trim().min(1)).default([]),
});

export const rule = defineRule({
  id: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  severity: 'high',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525', 'T1204.003', 'T1195.002'],
  remediation: 'Pull the image from one of the trusted registries (mirror it there), or add its registry to rules.untrusted-registry.options.registries after vetting it.',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf',
  ],
  options,
  target: 'workload',
  *check({ workload }, { options: { registries } }) {
    if (registries.length === 0) {
      yield skip('no trusted registries configured (rules.untrusted-registry.options.registries)');
      return;
    }
    const allowed = registries.map(allowListEntry);
    for (const { ref, image, parsed, path } of containerImages(workload)) {
      const who = describeContainer(ref);
      if (parsed === undefined) {
        yield fail(`${who} has an invalid image reference "${image}", so its registry cannot be checked`, path);
        continue;
      }
      if (isAllowed(parsed, allowed)) continue;
      const implicit = !parsed.explicitRegistry && parsed.registry === DOCKER_HUB ? ' (Docker Hub, where names without a registry resolve)' : '';
      yield fail(`${who} pulls "${image}" from ${parsed.registry}${implicit}, which is not a trusted registry`, path);
    }
  },
});
