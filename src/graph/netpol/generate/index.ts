/**
 * `netpol generate`: least-privilege NetworkPolicies from the connections an application needs,
 * read from its manifests (Services named in env) or from observed traffic.
 */
import yaml from 'js-yaml';
import type { Resource } from '../../../model/resource.js';
import { DEFAULT_NAMESPACE } from '../../../lib/k8s/kinds.js';
import { buildCluster } from '../cluster.js';
import { needsFromManifests } from './manifest-needs.js';
import { needsFromObserved } from './observed-needs.js';
import { distinctNeeds, type Exposure, type GenerateWarning, type Need } from './needs.js';
import { generatePolicies, type PolicyObject } from './policies.js';
import { chooseSelectors } from './selectors.js';

export { GENERATED_FROM_ANNOTATION, UNMANAGED_NAMESPACES, DNS, type PolicyObject } from './policies.js';
export type { Exposure, GenerateWarning, Need } from './needs.js';
export { referencesIn, type ServiceReference } from './env-references.js';

export interface Generated {
  readonly policies: readonly PolicyObject[];
  /** The connections the policies allow (besides DNS), deduplicated. */
  readonly needs: readonly Need[];
  /** Workload ports opened to the outside (LoadBalancer and NodePort Services; manifests only). */
  readonly exposures: readonly Exposure[];
  readonly warnings: readonly GenerateWarning[];
}

export type NeedSource = { readonly kind: 'manifests' } | { readonly kind: 'observed'; readonly text: string; readonly file: string };

export function generateNetworkPolicies(resources: readonly Resource[], source: NeedSource): Generated {
  const cluster = buildCluster(resources);
  const { byWorkload, warnings: selectorWarnings } = chooseSelectors(cluster.workloads);
  let needs: Need[];
  let exposures: Exposure[] = [];
  let warnings: GenerateWarning[] = [];
  let generatedFrom: string;
  if (source.kind === 'manifests') {
    ({ needs, exposures, warnings } = needsFromManifests(resources, cluster.workloads));
    generatedFrom = 'manifests: Service references in container env';
  } else {
    needs = needsFromObserved(source.text, source.file, cluster.workloads);
    generatedFrom = `observed-connections: ${source.file}`;
  }
  const namespaces = [
    ...cluster.workloads.map((w) => w.namespace),
    ...resources.filter((r) => r.kind === 'Namespace').map((r) => r.name || DEFAULT_NAMESPACE),
  ];
  const policies = generatePolicies({ needs, exposures, namespaces, selectors: byWorkload, generatedFrom });
  const kept = distinctNeeds(needs).filter((n) => byWorkload.has(n.src) && byWorkload.has(n.dst));
  return { policies, needs: kept, exposures: exposures.filter((e) => byWorkload.has(e.dst)), warnings: [...selectorWarnings, ...warnings] };
}

/**
 * One YAML document per policy, in generation order, no comments. js-yaml rather than the yaml
 * package: it writes the same text several times faster, which matters for thousands of policies.
 */
export function policiesToYaml(policies: readonly PolicyObject[]): string {
  return policies.map((p) => `---\n${yaml.dump(p, { lineWidth: -1, noRefs: true })}`).join('');
}
