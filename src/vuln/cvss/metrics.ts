/**
 * Reading "METRIC:VALUE/METRIC:VALUE" vector bodies against a version's table of metrics: unknown
 * metrics, unknown values, repeats and missing base metrics are errors, so a typo never silently
 * changes a score.
 */
import { InvalidCvssVectorError } from './errors.js';

/** Metric name -> allowed values, in the specification's order. */
export type MetricTable = Readonly<Record<string, readonly string[]>>;

/** Longest sensible vector: every v4 metric with its longest value is well under this. */
const MAX_VECTOR_LENGTH = 512;

export function parseMetrics(vector: string, body: string, table: MetricTable, required: readonly string[]): ReadonlyMap<string, string> {
  if (vector.length > MAX_VECTOR_LENGTH) throw new InvalidCvssVectorError(vector, `longer than ${MAX_VECTOR_LENGTH} characters`);
  const values = new Map<string, string>();
  if (body === '') throw new InvalidCvssVectorError(vector, 'no metrics');
  for (const part of body.split('/')) {
    const colon = part.indexOf(':');
    const metric = colon < 0 ? part : part.slice(0, colon);
    const value = colon < 0 ? '' : part.slice(colon + 1);
    const allowed = Object.hasOwn(table, metric) ? table[metric] : undefined;
    if (allowed === undefined) throw new InvalidCvssVectorError(vector, `unknown metric ${JSON.stringify(metric)}`);
    if (!allowed.includes(value)) {
      throw new InvalidCvssVectorError(vector, `metric ${metric} has value ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`);
    }
    if (values.has(metric)) throw new InvalidCvssVectorError(vector, `metric ${metric} is given twice`);
    values.set(metric, value);
  }
  const missing = required.filter((metric) => !values.has(metric));
  if (missing.length > 0) throw new InvalidCvssVectorError(vector, `missing base metric(s) ${missing.join(', ')}`);
  return values;
}

/** The value of a metric that parseMetrics guaranteed (required) or that defaults to `fallback`. */
export function valueOf(values: ReadonlyMap<string, string>, metric: string, fallback = 'X'): string {
  return values.get(metric) ?? fallback;
}

/** Looks up a metric's numeric weight; the tables cover every value parseMetrics admits. */
export function weight(weights: Readonly<Record<string, number>>, value: string): number {
  const w = weights[value];
  if (w === undefined) throw new Error(`no weight for metric value ${value}`);
  return w;
}
