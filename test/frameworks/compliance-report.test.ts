/**
 * The compliance section as users read it: one real --framework scan rendered as JSON, table and
 * HTML (the HTML in Debian's Chromium when /usr/bin/chromium exists) must state the same score on
 * the same basis: the share of judged controls that pass, with manual ones left out and counted.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Compliance, Report } from '../../src/model/report.js';
import { scan } from '../../src/sdk/scan.js';
import { htmlReport } from '../../src/writers/html/html.js';
import { tableWriter } from '../../src/writers/table/table.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/scan/workloads.yaml', import.meta.url));
const NOW = new Date('2026-01-01T00:00:00Z');
const CHROMIUM = '/usr/bin/chromium';

async function cisReport(): Promise<{ report: Report; compliance: Compliance }> {
  const report = await scan({ paths: [FIXTURE], framework: 'cis-kubernetes', now: NOW });
  if (report.compliance === undefined) throw new Error('no compliance section');
  return { report, compliance: report.compliance };
}

/** What the JSON says, recomputed from its controls. */
function basis(compliance: Compliance): { passed: number; judged: number; manual: number } {
  const judged = compliance.controls.filter((c) => c.status !== 'manual');
  return { passed: judged.filter((c) => c.status === 'pass').length, judged: judged.length, manual: compliance.controls.length - judged.length };
}

describe('compliance score across writers', () => {
  it('is the share of judged controls that pass, in JSON', async () => {
    const { compliance } = await cisReport();
    const { passed, judged, manual } = basis(compliance);
    // A CIS scan of workloads judges some section 5 controls and leaves the control plane manual.
    expect(judged).toBeGreaterThan(0);
    expect(manual).toBeGreaterThan(judged);
    expect(compliance.score).toBe(Math.round((passed / judged) * 1000) / 10);
  });

  it('states its basis in the table heading', async () => {
    const { report, compliance } = await cisReport();
    const { passed, judged, manual } = basis(compliance);
    const heading = tableWriter.write(report, { color: false }).split('\n').find((line) => line.startsWith('Compliance: '));
    expect(heading).toBe(`Compliance: CIS Kubernetes Benchmark v1.10.0 (cis-kubernetes), score ${compliance.score}% (${passed} of ${judged} judged controls pass, ${manual} manual not scored)`);
  });

  it.skipIf(!existsSync(CHROMIUM))('states the same basis in the HTML report, rendered in Chromium, with a row per control', async () => {
    const { report, compliance } = await cisReport();
    const { passed, judged, manual } = basis(compliance);
    const dir = mkdtempSync(join(tmpdir(), 'palisade-compliance-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const file = join(dir, 'report.html');
      writeFileSync(file, htmlReport(report));
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      const score = await page.locator('#compliance p').first().textContent();
      expect(score).toBe(`Score: ${compliance.score}%: ${passed} of ${judged} judged controls pass, ${manual} manual not scored (cis-kubernetes).`);
      expect(await page.locator('#compliance tbody tr').count()).toBe(compliance.controls.length);
      const statuses = await page.locator('#compliance tbody tr td:nth-child(2)').allTextContents();
      expect(statuses).toEqual(compliance.controls.map((c) => c.status));
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
