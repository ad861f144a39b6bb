/**
 * Where the text formats say a finding is. Positions are 1-based and 0 means "none" (a package
 * database inside an image has no line, an image file no column): a `:0` would send an editor or
 * a CI annotation nowhere, and a file inside an image is no file of the workspace to annotate.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { escapeHtml } from '../../src/writers/html/escape.js';
import { htmlReport } from '../../src/writers/html/html.js';
import { junitWriter } from '../../src/writers/junit/junit.js';
import { tableWriter } from '../../src/writers/table/table.js';
import { ATTACK_REPORT } from './attack-sample.js';
import { IMAGE_REPORT } from './image-report.js';
import { SAMPLE_REPORT } from './sample-report.js';

interface Case {
  '@classname': string;
  '@name': string;
  '@file'?: string;
  '@line'?: string;
  failure?: { '#text': string };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

function cases(report: Report): Case[] {
  const xml = parser.parse(junitWriter.write(report, { color: false })) as { testsuites: { testsuite: { testcase?: Case[] }[] } };
  return xml.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
}

function embeddedWhere(html: string): string[] {
  const start = '<script type="application/json" id="palisade-data">';
  const from = html.indexOf(start) + start.length;
  const data = JSON.parse(html.slice(from, html.indexOf('</script>', from))) as { findings: { where: string }[] };
  return data.findings.map((f) => f.where);
}

describe('finding locations in the text formats', () => {
  it('junit: image findings name no workspace file and never a line or column 0', () => {
    const image = cases(IMAGE_REPORT).filter((c) => c['@name'].startsWith('Image/'));
    expect(image.length).toBeGreaterThan(0);
    for (const c of image) {
      expect(c['@file'], c['@classname']).toBeUndefined();
      expect(c['@line'], c['@classname']).toBeUndefined();
      expect(c.failure?.['#text'] ?? '', c['@classname']).not.toMatch(/:0\b/);
    }
    // The place inside the image is still said: the secret's file and line.
    expect(image.map((c) => c.failure?.['#text'] ?? '').join('\n')).toContain('at /srv/app/.env:2 /');
  });

  it('junit: a manifest finding keeps its file and line for CI annotations', () => {
    const manifest = cases(SAMPLE_REPORT).find((c) => c['@file'] !== undefined && c.failure !== undefined);
    expect(manifest?.['@line']).toMatch(/^[1-9]\d*$/);
    expect(manifest?.failure?.['#text']).toMatch(/\nat [^\n]+:[1-9]\d*:[1-9]\d* \//);
  });

  it('table: a live cluster object has no line, only its pointer', () => {
    const text = tableWriter.write(SAMPLE_REPORT, { color: false });
    const row = text.split('\n').find((l) => l.includes('cluster-admin-binding') && l.includes('/roleRef/name'));
    expect(row).toMatch(/\)\. {2}\/roleRef\/name$/);
    expect(text).toMatch(/ {2}line \d+ \/spec\//);
  });

  it('html: the embedded "where" of an image finding has no :0 position', () => {
    const where = embeddedWhere(htmlReport(IMAGE_REPORT));
    expect(where).toContain('/srv/app/.env:2 /');
    expect(where).toContain('/var/lib/dpkg/status /');
    for (const w of where) expect(w).not.toMatch(/:0\b/);
  });
});

describe('control characters in the HTML', () => {
  it('escapeHtml shows them as \\xNN, keeping tabs and newlines', () => {
    expect(escapeHtml('a\u001b[31mb\u0007\u009b\tc\nd')).toBe('a\\x1b[31mb\\x07\\x9b\tc\nd');
  });

  it('no raw control character reaches the page from a hostile attack-path node', () => {
    const hostile = '\u001b]0;pwned\u0007';
    const nodes = ATTACK_REPORT.attackPaths?.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    const attack = ATTACK_REPORT.attackPaths === undefined ? undefined : { ...ATTACK_REPORT.attackPaths, nodes: nodes.map((n) => ({ ...n, label: `${n.label}${hostile}` })) };
    const html = htmlReport(attack === undefined ? ATTACK_REPORT : { ...ATTACK_REPORT, attackPaths: attack });
    expect(html).toContain('\\x1b]0;pwned\\x07');
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
