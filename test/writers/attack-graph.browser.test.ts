/**
 * The attack graph picture in a real browser (Debian's Chromium through playwright-core): with a
 * generated 50-node path set, no two node boxes overlap and every label stays inside its box as
 * Chromium measures the text with the fonts it really has; the page still runs under its CSP with
 * no request and no injected script. Skips with a notice when /usr/bin/chromium is absent.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { htmlReport } from '../../src/writers/html/html.js';
import { generatedPathSet, withAttackPaths } from './attack-sample.js';
import { SAMPLE_REPORT } from './sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`attack graph browser tests skipped: ${CHROMIUM} is absent`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Measured {
  readonly node: string;
  readonly box: Rect;
  readonly texts: readonly Rect[];
}

/**
 * Runs in the page (a string: the test's compiler has no DOM types). getBBox is in the SVG's own
 * coordinates: the glyphs as laid out with the fonts Chromium really found.
 */
const MEASURE = `[...document.querySelectorAll('svg.attack-graph g.ag-node')].map((g) => {
  const plain = (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
  return {
    node: g.getAttribute('data-node') || '',
    box: plain(g.querySelector('rect').getBBox()),
    texts: [...g.querySelectorAll('text')].map((t) => plain(t.getBBox())),
  };
})`;

function inside(inner: Rect, outer: Rect): boolean {
  const slack = 0.5;
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe.skipIf(!available)('attack graph in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'palisade-attack-'));
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function measure(report: Report, name: string): Promise<{ nodes: Measured[]; edges: number; incidents: string[]; requests: string[] }> {
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
    const nodes = await page.evaluate<Measured[]>(MEASURE);
    const edges = await page.locator('svg.attack-graph g.ag-edge').count();
    await page.close();
    return { nodes, edges, incidents, requests };
  }

  it('keeps a 50-node path set readable: no overlapping boxes, every label inside its box', async () => {
    const result = generatedPathSet(50);
    const { nodes, edges, incidents, requests } = await measure(withAttackPaths(SAMPLE_REPORT, result), 'fifty.html');
    expect(nodes).toHaveLength(50);
    expect(edges).toBeGreaterThan(49);
    for (const n of nodes) {
      expect(n.texts).toHaveLength(2);
      for (const t of n.texts) {
        expect(t.width, `text of ${n.node}`).toBeGreaterThan(0);
        expect(inside(t, n.box), `text of ${n.node} leaves its box`).toBe(true);
      }
    }
    for (let i = 0; i < nodes.length; i++) {
      for (const other of nodes.slice(i + 1)) {
        const a = nodes[i];
        if (a !== undefined) expect(overlap(a.box, other.box), `${a.node} overlaps ${other.node}`).toBe(false);
      }
    }
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('keeps hostile and wide labels inside their boxes and inert', async () => {
    const result = generatedPathSet(50, { hostileLabel: '<img src=x onerror=alert(1)>WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW決決決決決決' });
    const { nodes, incidents, requests } = await measure(withAttackPaths(SAMPLE_REPORT, result), 'hostile.html');
    for (const n of nodes) for (const t of n.texts) expect(inside(t, n.box), `text of ${n.node} leaves its box`).toBe(true);
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
  });
});
