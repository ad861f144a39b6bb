/**
 * Horizontal bar charts as inline SVG, rendered here rather than in the browser so that they show
 * even with scripts off and need no library. Colours come from CSS classes (the page's CSP
 * forbids inline style attributes).
 */
import { escapeHtml } from './escape.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** CSS class of the bar, e.g. sev-critical. */
  readonly className: string;
}

const ROW = 22;
const LABEL_WIDTH = 210;
const BAR_WIDTH = 180;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 50;
const MAX_LABEL = 26;

function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

function barRow(bar: Bar, index: number, max: number): string {
  const y = index * ROW;
  const width = max === 0 ? 0 : Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * BAR_WIDTH));
  const label = escapeHtml(bar.label);
  return [
    `<g><title>${label}: ${bar.value}</title>`,
    `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" class="chart-label">${escapeHtml(shorten(bar.label))}</text>`,
    `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width}" height="${ROW - 8}" rx="2" class="bar ${escapeHtml(bar.className)}"/>`,
    `<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}" class="chart-value">${bar.value}</text></g>`,
  ].join('');
}

export function barChart(title: string, bars: readonly Bar[]): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * ROW;
  const body = bars.length === 0 ? `<text x="0" y="15" class="chart-label">none</text>` : bars.map((b, i) => barRow(b, i, max)).join('');
  return [
    `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}">`,
    body,
    '</svg></figure>',
  ].join('');
}
