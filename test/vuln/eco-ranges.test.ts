/**
 * OSV range evaluation as the schema's pseudocode states it (https://ossf.github.io/osv-schema/#evaluation),
 * on records built by hand from the specification.
 */
import { describe, expect, it } from 'vitest';
import { matchPackages } from '../../src/vuln/index.js';
import { advisoryStores, osv, type OsvAffected, tempDirs } from './support/osv.js';

const temp = tempDirs();

const storeWith = advisoryStores(temp);

const ids = (db: string, ecosystem: string, name: string, version: string): string[] =>
  matchPackages(db, [{ ecosystem, name, version }]).matches.map((m) => m.id);

describe('limit events', () => {
  it('bound the whole range: versions at or above every limit are not affected', async () => {
    const db = await storeWith([
      osv('OSV-LIMIT', [{ package: { ecosystem: 'PyPI', name: 'pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { limit: '2.0' }] }] }]),
      osv('OSV-TWO-LIMITS', [{ package: { ecosystem: 'npm', name: 'lib' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '1.5.0' }, { limit: '3.0.0' }] }] }]),
      osv('OSV-STAR', [{ package: { ecosystem: 'Go', name: 'example.com/m' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.2.0' }, { limit: '*' }] }] }]),
    ]);
    expect(ids(db, 'pypi', 'pkg', '0.9')).toEqual([]);
    expect(ids(db, 'pypi', 'pkg', '1.0')).toEqual(['OSV-LIMIT']);
    expect(ids(db, 'pypi', 'pkg', '1.9.9')).toEqual(['OSV-LIMIT']);
    expect(ids(db, 'pypi', 'pkg', '2.0')).toEqual([]);
    expect(ids(db, 'pypi', 'pkg', '3.1')).toEqual([]);
    // Below any one limit is enough (BeforeLimits returns true on the first).
    expect(ids(db, 'npm', 'lib', '2.0.0')).toEqual(['OSV-TWO-LIMITS']);
    expect(ids(db, 'npm', 'lib', '3.0.0')).toEqual([]);
    // "*" is infinity.
    expect(ids(db, 'golang', 'example.com/m', 'v9.0.0')).toEqual(['OSV-STAR']);
  });
});

/** GitHub's affected entries carry their own database_specific. */
const ghsa = (id: string, affected: (OsvAffected & { database_specific: Record<string, string> })[], extra: Record<string, unknown> = {}): Record<string, unknown> =>
  osv(id, affected, extra);

describe("GitHub's last known affected range", () => {
  it('closes a range GitHub could only write open ("< X" with no fix on the registry)', async () => {
    // The shape of GitHub's OSV export for SheetJS (xlsx on npm; fixed builds only on the vendor's CDN)
    // and for GHSA-vqf5-2xx6-9wfm (a range introduced in 2.26.11 and ending below 3.0.0).
    const db = await storeWith([
      ghsa('GHSA-4r6h-8v6p-xvw6', [{
        package: { ecosystem: 'npm', name: 'xlsx' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
        database_specific: { last_known_affected_version_range: '< 0.19.3', source: 'https://github.com/github/advisory-database' },
      }], { aliases: ['CVE-2023-30533'] }),
      ghsa('GHSA-vqf5-2xx6-9wfm', [{
        package: { ecosystem: 'npm', name: 'action' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.26.11' }] }],
        database_specific: { last_known_affected_version_range: '< 3.0.0' },
      }, {
        package: { ecosystem: 'npm', name: 'action' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '3.26.11' }, { fixed: '3.28.3' }] }],
        database_specific: { last_known_affected_version_range: '<= 3.28.2' },
      }]),
      ghsa('GHSA-inclusive', [{
        package: { ecosystem: 'PyPI', name: 'pkg' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
        database_specific: { last_known_affected_version_range: '<= 1.4' },
      }]),
    ]);
    const [xlsx] = matchPackages(db, [{ ecosystem: 'npm', name: 'xlsx', version: '0.18.5' }]).matches;
    expect(xlsx?.id).toBe('CVE-2023-30533');
    expect(xlsx?.fix).toEqual({ state: 'unfixed' });
    expect(xlsx?.evidence[0]?.range).toBe('< 0.19.3');
    expect(ids(db, 'npm', 'xlsx', '0.19.3')).toEqual([]);
    expect(ids(db, 'npm', 'xlsx', '0.20.3')).toEqual([]);
    expect(ids(db, 'npm', 'action', '2.27.0')).toEqual(['GHSA-vqf5-2xx6-9wfm']);
    expect(ids(db, 'npm', 'action', '3.0.0')).toEqual([]);
    // A range that ends already keeps its own end.
    expect(ids(db, 'npm', 'action', '3.28.2')).toEqual(['GHSA-vqf5-2xx6-9wfm']);
    expect(ids(db, 'npm', 'action', '3.28.3')).toEqual([]);
    expect(ids(db, 'pypi', 'pkg', '1.4')).toEqual(['GHSA-inclusive']);
    expect(ids(db, 'pypi', 'pkg', '1.4.1')).toEqual([]);
  });
});

describe('hostile installed versions', () => {
  it('are reported by their start, not copied whole into the note', async () => {
    const db = await storeWith([osv('GHSA-p6mc-m468-83gw', [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.20' }] }] }])]);
    const version = `4.17.${'9'.repeat(200_000)}x!`;
    const result = matchPackages(db, [{ ecosystem: 'npm', name: 'lodash', version }]);
    expect(result.problems.map((p) => p.code)).toEqual(['version-invalid']);
    expect(result.problems[0]?.message.length).toBeLessThan(200);
  });
});

describe('PyPI local versions (PEP 440)', () => {
  it('a local build of the last affected or a listed version is affected, as packaging reads "<=" and "=="', async () => {
    // PyTorch's CUDA wheels install as 2.2.2+cu121; advisories name public versions only.
    const db = await storeWith([
      osv('GHSA-last', [{ package: { ecosystem: 'PyPI', name: 'torch' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '2.2.2' }] }] }]),
      osv('PYSEC-listed', [{ package: { ecosystem: 'PyPI', name: 'torchvision' }, versions: ['0.17.0', '0.17.1'] }]),
      osv('GHSA-fixed', [{ package: { ecosystem: 'PyPI', name: 'torchaudio' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.2.0' }] }] }]),
    ]);
    expect(ids(db, 'pypi', 'torch', '2.2.2+cu121')).toEqual(['GHSA-last']);
    expect(ids(db, 'pypi', 'torch', '2.2.2.post1')).toEqual([]);
    expect(ids(db, 'pypi', 'torch', '2.3.0+cpu')).toEqual([]);
    expect(ids(db, 'pypi', 'torchvision', '0.17.1+cu121')).toEqual(['PYSEC-listed']);
    expect(ids(db, 'pypi', 'torchvision', '0.17.2+cu121')).toEqual([]);
    // Fixed and introduced bounds order a local build as its public version already did.
    expect(ids(db, 'pypi', 'torchaudio', '2.0.0+cu118')).toEqual(['GHSA-fixed']);
    expect(ids(db, 'pypi', 'torchaudio', '2.2.0+cu118')).toEqual([]);
    const [torch] = matchPackages(db, [{ ecosystem: 'pypi', name: 'torch', version: '2.2.2+cu121' }]).matches;
    expect(torch?.evidence[0]?.version).toBe('2.2.2+cu121');
  });
});
