import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { REPORT_SCHEMA_VERSION } from '../../src/model/report.js';
import { THREAT_IDS } from '../../src/model/threats.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { jsonWriter } from '../../src/writers/json/json.js';
import { expectGolden } from './golden.js';
import { REPORT_SCHEMA, reportValidator, type JsonSchema } from './report-schema.js';
import { HOSTILE_REPORT } from './hostile-report.js';
import { CLEAN_REPORT, SAMPLE_REPORT } from './sample-report.js';

const schema = REPORT_SCHEMA;
const validate = reportValidator();

function roundTrip(report: Report): unknown {
  return JSON.parse(jsonWriter.write(report, { color: false }));
}

/** Every schema node reachable through `properties` or `$defs`, with its JSON pointer. */
function* schemaNodes(node: unknown, pointer: string): Generator<[string, JsonSchema]> {
  if (typeof node !== 'object' || node === null) return;
  const schemaNode = node as JsonSchema;
  yield [pointer, schemaNode];
  for (const key of ['properties', '$defs'] as const) {
    const children = schemaNode[key];
    if (typeof children === 'object' && children !== null) {
      for (const [name, child] of Object.entries(children)) yield* schemaNodes(child, `${pointer}/${key}/${name}`);
    }
  }
}

describe('json writer', () => {
  it('matches the golden file', () => {
    expectGolden('report.json', jsonWriter.write(SAMPLE_REPORT, { color: false }));
  });

  it('writes the report unchanged, 2-space indented with a trailing newline', () => {
    const text = jsonWriter.write(SAMPLE_REPORT, { color: false });
    expect(JSON.parse(text)).toEqual(SAMPLE_REPORT);
    expect(text).toMatch(/^\{\n {2}"schemaVersion": /);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('validates against schemas/report.schema.json', () => {
    expect(validate(roundTrip(SAMPLE_REPORT))).toEqual([]);
    expect(validate(roundTrip(HOSTILE_REPORT))).toEqual([]);
  });

  it('validates a clean report with no findings, problems or compliance', () => {
    expect(validate(roundTrip(CLEAN_REPORT))).toEqual([]);
  });

  it('rejects reports that break the contract (the schema is not vacuous)', () => {
    const good = roundTrip(SAMPLE_REPORT) as { findings: Record<string, unknown>[]; summary: Record<string, unknown> } & Record<string, unknown>;
    const cases: [string, (r: typeof good) => void][] = [
      ['unknown severity', (r) => { r.findings[0] = { ...r.findings[0], severity: 'severe' }; }],
      ['undocumented field', (r) => { r.extra = 1; }],
      ['missing findings', (r) => { Reflect.deleteProperty(r, 'findings'); }],
      ['suppression without suppressed', (r) => { r.findings[0] = { ...r.findings[0], suppressed: false, suppression: { kind: 'annotation', reason: 'x' } }; }],
      ['major version 2', (r) => { r.schemaVersion = '2.0.0'; }],
      ['bad timestamp', (r) => { r.generatedAt = 'yesterday'; }],
      ['negative count', (r) => { r.summary = { ...r.summary, resources: -1 }; }],
    ];
    for (const [name, mutate] of cases) {
      const copy = structuredClone(good);
      mutate(copy);
      expect(validate(copy), name).not.toEqual([]);
    }
  });

  it('documents the current schema version, every severity and every threat', () => {
    const properties = schema.properties as Record<string, JsonSchema>;
    expect(REPORT_SCHEMA_VERSION).toMatch(new RegExp(String(properties.schemaVersion?.pattern)));
    const defs = schema.$defs as Record<string, JsonSchema>;
    expect(defs.severity?.enum).toEqual([...SEVERITIES]);
    expect(defs.threat?.enum).toEqual([...THREAT_IDS]);
  });

  it('describes every field', () => {
    const undocumented: string[] = [];
    for (const [pointer, node] of schemaNodes(schema, '')) {
      const isField = pointer.includes('/properties/');
      if (isField && node.description === undefined && node.$ref === undefined && node.const === undefined) undocumented.push(pointer);
      if (pointer.startsWith('/$defs/') && pointer.split('/').length === 3 && node.description === undefined && pointer !== '/$defs/count') undocumented.push(pointer);
    }
    expect(undocumented).toEqual([]);
  });
});
