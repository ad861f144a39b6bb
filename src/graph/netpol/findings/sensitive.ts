/**
 * Why a workload is worth reaching for an attacker, each reason said plainly:
 * - control plane: it runs in kube-system (or another namespace the user names);
 * - database: an image whose repository path has a database engine's name as a whole segment or
 *   dash/underscore-separated word (postgres, bitnami/mysql, mongo ...), a container port that is a
 *   database engine's default (5432, 3306, 27017 ...), or the recommended label
 *   app.kubernetes.io/component (or tier) set to database/db;
 * - secrets: a container mounts a Secret volume (directly or through a projected volume);
 * - crown jewel: the pod template or the object carries `palisade.dev/crown-jewel: "true"`, or a
 *   configured selector (kind, namespace and name globs, labels) matches it.
 */
import { globMatches } from '../../../lib/glob.js';
import type { Resource } from '../../../model/resource.js';
import type { Workload } from '../../../model/k8s.js';
import { asArray, asRecord, asString, asStringMap } from '../../../lib/k8s/values.js';
import { workloadOf } from '../../../lib/k8s/workload.js';
import type { WorkloadEndpoint } from './scan-analysis.js';

export const CROWN_JEWEL_LABEL = 'palisade.dev/crown-jewel';

/** A configured crown jewel: every given field must match (globs over kind, namespace, name). */
export interface CrownJewelSelector {
  readonly kind?: string | undefined;
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

export interface SensitivityOptions {
  readonly namespaces: readonly string[];
  readonly crownJewels: readonly CrownJewelSelector[];
}

const DATABASE_ENGINES = new Set([
  'postgres', 'postgresql', 'postgis', 'timescaledb', 'mysql', 'mariadb', 'percona', 'mongo', 'mongodb', 'redis', 'valkey', 'keydb',
  'cassandra', 'scylla', 'elasticsearch', 'opensearch', 'etcd', 'couchdb', 'couchbase', 'cockroach', 'cockroachdb', 'neo4j',
  'memcached', 'clickhouse', 'influxdb', 'mssql', 'oracle-database', 'rethinkdb', 'arangodb', 'yugabyte', 'tidb', 'vitess',
]);

/** Default ports of those engines (TCP). */
const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'], [3306, 'MySQL'], [27017, 'MongoDB'], [6379, 'Redis'], [9042, 'Cassandra'], [9200, 'Elasticsearch'],
  [2379, 'etcd'], [5984, 'CouchDB'], [26257, 'CockroachDB'], [7687, 'Neo4j'], [11211, 'memcached'], [8123, 'ClickHouse'],
  [1433, 'SQL Server'], [1521, 'Oracle'], [8086, 'InfluxDB'], [28015, 'RethinkDB'], [8529, 'ArangoDB'],
]);

/** Words that make an image a companion of a database (a metrics exporter, an operator), not one. */
const COMPANION_WORDS = new Set(['exporter', 'operator', 'client', 'proxy', 'ui', 'dashboard', 'admin', 'backup']);

const DATABASE_ROLES = new Set(['database', 'db']);

/**
 * Whether a reference contains an engine's name at all. Every workload is asked about, and most
 * images name no database: this one linear test spares them the split into segments and words.
 */
const MAY_NAME_ENGINE = new RegExp([...DATABASE_ENGINES].map((engine) => engine.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'i');

/** The database engine an image's repository names, if any (`docker.io/bitnami/postgresql:16` -> postgresql). */
export function databaseImage(image: string): string | undefined {
  if (!MAY_NAME_ENGINE.test(image)) return undefined;
  const repository = image.split('@')[0]?.replace(/:[^/]*$/, '').toLowerCase() ?? '';
  for (const segment of repository.split('/')) {
    if (DATABASE_ENGINES.has(segment)) return segment;
    const words = segment.split(/[-_.]/);
    if (words.some((w) => COMPANION_WORDS.has(w))) continue;
    for (const word of words) if (DATABASE_ENGINES.has(word)) return word;
  }
  return undefined;
}

function crownJewelReason(endpoint: WorkloadEndpoint, resource: Resource, selectors: readonly CrownJewelSelector[]): string | undefined {
  const objectLabels = asStringMap(asRecord(resource.object.metadata)?.labels);
  const podLabels = endpoint.workload.labels;
  if (podLabels[CROWN_JEWEL_LABEL] === 'true' || objectLabels[CROWN_JEWEL_LABEL] === 'true') return `crown jewel (label ${CROWN_JEWEL_LABEL})`;
  const { namespace, name, kind } = endpoint.workload;
  for (const [i, selector] of selectors.entries()) {
    const labelsOk = Object.entries(selector.labels ?? {}).every(([k, v]) => podLabels[k] === v || objectLabels[k] === v);
    if (labelsOk && globMatches(selector.kind, kind, true) && globMatches(selector.namespace, namespace) && globMatches(selector.name, name)) {
      return `crown jewel (configured selector #${i + 1})`;
    }
  }
  return undefined;
}

function databaseReason(endpoint: WorkloadEndpoint, workload: Workload | undefined): string | undefined {
  for (const ref of workload?.containers ?? []) {
    const image = asString(ref.container.image);
    const engine = image === undefined ? undefined : databaseImage(image);
    if (engine !== undefined) return `database (container "${ref.name}" runs ${engine})`;
  }
  for (const port of endpoint.workload.ports) {
    const engine = port.protocol === 'TCP' ? DATABASE_PORTS.get(port.port) : undefined;
    if (engine !== undefined) return `database (port ${port.port}, ${engine}'s default)`;
  }
  for (const key of ['app.kubernetes.io/component', 'tier']) {
    const value = endpoint.workload.labels[key];
    if (value !== undefined && DATABASE_ROLES.has(value.toLowerCase())) return `database (label ${key}=${value})`;
  }
  return undefined;
}

function secretsReason(workload: Workload | undefined): string | undefined {
  if (workload === undefined) return undefined;
  const secretVolumes = new Map<string, string>();
  for (const raw of asArray(workload.podSpec.volumes)) {
    const volume = asRecord(raw) ?? {};
    const name = asString(volume.name);
    if (name === undefined) continue;
    const direct = asString(asRecord(volume.secret)?.secretName);
    const projected = asArray(asRecord(volume.projected)?.sources)
      .map((s) => asString(asRecord(asRecord(s)?.secret)?.name))
      .find((n) => n !== undefined);
    const secret = direct ?? projected;
    if (secret !== undefined) secretVolumes.set(name, secret);
  }
  for (const ref of workload.containers) {
    for (const mount of asArray(ref.container.volumeMounts)) {
      const secret = secretVolumes.get(asString(asRecord(mount)?.name) ?? '');
      if (secret !== undefined) return `mounts Secret "${secret}" (container "${ref.name}")`;
    }
  }
  return undefined;
}

/** Every reason the workload is sensitive (empty: it is not). */
export function sensitivityOf(endpoint: WorkloadEndpoint, options: SensitivityOptions): string[] {
  const resource = endpoint.workload.resources[0];
  if (resource === undefined) return [];
  const reasons: string[] = [];
  if (options.namespaces.includes(endpoint.workload.namespace)) reasons.push(`runs in ${endpoint.workload.namespace}`);
  const workload = workloadOf(resource.kind, resource.object);
  for (const reason of [databaseReason(endpoint, workload), secretsReason(workload), crownJewelReason(endpoint, resource, options.crownJewels)]) {
    if (reason !== undefined) reasons.push(reason);
  }
  return reasons;
}
