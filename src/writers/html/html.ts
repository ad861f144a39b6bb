/**
 * One self-contained HTML file: inline CSS, inline SVG charts, inline script, no network. A
 * Content-Security-Policy allows only this page's own style and script (by hash) and nothing
 * else, so even an escaping bug could not run injected handlers or load anything.
 */
import { createHash } from 'node:crypto';
import { defineWriter } from '../../core/writer.js';
import type { Report } from '../../model/report.js';
import { ATTACK_GRAPH_STYLE, attackPathsSection } from './attack-section.js';
import { CLIENT_SCRIPT } from './client.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { charts, complianceSection, exceptionsSection, findingsSection, header, problemsSection } from './sections.js';
import { STYLE } from './style.js';
import { pageData } from './view-model.js';
import { imagesSection } from './images-section.js';
import { RISK_STYLE } from './risk-column.js';
import { hasRisk } from '../common/risk.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function contentSecurityPolicy(style: string): string {
  return [
    "default-src 'none'",
    `style-src ${sha256(style)}`,
    `script-src ${sha256(CLIENT_SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function htmlReport(report: Report): string {
  // The risk column's and the attack graph's rules ride along only when there is a risk or a graph;
  // the CSP pins whichever stylesheet it is.
  const style = `${STYLE}${hasRisk(report.findings) ? RISK_STYLE : ''}${report.attackPaths === undefined ? '' : ATTACK_GRAPH_STYLE}`;
  const data = jsonForScript(pageData(report.findings));
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // A constant of our own with no " or <, so it goes in unescaped (and stays readable).
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(style)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Palisade report ${escapeHtml(report.generatedAt)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    header(report),
    charts(report),
    imagesSection(report.images, report.findings),
    attackPathsSection(report.attackPaths, report.findings),
    findingsSection(report),
    problemsSection(report),
    exceptionsSection(report.exceptions),
    complianceSection(report.compliance),
    `<script type="application/json" id="palisade-data">${data}</script>`,
    `<script>${CLIENT_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ];
  // Optional sections render as '' when absent; drop them rather than leave blank lines.
  return `${parts.filter((part) => part !== '').join('\n')}\n`;
}

export const htmlWriter = defineWriter({
  format: 'html',
  description: 'One self-contained HTML page with charts and filters; opens offline.',
  extension: 'html',
  write(report) {
    return htmlReport(report);
  },
});
