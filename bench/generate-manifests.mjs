// Generates the foundation benchmark's input: 10,000 Deployments, 10,000 Services and 2,000
// ConfigMaps spread over 2,000 multi-document files in one directory. Deterministic.
import { Buffer } from 'node:buffer';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function deployment(app, ns, i) {
  const hardened = i % 3 === 0;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: {app: ${app}, team: team-${i % 17}}
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}, tier: ${i % 2 === 0 ? 'web' : 'backend'}}
    spec:
      serviceAccountName: ${i % 5 === 0 ? 'default' : app}
      ${i % 11 === 0 ? 'hostNetwork: true' : 'hostNetwork: false'}
      containers:
        - name: main
          image: registry.example.com/team-${i % 17}/${app}:${i % 7 === 0 ? 'latest' : `1.${i % 30}.${i % 9}`}
          ports:
            - {name: http, containerPort: 8080}
          env:
            - {name: LOG_LEVEL, value: info}
            - {name: ${i % 13 === 0 ? 'DB_PASSWORD' : 'DB_HOST'}, value: ${i % 13 === 0 ? `hunter2-${i}` : 'db.svc'}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            ${hardened ? 'limits: {cpu: 500m, memory: 256Mi}' : ''}
          securityContext:
            privileged: ${i % 19 === 0}
            runAsNonRoot: ${hardened}
            allowPrivilegeEscalation: ${!hardened}
            readOnlyRootFilesystem: ${hardened}
            capabilities:
              drop: [ALL]
              ${i % 23 === 0 ? 'add: [SYS_ADMIN]' : ''}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
          readinessProbe:
            httpGet: {path: /ready, port: http}
        - name: sidecar
          image: registry.example.com/mesh/proxy:1.21.${i % 5}
          resources:
            requests: {cpu: 10m, memory: 32Mi}
            limits: {cpu: 100m, memory: 64Mi}
`;
}

function service(app, ns, i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  type: ${i % 29 === 0 ? 'NodePort' : 'ClusterIP'}
  selector: {app: ${app}}
  ports:
    - {name: http, port: 80, targetPort: http}
`;
}

function configMap(name, ns, i) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}
data:
  settings.yaml: |
    feature_flags:
      new_checkout: ${i % 2 === 0}
    upstream: http://api.${ns}.svc:8080
  LOG_FORMAT: json
  REGION: eu-west-${1 + (i % 3)}
`;
}

export function generateManifests(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let f = 0; f < 2000; f++) {
    const ns = `ns-${f % 100}`;
    const docs = [];
    for (let k = 0; k < 5; k++) {
      const i = f * 5 + k;
      const app = `app-${i}`;
      docs.push(deployment(app, ns, i), service(app, ns, i));
    }
    docs.push(configMap(`config-${f}`, ns, f));
    const text = docs.join('---\n');
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `app-${String(f).padStart(4, '0')}.yaml`), text);
  }
  return { files: 2000, resources: 22000, bytes };
}
