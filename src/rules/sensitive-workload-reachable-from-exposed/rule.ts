/**
 * The lateral-movement step after an initial foothold: an internet-exposed workload (behind a
 * LoadBalancer/NodePort Service, an Ingress or Route, or a hostPort) that can open connections to a
 * sensitive one (control plane namespace, database, pod mounting Secrets, configured crown jewel).
 * Reachability is the netpol engine's verdict between the two classes of pods: the exposed pod's
 * egress and the sensitive pod's ingress, admin tiers included. The exposed workloads are found
 * once per scan.
 */
import { z } from 'zod';
import type { RuleContext, WorkloadSubject } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { EndpointClass } from '../../graph/netpol/analysis.js';
import { exposedWorkloads, scanNetpol, sensitivityOf, type ExposedWorkload } from '../../graph/netpol/findings/index.js';

// The shape of the top-level `crownJewels` setting (loose like it: it serves attack-path analysis too).
const crownJewel = z.looseObject({
  kind: z.string().min(1).max(253).optional().meta({ description: 'Glob over the workload kind (case-insensitive).' }),
  namespace: z.string().min(1).max(253).optional().meta({ description: 'Glob over the namespace.' }),
  name: z.string().min(1).max(253).optional().meta({ description: 'Glob over the workload name.' }),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'Labels the pod template (or the object) must carry.' }),
});

const options = z.strictObject({
  namespaces: z.array(z.string().min(1)).default(['kube-system']).meta({ description: 'Namespaces whose every workload is sensitive.' }),
  crownJewels: z
    .array(crownJewel)
    .default([])
    .meta({ description: 'Workloads that are sensitive whatever they run; defaults to the top-level crownJewels setting. Pods labelled palisade.dev/crown-jewel: "true" always are.' }),
});
type Options = z.output<typeof options>;

/** How many exposed sources a message names before counting the rest. */
const SHOWN = 3;

export const rule = defineRule<Options>({
  id: 'sensitive-workload-reachable-from-exposed',
  title: 'Sensitive workload reachable from an internet-exposed workload',
  severity: 'high',
  threats: ['lateral-movement', 'data-exfiltration', 'network-security'],
  mitre: ['T1210', 'T1046'],
  remediation: 'Admit ingress to the sensitive workload only from the pods that need it, and keep internet-facing workloads out of that list or restrict their egress.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  options,
  target: 'workload',
  *check(subject: WorkloadSubject, { index, options: settings }: RuleContext<Options>) {
    const scan = scanNetpol(index);
    const target = scan?.endpointOf(subject.resource);
    if (scan === undefined || target === undefined) return;
    const reasons = sensitivityOf(target, settings);
    if (reasons.length === 0) return;
    const exposed = scan.memo('exposed-by-class', () => {
      const byClass = new Map<EndpointClass, ExposedWorkload[]>();
      for (const e of exposedWorkloads(scan.analysis, index.resources)) {
        const list = byClass.get(e.endpoint.cls);
        if (list === undefined) byClass.set(e.endpoint.cls, [e]);
        else list.push(e);
      }
      return byClass;
    });
    // Workloads of one class are reached alike: the sources that reach a class are listed (and
    // sorted) once per class, so each sensitive workload of it only skips itself among them.
    const reaching = scan.memo(`exposed-reaching|${target.cls.id}`, () => {
      const sources: { readonly endpoint: ExposedWorkload['endpoint']; readonly text: string }[] = [];
      const perEndpoint = new Map<ExposedWorkload['endpoint'], number>();
      for (const [cls, members] of exposed) {
        const conns = scan.analysis.allowed(cls, target.cls);
        if (conns.isEmpty()) continue;
        const text = conns.toString();
        for (const m of members) {
          sources.push({ endpoint: m.endpoint, text: `${m.endpoint.key} (${m.how}) on ${text}` });
          perEndpoint.set(m.endpoint, (perEndpoint.get(m.endpoint) ?? 0) + 1);
        }
      }
      sources.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      return { sources, perEndpoint };
    });
    const count = reaching.sources.length - (reaching.perEndpoint.get(target) ?? 0);
    if (count === 0) return;
    const shown: string[] = [];
    for (const source of reaching.sources) {
      if (shown.length === SHOWN) break;
      if (source.endpoint !== target) shown.push(source.text);
    }
    const more = count > SHOWN ? `; and ${String(count - SHOWN)} more` : '';
    yield fail(
      `${subject.resource.kind} "${subject.resource.name}" is sensitive (${reasons.join('; ')}) and internet-exposed workloads can reach it: ${shown.join('; ')}${more}`,
      subject.workload.podMetaPath,
    );
  },
});
