/**
 * The connectivity picture in a real browser (Debian's Chromium through playwright-core): the
 * page renders under its own CSP with no request and no error, its stylesheet applies (the hash
 * matches), and the boxes Chromium lays out for ~50 workloads neither overlap nor spill their
 * text. Skips with a notice when /usr/bin/chromium is absent (`apt-get install chromium`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { netpolJson } from '../../src/graph/netpol/palisade-json.js';
import { netpolHtml } from '../../src/graph/netpol/render/html.js';
import { tieredCluster } from './render-support.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`netpol HTML browser tests skipped: ${CHROMIUM} is absent`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

interface Rect {
  readonly kind: string;
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Width of the box's own text as rendered. */
  readonly textWidth: number;
}

describe.skipIf(!available)('netpol connectivity picture in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'palisade-netpol-html-'));
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders 50 workloads with no overlapping boxes, no spilled labels, no request and no error', async () => {
    const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([tieredCluster(5, 10)]) });
    const file = join(dir, 'graph.html');
    writeFileSync(file, netpolHtml(netpolJson(loaded.resources)));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const incidents: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') incidents.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url);
    const rects: Rect[] = [];
    for (const g of await page.locator('g.node, g.group').all()) {
      const box = await g.locator('rect').boundingBox();
      const text = await g.locator('text').boundingBox();
      const kind = ((await g.getAttribute('class')) ?? '').startsWith('node') ? 'node' : 'group';
      if (box === null || text === null) throw new Error('a box is not rendered');
      rects.push({ kind, id: (await g.locator('title').textContent()) ?? '', x: box.x, y: box.y, width: box.width, height: box.height, textWidth: text.x + text.width - box.x });
    }
    // A string expression: the test is compiled without the DOM's types.
    const fill = await page.evaluate<unknown>("getComputedStyle(document.querySelector('g.group.namespace rect')).fill");
    await page.close();
    expect(incidents).toEqual([]);
    expect(requests).toEqual([]);
    // The stylesheet applied: the CSP hash matches it.
    expect(fill).toBe('rgb(244, 246, 250)');
    const nodes = rects.filter((r) => r.kind === 'node');
    const groups = rects.filter((r) => r.kind === 'group');
    expect(nodes.length).toBeGreaterThanOrEqual(50);
    const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
    const overlaps: string[] = [];
    for (const list of [nodes, groups]) for (const [i, a] of list.entries()) for (const b of list.slice(i + 1)) if (overlap(a, b)) overlaps.push(`${a.id} / ${b.id}`);
    expect(overlaps).toEqual([]);
    // Labels are cut to fit their box.
    expect(rects.filter((r) => r.textWidth > r.width).map((r) => r.id)).toEqual([]);
  });
});
