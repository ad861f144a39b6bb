import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../core/engine.js';
import { ResourceIndex } from '../../core/resource-index.js';
import { RULES } from '../../rules/index.js';
import { readImage } from '../image/index.js';
import { imageConfigResource, imageFactsOf } from './index.js';

describe('image facts', () => {
  it('finds setuid/setgid files and package caches in a root file system, and the ImageConfig rules judge them', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'palisade-imagefacts-'));
    mkdirSync(path.join(root, 'usr/bin'), { recursive: true });
    mkdirSync(path.join(root, 'var/lib/apt/lists/partial'), { recursive: true });
    mkdirSync(path.join(root, 'var/cache/apk'), { recursive: true });
    writeFileSync(path.join(root, 'usr/bin/su'), 'x');
    chmodSync(path.join(root, 'usr/bin/su'), 0o4755);
    writeFileSync(path.join(root, 'usr/bin/wall'), 'x');
    chmodSync(path.join(root, 'usr/bin/wall'), 0o2755);
    writeFileSync(path.join(root, 'usr/bin/ls'), 'x');
    writeFileSync(path.join(root, 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease'), 'y'.repeat(1000));
    writeFileSync(path.join(root, 'var/lib/apt/lists/lock'), '');
    const read = await readImage(`dir:${root}`, { wants: () => false });
    const facts = imageFactsOf(read, { id: 'debian', versionId: '10' });
    expect(facts.setuidFiles).toEqual([{ path: '/usr/bin/su', mode: '4755' }, { path: '/usr/bin/wall', mode: '2755' }]);
    expect(facts.packageCaches).toEqual([{ manager: 'apt', path: '/var/lib/apt/lists', bytes: 1000 }]);
    const resource = imageConfigResource(facts);
    expect(resource).toMatchObject({ apiVersion: 'palisade.dev/v1', kind: 'ImageConfig', name: `dir:${root}` });
    const rules = RULES.filter((rule) => rule.target !== 'workload' && rule.target.kinds.includes('ImageConfig'));
    const result = runRules(rules.map((rule) => ({ rule, options: rule.options?.parse(rule.id === 'image-base-end-of-life' ? { today: '2026-11-28' } : {}) as unknown })), new ResourceIndex([resource]));
    expect(result.problems).toEqual([]);
    const flagged = new Set(result.findings.map((f) => f.ruleId));
    // A root file system has no image config: no verdict on its user or health check.
    expect(flagged.has('image-runs-as-root')).toBe(false);
    const withConfig = imageConfigResource({ ...facts, config: { architecture: 'amd64', os: 'linux', config: { Env: ['PATH=/usr/bin'] }, rootfs: { type: 'layers', diff_ids: [] } } });
    const configured = runRules(rules.filter((rule) => rule.id === 'image-runs-as-root').map((rule) => ({ rule, options: undefined })), new ResourceIndex([withConfig]));
    expect(configured.findings.map((f) => f.message)).toEqual(['the image sets no user, so its containers run as root']);
    expect(flagged.has('image-package-cache')).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === 'image-setuid-files').map((f) => f.message)).toEqual(['/usr/bin/su is setuid (mode 4755)', '/usr/bin/wall is setgid (mode 2755)']);
    expect(result.findings.filter((f) => f.ruleId === 'image-base-end-of-life').map((f) => f.status)).toEqual(['fail']);
  });
});
