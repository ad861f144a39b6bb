/**
 * helm follows a chart's symbolic links wherever they lead (it only warns), so a chart in a
 * scanned repository could pull any file of the scanning machine into the render and so into
 * the report. Links that stay inside what the user named are fine.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

let dir: string;
const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

function chart(relative: string): void {
  write(`${relative}/Chart.yaml`, `apiVersion: v2\nname: ${path.basename(relative)}\nversion: 0.1.0\n`);
  write(`${relative}/templates/own.yaml`, configMap(`${path.basename(relative)}-own`));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-helm-links-'));
  write('host/secret.yaml', configMap('host-secret'));
  chart('repo/leaky');
  symlinkSync(path.join(dir, 'host', 'secret.yaml'), path.join(dir, 'repo', 'leaky', 'templates', 'leak.yaml'));
  chart('repo/shared-templates');
  write('repo/common/shared.yaml', configMap('shared'));
  symlinkSync(path.join('..', '..', 'common', 'shared.yaml'), path.join(dir, 'repo', 'shared-templates', 'templates', 'shared.yaml'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasHelm)('symbolic links in Helm charts', () => {
  it('does not render a chart whose links leave the scanned directory', async () => {
    for (const input of ['repo', 'repo/leaky']) {
      const result = await loadInputs({ paths: [input], cwd: dir });
      expect(result.resources.map((r) => r.name)).not.toContain('host-secret');
      const refused = result.problems.find((p) => p.code === 'render-failed');
      expect(refused?.file).toBe(input === 'repo' ? path.join('repo', 'leaky') : 'repo/leaky');
      expect(refused?.message).toContain(`${path.join(refused?.file ?? '', 'templates', 'leak.yaml')} links outside the scanned directory`);
    }
  });

  it('renders links that stay inside the directory the user named', async () => {
    const result = await loadInputs({ paths: ['repo'], cwd: dir });
    const fromChart = result.resources.filter((r) => r.source.renderedBy === 'helm' && r.source.file.startsWith(path.join('repo', 'shared-templates')));
    expect(fromChart.map((r) => r.name).sort()).toEqual(['shared', 'shared-templates-own']);
  });
});
