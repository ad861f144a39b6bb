/**
 * The scanned images in the HTML report: what was read from each (inventory in brief) and whether
 * its packages were matched against an advisory store, so "no vulnerabilities" is never confused
 * with "not checked". Every string goes through escapeHtml.
 */
import type { Finding } from '../../model/finding.js';
import type { ImageScanSummary } from '../../model/report.js';
import { imageSecretCount, secretCountText } from '../common/secret-count.js';
import { escapeHtml as h } from './escape.js';

function row(image: ImageScanSummary, findings: readonly Finding[]): string {
  const mine = findings.filter((f) => f.resource.name === image.reference && f.vulnerability !== undefined);
  const ecosystems = Object.entries(image.packagesByEcosystem).map(([e, n]) => `${e} ${n}`).join(', ');
  const vulns = image.vulnerabilities.checked
    ? `${mine.length} <span class="muted">(store ${h(image.vulnerabilities.store)})</span>`
    : `<span class="status-fail">not checked</span> <span class="muted">(${h(image.vulnerabilities.reason)}; import advisories with palisade db import)</span>`;
  return [
    '<tr>',
    `<td>${h(image.reference)}<br><span class="muted">${h(image.target)}</span></td>`,
    `<td class="muted">${h(image.digest ?? '')}<br>${h(image.platform ?? '')}, ${image.layers} layers</td>`,
    `<td>${h(image.os ?? 'unknown')}</td>`,
    `<td>${image.packages}${ecosystems === '' ? '' : ` <span class="muted">(${h(ecosystems)})</span>`}</td>`,
    `<td>${vulns}</td>`,
    `<td>${image.secretsChecked ? secretCountText(imageSecretCount(image, findings)) : 'not checked'}</td>`,
    '</tr>',
  ].join('');
}

export function imagesSection(images: readonly ImageScanSummary[] | undefined, findings: readonly Finding[]): string {
  if (images === undefined || images.length === 0) return '';
  return [
    `<section id="images"><h2>Images (${images.length})</h2>`,
    '<table><thead><tr><th>Image</th><th>Digest</th><th>OS</th><th>Packages</th><th>Vulnerabilities</th><th>Secrets</th></tr></thead>',
    `<tbody>${images.map((image) => row(image, findings)).join('')}</tbody></table></section>`,
  ].join('\n');
}
