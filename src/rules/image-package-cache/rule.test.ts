import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-package-cache', () => {
  it('names each manager once per RUN, and a cleanup before the install does not count', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-apk-pip-yum.Dockerfile', 'fail/fail-apt-cleaned-later.Dockerfile', 'fail/image-config.yaml']);
    expect(findingsFor(scan, 'fail-apk-pip-yum.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN (line 2) runs apk add and leaves the apk cache (/var/cache/apk) in the layer', 2],
      ['RUN (line 2) runs pip install and leaves the pip cache (/root/.cache/pip) in the layer', 2],
      ['RUN (line 3) runs yum install and leaves the yum cache (/var/cache/yum) in the layer', 3],
    ]);
    expect(findingsFor(scan, 'fail-apt-cleaned-later.Dockerfile')).toHaveLength(1);
    expect(findingsFor(scan, 'fail-image-apt-lists').map((f) => f.message)).toEqual(['the image keeps the apt cache at /var/lib/apt/lists (18.0 MiB)']);
    expect(findingsFor(scan, 'fail-image-small-apk-cache').map((f) => f.message)).toEqual(['the image keeps the apk cache at /var/cache/apk (40.5 KiB)']);
  });
  it('knows a cache in the home directory however the RUN names it (~, $HOME, /home/NAME)', async () => {
    const scan = await scanFixtures(rule, ['pass/pass-home-cache.Dockerfile']);
    expect(findingsFor(scan, 'pass-home-cache.Dockerfile')).toEqual([]);
  });
});
