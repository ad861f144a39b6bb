/**
 * Where the comment-size cut falls: whatever line it lands on, what is kept renders as Markdown
 * meant it (no heading left without its table, no table header without its separator and rows).
 */
import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../src/writers/markdown/markdown.js';
import { SAMPLE_REPORT } from './sample-report.js';

/** Reports just over the cap, their resource names padded so that the cut lands on every kind of line. */
function reports(): string[] {
  return Array.from({ length: 40 }, (_, pad) => {
    const many = Array.from({ length: 400 }, (_, i) =>
      SAMPLE_REPORT.findings.map((f) => ({ ...f, id: `${f.id}-${i}`, resource: { ...f.resource, name: `${f.resource.name}-${i}${'x'.repeat(pad)}` } })),
    ).flat();
    return markdownReport({ ...SAMPLE_REPORT, findings: many }, '/work/repo');
  });
}

const isRow = (line: string): boolean => line.startsWith('|');
const isSeparator = (line: string): boolean => /^\|( --- \|)+$/.test(line) || /^\|( ---:? \|)+$/.test(line);

describe('markdown cut', () => {
  const texts = reports();

  it('cuts every one of these reports', () => {
    for (const text of texts) expect(text).toContain('more lines were cut');
  });

  it('never leaves a table header without its separator, nor a table without rows', () => {
    for (const text of texts) {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        const starts = isRow(line) && !isRow(lines[i - 1] ?? '');
        if (!starts) return;
        expect(isSeparator(lines[i + 1] ?? ''), `${line}\n${lines[i + 1] ?? ''}`).toBe(true);
        expect(isRow(lines[i + 2] ?? ''), `${line} has no row`).toBe(true);
      });
    }
  });

  it('never leaves a heading with nothing under it before the cut note', () => {
    for (const text of texts) {
      const kept = text.split('\n').filter((l) => l !== '' && l !== '</details>');
      const beforeNote = kept.at(-2) ?? '';
      expect(beforeNote, beforeNote).not.toMatch(/^#/);
    }
  });
});
