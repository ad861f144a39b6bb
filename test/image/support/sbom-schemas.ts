/**
 * The official CycloneDX 1.6 and SPDX 2.3 JSON schemas from ../shared/testdata/supply-chain/sbom,
 * compiled with Ajv (draft-07, formats on: the CycloneDX suite relies on date-time checking).
 * Undefined when the test data is absent: callers skip with a notice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

export const SBOM_DIR = join(import.meta.dirname, '../../../../shared/testdata/supply-chain/sbom');

export type Validate = (data: unknown) => string[];

function load(path: string): object {
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

export function sbomValidators(): { cyclonedx: Validate; spdx: Validate } | undefined {
  if (!existsSync(SBOM_DIR)) return undefined;
  // logger off: Ajv warns about the iri-reference format, which it cannot check.
  const cdx = new Ajv({ allErrors: true, strict: false, logger: false });
  addFormats.default(cdx);
  // bom-1.6 refers to these by file name.
  cdx.addSchema(load(join(SBOM_DIR, 'cyclonedx/schema/spdx.schema.json')), 'spdx.schema.json');
  cdx.addSchema(load(join(SBOM_DIR, 'cyclonedx/schema/jsf-0.82.schema.json')), 'jsf-0.82.schema.json');
  const cyclonedx = cdx.compile(load(join(SBOM_DIR, 'cyclonedx/schema/bom-1.6.schema.json')));
  // The SPDX 2.3 schema is draft 2019-09.
  const sp = new Ajv2019({ allErrors: true, strict: false, logger: false });
  addFormats.default(sp);
  const spdx = sp.compile(load(join(SBOM_DIR, 'spdx/spdx-schema-2.3.json')));
  const wrap = (v: ReturnType<Ajv['compile']>): Validate => (data) => (v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
  return { cyclonedx: wrap(cyclonedx), spdx: wrap(spdx) };
}
