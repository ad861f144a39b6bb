/**
 * The image's User resolved as the runtime resolves it: runc and crun look a user name up in the
 * image's own /etc/passwd, so `User: toor` with `toor:x:0:0:...` in that file runs as root under
 * another name. Only a useradd in the history was caught; a passwd file copied in as a layer
 * file (COPY passwd /etc/passwd, a base image that ships the alias) passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runRules } from '../../src/core/engine.js';
import { ResourceIndex } from '../../src/core/resource-index.js';
import { imageConfigResource, uidOfName } from '../../src/loaders/image-config/index.js';
import { rule } from '../../src/rules/image-runs-as-root/rule.js';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-image-user-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';

async function findingsFor(user: string): Promise<string[]> {
  const layout = join(root, user.replace(/[^a-z0-9]/g, '_'));
  const writer = new OciWriter(layout);
  const image = writer.image([await tarOf({ 'etc/passwd': PASSWD })], 'amd64', { config: { User: user, Env: ['PATH=/bin'] } });
  writer.index([image]);
  const { facts } = await inventoryImage(`oci:${layout}`, { configFacts: true });
  if (facts === undefined) throw new Error('no image facts');
  return runRules([{ rule, options: undefined }], new ResourceIndex([imageConfigResource(facts)])).findings.map((f) => f.message);
}

it('resolves a user name in the image /etc/passwd, as the runtime does', async () => {
  expect(await findingsFor('toor')).toEqual(['the image runs as User "toor", which the image\'s /etc/passwd gives uid 0, so it runs as root under another name']);
  expect(await findingsFor('toor:app')).toHaveLength(1);
  expect(await findingsFor('app')).toEqual([]);
  expect(await findingsFor('1000')).toEqual([]);
});

it('takes the first entry of a name, and a numeric user as a number', () => {
  const passwd = Buffer.from('svc:x:1001:1001::/:/bin/sh\nsvc:x:0:0::/:/bin/sh\n1000:x:0:0::/:/bin/sh\n');
  expect(uidOfName('svc', passwd)).toBe(1001);
  expect(uidOfName('1000', passwd)).toBeUndefined();
  expect(uidOfName('missing', passwd)).toBeUndefined();
  expect(uidOfName('svc', undefined)).toBeUndefined();
});
