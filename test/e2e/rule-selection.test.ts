import { describe, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';
import { ROOT } from '../support/cli.js';

const GOOD = 'test/fixtures/e2e/good.yaml';
const ran = async (options: Parameters<typeof scan>[0]): Promise<string[]> => (await scan({ cwd: ROOT, ...options })).rules.map((r) => r.ruleId);

describe('rule selection', () => {
  it('leaves opt-in rules (whole Pod Security Standards) out by default', async () => {
    const ids = await ran({ paths: [GOOD] });
    expect(ids).toContain('privileged-container');
    expect(ids).not.toContain('pss-restricted');
    expect(ids).toContain('pss-namespace-enforce');
  });

  it('runs an opt-in rule that --rules names, and only the named rules', async () => {
    expect(await ran({ paths: [GOOD], rules: ['pss-*'] })).toEqual(['pss-baseline', 'pss-namespace-enforce', 'pss-restricted']);
  });

  it('drops what --exclude-rules names', async () => {
    const ids = await ran({ paths: [GOOD], excludeRules: ['privileged-*'] });
    expect(ids).not.toContain('privileged-container');
    expect(ids.length).toBeGreaterThan(10);
  });
});
