/**
 * Package identity across ecosystems: the name an installed package is looked up under, whatever
 * tool described it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSbomInventory } from '../../src/loaders/image/sbom-input.js';
import { matchPackages } from '../../src/vuln/index.js';
import { advisoryStores, osv, tempDirs } from './support/osv.js';

const temp = tempDirs();

const storeWith = advisoryStores(temp);

const all = (type: string, ecosystem: string, name: string, fixed: string) => ({ package: { ecosystem, name }, ranges: [{ type, events: [{ introduced: '0' }, { fixed }] }] });

describe('names from SBOMs whose purls are lower-cased (Trivy)', () => {
  it('finds Go modules and npm packages under their real case', async () => {
    // As the Go vulnerability database and GitHub publish them.
    const db = await storeWith([
      osv('GO-2023-1616', [all('SEMVER', 'Go', 'github.com/Azure/go-ntlmssp', '0.0.0-20221128193559-754e69321358')], { aliases: ['GHSA-pjcq-xvwq-hhpj'] }),
      osv('GHSA-9wpp-q4pw-hxrr', [all('ECOSYSTEM', 'npm', 'JSONStream', '1.3.6')]),
    ]);
    // trivy image --format cyclonedx: purls lower-cased, component names as the packages spell them.
    const bom = join(temp(), 'trivy.cdx.json');
    writeFileSync(bom, JSON.stringify({
      bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
      components: [
        { type: 'library', name: 'github.com/Azure/go-ntlmssp', version: 'v0.0.0-20220621081337-cb9428e4ac1e', purl: 'pkg:golang/github.com/azure/go-ntlmssp@v0.0.0-20220621081337-cb9428e4ac1e' },
        { type: 'library', name: 'JSONStream', version: '1.3.5', purl: 'pkg:npm/jsonstream@1.3.5' },
      ],
    }));
    const result = matchPackages(db, readSbomInventory(bom).packages);
    expect(result.matches.map((m) => [m.package.name, m.id])).toEqual([
      ['github.com/Azure/go-ntlmssp', 'GHSA-pjcq-xvwq-hhpj'],
      ['JSONStream', 'GHSA-9wpp-q4pw-hxrr'],
    ]);
  });

  it('still takes what only the purl says (Maven group, npm scope)', async () => {
    const db = await storeWith([osv('GHSA-jfh8-c2jp-5v3q', [all('ECOSYSTEM', 'Maven', 'org.apache.logging.log4j:log4j-core', '2.15.0')])]);
    const found = matchPackages(db, [{ ecosystem: 'maven', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }]);
    expect(found.matches.map((m) => m.id)).toEqual(['GHSA-jfh8-c2jp-5v3q']);
  });
});
