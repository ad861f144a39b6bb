/** Generated inputs for the connectivity picture tests: namespaces of tiered apps, an internet-facing edge, databases. */
export function tieredCluster(namespaces: number, appsPerNamespace: number): string {
  const docs: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    for (let a = 0; a < appsPerNamespace; a++) {
      const tier = a % 3 === 0 ? 'web' : a % 3 === 1 ? 'api' : 'db';
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: ${tier}-${a}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${tier}-${a}, tier: ${tier}}}
    spec: {containers: [{name: c, image: registry.example.com/${tier}:1, ports: [{name: http, containerPort: 8080}]}]}`);
    }
    // web takes the internet, api takes web (and the next namespace's web), db takes api.
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${ns}}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {tier: web}}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 8080}]}]
  egress: [{to: [{podSelector: {matchLabels: {tier: api}}}, {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-${(n + 1) % namespaces}}}, podSelector: {matchLabels: {tier: api}}}], ports: [{port: http}]}]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {tier: api}}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{podSelector: {matchLabels: {tier: web}}}, {namespaceSelector: {}, podSelector: {matchLabels: {tier: web}}}], ports: [{port: 8080}]}]
  egress: [{to: [{podSelector: {matchLabels: {tier: db}}}], ports: [{port: 5432}, {port: 8080}]}]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {tier: db}}
  ingress: [{from: [{podSelector: {matchLabels: {tier: api}}}], ports: [{port: 8080}]}]`);
  }
  return `${docs.join('\n---\n')}\n`;
}
