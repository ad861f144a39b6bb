/**
 * Builds the attack graph from the whole model: workloads and their pods (netpol engine grouping),
 * the RBAC escalation graph, escape vectors, token mounts, internet exposure and network reach
 * (netpol engine, per equivalence class so no pod pair is ever materialised), and exploitable
 * vulnerabilities. Every edge carries its evidence, the findings behind it and its fixes.
 */
import type { ImageVulnerabilities } from '../../model/attack.js';
import type { Finding } from '../../model/finding.js';
import type { Resource } from '../../model/resource.js';
import { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import { where } from './locate.js';
import { Analysis } from '../netpol/analysis.js';
import { buildCluster } from '../netpol/cluster.js';
import { scanNetpol } from '../netpol/findings/index.js';
import type { ConnectionSet } from '../netpol/connections.js';
import { buildEscalationGraph } from '../rbac/escalation/build.js';
import { ALL_NODES, nodeNode, podsHub } from '../rbac/escalation/edges.js';
import { buildInventory } from '../rbac/inventory.js';
import { rbacIndexOf } from '../rbac/risks/outcomes.js';
import { serviceAccountUser } from '../rbac/subjects.js';
import { escapeEvidence, escapeFacts, escapeProbability } from './escape.js';
import { declaredPorts, exposureSources, ingressReach } from './exposure.js';
import { FindingLookup } from './findings.js';
import { denyIngressFix, disableAutomountFix, dropPrivilegeFix, restrictExposureFix, upgradeFix } from './fixes.js';
import { AttackGraph } from './graph.js';
import { addMountedSecrets, tokenSecretsOf, type TokenSecrets } from './mounted-secrets.js';
import { projectedTokens } from './mounts.js';
import { hostOfId, INTERNET, netInId, netOutId, OPEN_EGRESS, vulnerableId } from './ids.js';
import { hasOpenEgress, NetworkReach } from './network-reach.js';
import { importRbac } from './rbac-import.js';
import { exploitProbability, imageKey, rceByImage, type Vulnerability } from './vulns.js';
import { workloadInfos, type WorkloadInfo } from './workloads.js';
import { groupBy } from '../../lib/group-by.js';

export interface AttackInput {
  readonly resources: readonly Resource[];
  /** Built from `resources` when absent. */
  readonly index?: ResourceIndex;
  /** The scan's findings: linked to the steps they justify. */
  readonly findings?: readonly Finding[];
  /** Vulnerabilities per image, when images were scanned. */
  readonly vulnerabilities?: readonly ImageVulnerabilities[];
}

export interface BuiltGraph {
  readonly graph: AttackGraph;
  readonly workloads: readonly WorkloadInfo[];
  readonly pods: number;
}

const TOKEN_RULES = ['service-account-token-automount', 'service-account-automount', 'default-service-account'];
const NETWORK_RULES = ['workload-reachable-from-all-namespaces'];
const NAMESPACE_NETWORK_RULES = ['namespace-without-network-policy', 'namespace-without-default-deny'];

export function buildAttackGraph(input: AttackInput): BuiltGraph {
  const resources = input.resources;
  const index = input.index ?? new ResourceIndex(resources);
  const findings = new FindingLookup(input.findings ?? []);
  // In a scan the rules have already analysed the network and indexed RBAC for this index: reuse
  // both rather than build them twice (time, and hundreds of MB on large inputs).
  const analysis = scanNetpol(index)?.analysis ?? new Analysis(buildCluster(resources));
  const infos = workloadInfos(analysis, index);
  const graph = new AttackGraph();
  graph.addNode({ id: INTERNET, kind: 'internet', label: 'the internet (any address outside the cluster)' });
  // With the default roles (cluster-admin, admin, edit, view) bindings refer to, as a cluster has them.
  const rbac = rbacIndexOf(index);
  const inventory = buildInventory(resources);
  importRbac(graph, buildEscalationGraph(rbac, inventory), resources, findings);
  const tokens = tokenSecretsOf(inventory.tokenSecrets);
  for (const info of infos) addWorkload(graph, info, findings, tokens);
  addHostCompromise(graph, infos);
  addExploits(graph, infos, input.vulnerabilities ?? [], findings, analysis, index, resources);
  const pods = infos.reduce((n, i) => n + (i.replicas ?? 1), 0);
  return { graph, workloads: infos, pods };
}

function addWorkload(graph: AttackGraph, info: WorkloadInfo, findings: FindingLookup, tokens: TokenSecrets): void {
  graph.addNode({ id: info.id, kind: 'workload', label: `${info.resource.kind} ${info.namespace}/${info.resource.name}`, namespace: info.namespace, resource: { apiVersion: info.resource.apiVersion, kind: info.resource.kind, namespace: info.namespace, name: info.resource.name }, ...(info.replicas === undefined ? {} : { replicas: info.replicas }) });
  const sa = serviceAccountUser(info.namespace, info.serviceAccount);
  if (info.automountToken) {
    const automountExplanation = `read the token of ServiceAccount ${info.serviceAccount} mounted at /var/run/secrets/kubernetes.io/serviceaccount in the pods of ${info.resource.kind} ${info.resource.name}`;
    graph.addNode({ id: sa, kind: 'serviceaccount', label: sa });
    graph.addEdge({
      from: info.id,
      to: sa,
      kind: 'token-theft',
      explanation: automountExplanation,
      located: () => `${automountExplanation} (${automountWhy(info)})`,
      evidence: { serviceAccount: `${info.namespace}/${info.serviceAccount}` },
      findingIds: findings.on(info.resource, TOKEN_RULES),
      fixIds: [graph.addFix(disableAutomountFix(info))],
      probability: 1,
    });
  }
  addProjectedTokens(graph, info, findings);
  addMountedSecrets(graph, info, findings, tokens);
  const facts = escapeFacts(info.template);
  if (facts.length === 0) return;
  const target = info.nodeName === undefined ? hostOfId(info.id) : nodeNode(info.nodeName);
  graph.addNode(info.nodeName === undefined ? { id: target, kind: 'node', label: `the node running ${info.resource.kind} ${info.namespace}/${info.resource.name}` } : { id: target, kind: 'node', label: `node ${info.nodeName}` });
  const fix = dropPrivilegeFix(info, facts);
  graph.addEdge({
    from: info.id,
    to: target,
    kind: 'escape',
    explanation: `break out of the container onto its node: ${facts.map((f) => f.detail).join('; ')}`,
    located: () => `break out of the container onto its node: ${facts.map((f) => `${f.detail} (${where(info.resource, f.path)})`).join('; ')}`,
    evidence: { ...escapeEvidence(facts), ...(info.nodeName === undefined ? {} : { nodeName: info.nodeName }) },
    findingIds: findings.on(info.resource, [...new Set(facts.flatMap((f) => f.ruleIds))]),
    fixIds: fix === undefined ? [] : [graph.addFix(fix)],
    probability: escapeProbability(facts),
  });
}

/**
 * A projected serviceAccountToken volume is the ServiceAccount's credential whatever automount
 * says. The step has no fix: the pod asked for that token on purpose, so the cut has to remove
 * what the ServiceAccount is granted or stop the attacker before the workload.
 */
function addProjectedTokens(graph: AttackGraph, info: WorkloadInfo, findings: FindingLookup): void {
  const projected = projectedTokens(info.template);
  if (projected.length === 0) return;
  const sa = serviceAccountUser(info.namespace, info.serviceAccount);
  graph.addNode({ id: sa, kind: 'serviceaccount', label: sa });
  graph.addEdge({
    from: info.id,
    to: sa,
    kind: 'token-theft',
    explanation: `read the token of ServiceAccount ${info.serviceAccount} that the pods of ${info.resource.kind} ${info.resource.name} project (${projected.map((p) => `volume ${p.volume} of container ${p.container}, ${p.path}`).join('; ')})`,
    located: () => `read the token of ServiceAccount ${info.serviceAccount} that the pods of ${info.resource.kind} ${info.resource.name} project (${projected.map((p) => `volume ${p.volume} of container ${p.container}, ${p.path} at ${where(info.resource, p.path)}`).join('; ')})`,
    evidence: { serviceAccount: `${info.namespace}/${info.serviceAccount}` },
    findingIds: findings.on(info.resource, TOKEN_RULES),
    probability: 1,
  }, 'projected');
}

/**
 * Root on a node is code execution in every pod on it. Which pods share a node is known only for
 * pods pinned by nodeName and for DaemonSets (one pod on every node); the scheduler decides the rest.
 */
function addHostCompromise(graph: AttackGraph, infos: readonly WorkloadInfo[]): void {
  const daemonSets = infos.filter((i) => i.resource.kind === 'DaemonSet');
  const byNode = groupBy(infos.filter((i) => i.nodeName !== undefined), (i) => i.nodeName);
  const hostEdge = (from: string, to: WorkloadInfo, why: string): void => {
    graph.addEdge({ from, to: to.id, kind: 'host-compromise', explanation: `as root on the node, run code in the pods of ${to.resource.kind} ${to.namespace}/${to.resource.name} (${why})`, evidence: to.nodeName === undefined ? {} : { nodeName: to.nodeName }, probability: 1 });
  };
  for (const [id, node] of graph.nodes) {
    if (node.kind !== 'node' || id === ALL_NODES) continue;
    const pinned = id.startsWith('node:') ? (byNode.get(id.slice(5)) ?? []) : [];
    for (const other of pinned) hostEdge(id, other, `pinned to node ${other.nodeName ?? ''}`);
    for (const ds of daemonSets) hostEdge(id, ds, 'a DaemonSet runs a pod on every node');
  }
  if (graph.nodes.has(ALL_NODES)) for (const info of infos) hostEdge(ALL_NODES, info, 'every node is compromised');
  // Exec into any pod of a namespace (RBAC) is code execution in its workloads too.
  for (const info of infos) {
    const hub = podsHub(info.namespace);
    if (graph.nodes.has(hub)) graph.addEdge({ from: hub, to: info.id, kind: 'member', explanation: `a pod of ${info.resource.kind} ${info.namespace}/${info.resource.name}`, evidence: {}, probability: 1 });
  }
}

/** Where the pod spec decides that the token is mounted. */
function automountWhy(info: WorkloadInfo): string {
  const path = `${info.template.podSpecPath}/automountServiceAccountToken`;
  if (!info.automountByDefault) return `automountServiceAccountToken: true at ${where(info.resource, path)}`;
  return `automountServiceAccountToken is not set in the pod spec at ${where(info.resource, info.template.podSpecPath)}, and ServiceAccount ${info.serviceAccount} does not turn it off`;
}

/** The lines of the containers that run an image (written as the scan named it or otherwise). */
function imageWhere(info: WorkloadInfo, scanned: string): string {
  const key = imageKey(scanned);
  const refs = info.template.containers.filter((c) => c.kind === 'containers' && typeof c.container.image === 'string' && imageKey(c.container.image) === key);
  return refs.map((c) => `container ${c.name} at ${where(info.resource, `${c.path}/image`)}`).join(', ');
}

function imagesOf(info: WorkloadInfo): string[] {
  return [...new Set(info.template.containers.filter((c) => c.kind === 'containers').map((c) => c.container.image).filter((i): i is string => typeof i === 'string'))];
}

function addExploits(graph: AttackGraph, infos: readonly WorkloadInfo[], input: readonly ImageVulnerabilities[], findings: FindingLookup, analysis: Analysis, index: ResourceIndex, resources: readonly Resource[]): void {
  const rce = rceByImage(input);
  if (rce.size === 0) return;
  const targets: { info: WorkloadInfo; netFix: string | undefined }[] = [];
  let reach: Map<string, ConnectionSet> | undefined;
  const ingresses = resources.filter((r) => (r.kind === 'Ingress' && r.apiVersion.startsWith('networking.k8s.io/')) || r.kind === 'Route');
  for (const info of infos) {
    // Keyed by the scanned name: one image written two ways in pod specs is one rebuild.
    const vulnerable = new Map<string, Vulnerability[]>();
    for (const image of imagesOf(info)) {
      const found = rce.get(imageKey(image));
      if (found !== undefined) vulnerable.set(found.image, found.vulnerabilities);
    }
    if (vulnerable.size === 0) continue;
    const node = vulnerableId(info.id);
    graph.addNode({ id: node, kind: 'vulnerable-service', label: `the exposed service of ${info.resource.kind} ${info.namespace}/${info.resource.name} (${[...vulnerable.keys()].join(', ')})`, namespace: info.namespace });
    for (const [image, vulns] of vulnerable) {
      const fix = upgradeFix(image, vulns);
      graph.addEdge({
        from: node,
        to: info.id,
        kind: 'exploit',
        explanation: `exploit ${vulns.map((v) => v.id).join(', ')} in image ${image} to run code in the pods of ${info.resource.kind} ${info.resource.name}`,
        located: () => `exploit ${vulns.map((v) => v.id).join(', ')} in image ${image} to run code in the pods of ${info.resource.kind} ${info.resource.name} (${imageWhere(info, image)})`,
        evidence: { vulnerabilities: vulns.map((v) => ({ id: v.id, package: v.package, image, ...(v.severity === undefined ? {} : { severity: v.severity }) })) },
        findingIds: findings.ofRulesNamed(vulns.map((v) => v.id), image),
        fixIds: fix === undefined ? [] : [graph.addFix(fix)],
        probability: exploitProbability(vulns),
      }, image);
    }
    const netFix = denyIngressFix(info);
    const netFixId = netFix === undefined ? undefined : graph.addFix(netFix);
    targets.push({ info, netFix: netFixId });
    reach ??= ingressReach(resources, analysis);
    for (const source of exposureSources(info, analysis, index, reach, ingresses)) {
      const fixIds = [graph.addFix(restrictExposureFix(source)), ...(source.policed && netFixId !== undefined ? [netFixId] : [])];
      graph.addEdge({
        from: 'internet',
        to: node,
        kind: 'network',
        explanation: `connect from the internet to ${info.resource.kind} ${info.namespace}/${info.resource.name} on ${source.conns.toString()} through ${source.label}`,
        located: () => `connect from the internet to ${info.resource.kind} ${info.namespace}/${info.resource.name} on ${source.conns.toString()} through ${source.label} (${where(source.object, source.path)})`,
        evidence: { ports: source.conns.toString(), exposure: [source.label] },
        findingIds: findings.on(source.object, source.ruleIds),
        fixIds,
        probability: 1,
      }, source.label);
    }
  }
  addNetworkReach(graph, infos, targets, findings, analysis);
}

/**
 * Workload-to-workload reach into vulnerable services, per equivalence class: every workload joins
 * the egress hub of its class (or the shared hub of classes whose egress is open); an egress hub
 * links to an ingress hub (class of the target, its declared ports) when the policies allow a
 * connection; the ingress hub leads to the services. No pair of pods is ever listed.
 */
function addNetworkReach(graph: AttackGraph, infos: readonly WorkloadInfo[], targets: readonly { info: WorkloadInfo; netFix: string | undefined }[], findings: FindingLookup, analysis: Analysis): void {
  if (targets.length === 0) return;
  const classes = new Map<number, WorkloadInfo['endpoint']['cls']>();
  for (const info of infos) classes.set(info.endpoint.cls.id, info.endpoint.cls);
  const reach = new NetworkReach(analysis, [...classes.values()]);
  const outHub = (cls: WorkloadInfo['endpoint']['cls'] | undefined): string => (cls === undefined ? OPEN_EGRESS : netOutId(cls.id));
  const linked = new Set<string>();
  for (const { info, netFix } of targets) {
    const ports = declaredPorts(info);
    const inHub = netInId(info.endpoint.cls.id, ports.toString());
    if (!graph.nodes.has(inHub)) {
      graph.addNode({ id: inHub, kind: 'network', label: `pods that can open ${ports.toString()} to network class ${info.endpoint.cls.id}` });
      for (const { src, conns: allowed } of reach.into(info.endpoint.cls)) {
        const conns = allowed.intersect(ports);
        if (conns.isEmpty()) continue;
        const from = outHub(src);
        linked.add(from);
        graph.addNode({ id: from, kind: 'network', label: src === undefined ? 'pods whose egress no policy restricts' : `pods of network class ${src.id}` });
        graph.addEdge({ from, to: inHub, kind: 'network', explanation: `the network policies allow ${conns.toString()}`, evidence: { ports: conns.toString() }, probability: 1 });
      }
    }
    graph.addEdge({
      from: inHub,
      to: vulnerableId(info.id),
      kind: 'network',
      explanation: `reach the pods of ${info.resource.kind} ${info.namespace}/${info.resource.name}`,
      evidence: {},
      findingIds: [...findings.on(info.resource, NETWORK_RULES), ...findings.on({ apiVersion: 'v1', kind: 'Namespace', name: namespaceOf(info.resource) }, NAMESPACE_NETWORK_RULES)],
      fixIds: netFix === undefined ? [] : [netFix],
      probability: 1,
    });
  }
  for (const info of infos) {
    const hubs = [netOutId(info.endpoint.cls.id), ...(hasOpenEgress(info.endpoint.cls) && !analysisHasAdmin(analysis) ? [OPEN_EGRESS] : [])];
    for (const hub of hubs) if (linked.has(hub)) graph.addEdge({ from: info.id, to: hub, kind: 'member', explanation: 'open connections from its pods', evidence: {}, probability: 1 });
  }
}

function analysisHasAdmin(analysis: Analysis): boolean {
  return analysis.cluster.admin.length > 0 || analysis.cluster.baseline !== undefined;
}
