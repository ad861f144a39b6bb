/**
 * Baseline "Host Probes / Lifecycle Hooks" (v1.34+): probes and lifecycle handlers may not name a
 * `host`, which would let the kubelet be pointed at arbitrary addresses (an SSRF from the node).
 */
import { containersPhrase, type CheckDefinition } from '../check.js';
import { joinQuote, pluralize, sortedSet } from '../go-format.js';
import { asRecord, asString, type ContainerView } from '../pod-view.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
// tcpSocket is not a supported lifecycle handler, but the API keeps the field, so it is checked too.
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

function hostsOf(handler: unknown, path: string, hosts: string[], paths: string[]): void {
  const record = asRecord(handler);
  for (const kind of HANDLERS) {
    const host = asString(asRecord(record?.[kind])?.host);
    if (host === undefined || host === '') continue;
    hosts.push(host);
    paths.push(`${path}/${kind}/host`);
  }
}

function containerHosts(container: ContainerView, hosts: string[], paths: string[]): void {
  for (const probe of PROBES) hostsOf(container.fields[probe], `${container.path}/${probe}`, hosts, paths);
  const lifecycle = asRecord(container.fields.lifecycle);
  for (const hook of HOOKS) hostsOf(lifecycle?.[hook], `${container.path}/lifecycle/${hook}`, hosts, paths);
}

export const hostProbesAndHostLifecycle: CheckDefinition = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  control: 'Host Probes / Lifecycle Hooks',
  versions: [
    {
      minimumMinor: 34,
      check: (pod) => {
        const badContainers: string[] = [];
        const hosts: string[] = [];
        const paths: string[] = [];
        for (const container of pod.containers) {
          const before = hosts.length;
          containerHosts(container, hosts, paths);
          if (hosts.length > before) badContainers.push(container.name);
        }
        if (badContainers.length === 0) return undefined;
        // Upstream collects both containers and hosts in sets: sorted and de-duplicated.
        const containers = sortedSet(badContainers);
        const distinctHosts = sortedSet(hosts);
        return {
          reason: 'probe or lifecycle host',
          detail: `${containersPhrase(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinctHosts.length)} ${joinQuote(distinctHosts)}`,
          paths,
        };
      },
    },
  ],
};
