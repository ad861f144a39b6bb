/**
 * Golden files: each writer's output for the sample report is compared byte for byte with a file
 * under test/writers/golden/. `UPDATE_GOLDEN=1 npx vitest run test/writers` rewrites them; review
 * the diff before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/writers`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
