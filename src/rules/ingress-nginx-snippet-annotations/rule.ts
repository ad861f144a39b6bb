/**
 * Snippet annotations paste raw NGINX configuration from the Ingress into the controller's
 * nginx.conf. The controller runs with a ServiceAccount that reads every Secret of the cluster, so
 * anyone who may create an Ingress can read files and tokens of the controller through them
 * (CVE-2021-25742), and inject directives that serve or proxy whatever they like.
 */
import { z } from 'zod';
import type { RuleContext, Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { escapeToken } from '../../lib/json-pointer.js';
import { asRecord, asStringMap } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

/** ingress-nginx (under its annotation prefix) and NGINX Inc's controller (nginx.org). */
const INGRESS_NGINX_SNIPPETS = ['configuration-snippet', 'server-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet'];
const NGINX_INC_SNIPPETS = ['nginx.org/server-snippets', 'nginx.org/location-snippets'];

const options = z.object({
  /** ingress-nginx's --annotations-prefix values in use. */
  annotationPrefixes: z.array(z.string()).default(['nginx.ingress.kubernetes.io']),
});
type Options = z.infer<typeof options>;

/**
 * The ingress-nginx controller's ConfigMap switch that lets every Ingress use snippets (the
 * default was true before controller v1.9). Only ingress-nginx reads this key.
 */
function* controllerSettings(configMap: Resource): Generator<Violation> {
  const data = asStringMap(configMap.object.data);
  if (data['allow-snippet-annotations']?.trim().toLowerCase() !== 'true') return;
  yield fail(
    `ConfigMap "${configMap.namespace ?? 'default'}/${configMap.name}" sets allow-snippet-annotations: "true": the ingress-nginx controller reading it accepts raw NGINX configuration from every Ingress author`,
    '/data/allow-snippet-annotations',
  );
}

export const rule = defineRule({
  id: 'ingress-nginx-snippet-annotations',
  title: 'Ingress injects raw NGINX configuration through snippet annotations',
  severity: 'high',
  threats: ['lateral-movement', 'data-exfiltration', 'identity-access'],
  mitre: ['T1552.007', 'T1190'],
  remediation: 'Remove the snippet annotation, use the controller\'s dedicated annotations instead, and keep allow-snippet-annotations disabled in the controller.',
  references: [
    'https://github.com/kubernetes/ingress-nginx/issues/7837',
    'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#configuration-snippet',
  ],
  options,
  target: { kinds: ['ConfigMap', 'Ingress'] },
  *check(resource: Resource, { options: { annotationPrefixes } }: RuleContext<Options>) {
    if (resource.kind === 'ConfigMap') {
      yield* controllerSettings(resource);
      return;
    }
    const ingress = resource;
    const snippets = new Set([...annotationPrefixes.flatMap((prefix) => INGRESS_NGINX_SNIPPETS.map((name) => `${prefix}/${name}`)), ...NGINX_INC_SNIPPETS]);
    const annotations = asStringMap(asRecord(ingress.object.metadata)?.annotations);
    const name = `Ingress "${ingress.namespace ?? 'default'}/${ingress.name}"`;
    for (const key of Object.keys(annotations).sort()) {
      if (!snippets.has(key)) continue;
      yield fail(`${name} injects raw NGINX configuration through the annotation ${key}, which can expose the controller's credentials and every Secret it reads (CVE-2021-25742)`, `/metadata/annotations/${escapeToken(key)}`);
    }
  },
});
