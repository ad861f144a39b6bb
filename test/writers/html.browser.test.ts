/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): the page's
 * script runs under its own CSP, builds the table, filters it, and hostile names stay text.
 * Skips with a notice when /usr/bin/chromium is absent (`apt-get install chromium`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { describeSuppression } from '../../src/writers/common/suppression.js';
import { htmlReport } from '../../src/writers/html/html.js';
import { ATTACK_REPORT } from './attack-sample.js';
import { HOSTILE_NAME, HOSTILE_NAMESPACE, HOSTILE_REPORT } from './hostile-report.js';
import { riskyHostileReport } from './risk-sample.js';
import { SAMPLE_REPORT } from './sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`HTML browser tests skipped: ${CHROMIUM} is absent`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

interface Opened {
  readonly page: Page;
  /** Console errors, page errors and dialogs (an alert would mean injected script ran). */
  readonly incidents: string[];
  /** Requests other than the file itself (there must be none). */
  readonly requests: string[];
}

describe.skipIf(!available)('html report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'palisade-html-'));
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(report: Report, name: string): Promise<Opened> {
    const file = join(dir, name);
    writeFileSync(file, htmlReport(report));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const incidents: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') incidents.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => { incidents.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
    await page.goto(url);
    return { page, incidents, requests };
  }

  const visibleRows = (page: Page): Promise<number> => page.locator('#findings-body tr:not([hidden])').count();

  it('builds the table and filters it', async () => {
    const { page, incidents, requests } = await open(SAMPLE_REPORT, 'sample.html');
    const active = SAMPLE_REPORT.findings.filter((f) => !f.suppressed).length;
    expect(await page.locator('#findings-body tr').count()).toBe(SAMPLE_REPORT.findings.length);
    expect(await visibleRows(page)).toBe(active);
    expect(await page.locator('#findings-count').textContent()).toBe(`${active} of ${SAMPLE_REPORT.findings.length} findings shown`);

    expect(await page.locator('th.suppression').isVisible()).toBe(false);
    await page.check('#filter-suppressed');
    expect(await visibleRows(page)).toBe(SAMPLE_REPORT.findings.length);
    expect(await page.locator('th.suppression').isVisible()).toBe(true);
    expect(await page.locator('#findings-body tr.suppressed td.suppression').allTextContents()).toEqual(
      SAMPLE_REPORT.findings.filter((f) => f.suppressed).map((f) => describeSuppression(f.suppression)),
    );
    await page.uncheck('#filter-suppressed');

    await page.selectOption('#filter-severity', 'medium');
    expect(await visibleRows(page)).toBe(4);
    await page.selectOption('#filter-namespace', 'ns:shop');
    expect(await visibleRows(page)).toBe(4);
    await page.fill('#filter-text', 'NIGHTLY');
    expect(await visibleRows(page)).toBe(2);
    await page.selectOption('#filter-severity', '');
    expect(await visibleRows(page)).toBe(3);
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-namespace', 'none');
    const rows = page.locator('#findings-body tr:not([hidden]) td.resource');
    expect(await rows.allTextContents()).toEqual(['ClusterRoleBinding/ops-admin']);
    await page.selectOption('#filter-namespace', '');
    await page.selectOption('#filter-threat', 'supply-chain');
    expect(await page.locator('#findings-body tr:not([hidden]) td.rule').allTextContents()).toEqual(['image-latest-tag']);

    expect(await page.locator('svg rect.bar').count()).toBeGreaterThan(5);
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('keeps hostile names as text: no injected element, no script run', async () => {
    const { page, incidents, requests } = await open(HOSTILE_REPORT, 'hostile.html');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    const key = `Deployment/${HOSTILE_NAMESPACE}/${HOSTILE_NAME}`;
    expect(await page.locator('#findings-body td.resource').first().textContent()).toBe(key);
    await page.fill('#filter-text', 'onerror=alert(1)');
    expect(await visibleRows(page)).toBe(1);
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-namespace', `ns:${HOSTILE_NAMESPACE}`);
    expect(await visibleRows(page)).toBe(1);
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
  });

  const scores = (page: Page): Promise<string[]> => page.locator('#findings-body tr:not([hidden]) td.risk').allTextContents();
  const activeInOrder = ATTACK_REPORT.findings.filter((f) => !f.suppressed);
  const label = (score: number, level: string, context: string): string => `${score} ${level}${context === 'on-path' ? '↑' : context === 'unreachable' ? '↓' : ''}`;

  it('shows a risk column in the report order, sorts it from its header and filters by level', async () => {
    const { page, incidents, requests } = await open(ATTACK_REPORT, 'risk.html');
    expect(await page.locator('#findings-table thead th').allTextContents()).toEqual(['Severity', 'Risk', 'Rule', 'Resource', 'Message', 'Location', 'Suppressed because']);
    const inReportOrder = activeInOrder.map((f) => (f.risk === undefined ? '-' : label(f.risk.score, f.risk.level, f.risk.context)));
    expect(await scores(page)).toEqual(inReportOrder);
    const binding = ATTACK_REPORT.findings.find((f) => f.ruleId === 'cluster-admin-binding');
    const bindingCell = page.locator('#findings-body tr', { hasText: 'cluster-admin-binding' }).locator('td.risk');
    expect(await bindingCell.getAttribute('title')).toBe(`on an attack path: ${binding?.risk?.reason ?? ''}`);
    expect(await bindingCell.locator('.badge').getAttribute('class')).toBe('badge critical');

    const header = page.locator('th.risk');
    await page.click('#sort-risk');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const descending = [...activeInOrder].sort((a, b) => (b.risk?.score ?? 0) - (a.risk?.score ?? 0));
    expect(await scores(page)).toEqual(descending.map((f) => (f.risk === undefined ? '-' : label(f.risk.score, f.risk.level, f.risk.context))));
    // Ties keep the report's order: the two findings at 100 come as the report has them.
    expect(await page.locator('#findings-body tr:not([hidden]) td.rule').first().textContent()).toBe(descending[0]?.ruleId);
    await page.click('#sort-risk');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await scores(page)).map((s) => Number.parseInt(s, 10));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('#sort-risk');
    expect(await header.getAttribute('aria-sort')).toBe('none');
    expect(await scores(page)).toEqual(inReportOrder);

    await page.selectOption('#filter-risk', 'critical');
    const critical = activeInOrder.filter((f) => f.risk?.level === 'critical');
    expect(await page.locator('#findings-body tr:not([hidden]) td.rule').allTextContents()).toEqual(critical.map((f) => f.ruleId));
    // The severity filter still judges by severity: an info finding can be a critical risk.
    await page.selectOption('#filter-severity', 'info');
    expect(await page.locator('#findings-body tr:not([hidden]) td.rule').allTextContents()).toEqual(['automount-service-account-token']);
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-risk', '');
    await page.fill('#filter-text', 'lowered');
    expect(await visibleRows(page)).toBe(0);
    await page.fill('#filter-text', 'raised from info');
    expect(await visibleRows(page)).toBe(1);
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('has no risk column, filter or sort button when no finding has a risk', async () => {
    const { page, incidents } = await open(SAMPLE_REPORT, 'no-risk.html');
    expect(await page.locator('#findings-table thead th').count()).toBe(6);
    expect(await page.locator('#sort-risk, #filter-risk, td.risk').count()).toBe(0);
    expect(incidents).toEqual([]);
  });

  it('keeps a hostile risk reason as text in the hover title', async () => {
    const report = riskyHostileReport();
    const { page, incidents, requests } = await open(report, 'risk-hostile.html');
    expect(await page.locator('img').count()).toBe(0);
    const first = report.findings[0]?.risk;
    expect(await page.locator('#findings-body td.risk').first().getAttribute('title')).toBe(`unreachable: ${first?.reason ?? ''}`);
    await page.click('#sort-risk');
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
  });
});
