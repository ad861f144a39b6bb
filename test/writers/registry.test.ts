import { describe, expect, it } from 'vitest';
import { WRITERS, writerFor } from '../../src/writers/index.js';
import { HOSTILE_REPORT } from './hostile-report.js';
import { SAMPLE_REPORT } from './sample-report.js';

describe('writer registry', () => {
  it('is sorted by format with unique formats', () => {
    const formats = WRITERS.map((w) => w.format);
    expect(formats).toEqual([...formats].sort());
    expect(new Set(formats).size).toBe(formats.length);
    expect(formats).toEqual(['html', 'json', 'junit', 'markdown', 'sarif', 'table']);
  });

  it('finds writers by format and nothing else', () => {
    for (const writer of WRITERS) expect(writerFor(writer.format)).toBe(writer);
    expect(writerFor('yaml')).toBeUndefined();
    expect(writerFor('')).toBeUndefined();
  });

  it('describes every writer', () => {
    for (const writer of WRITERS) {
      expect(writer.description.length).toBeGreaterThan(10);
      expect(writer.extension).toMatch(/^[a-z]+$/);
    }
  });

  for (const writer of WRITERS) {
    it(`${writer.format}: is deterministic, ends with a newline, survives hostile input`, () => {
      const first = writer.write(SAMPLE_REPORT, { color: false });
      expect(writer.write(SAMPLE_REPORT, { color: false })).toBe(first);
      expect(first.endsWith('\n')).toBe(true);
      const hostile = writer.write(HOSTILE_REPORT, { color: true });
      expect(hostile.length).toBeGreaterThan(0);
    });
  }
});
