/**
 * A failed render is reported with the command line and the tool's own error, and both can quote
 * values that are secrets: a token passed with `--set`, which a hostile template can also make
 * helm print (`{{ fail .Values.token }}`), a value of a values file the pipeline passes, or a
 * secretGenerator literal that kustomize quotes
 * when it is malformed. Those reach CI logs, so they are never printed in full.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, hasKustomize, writeUnder } from '../support/render-tools.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-render-secrets-'));
  writeUnder(dir, 'chart/Chart.yaml', 'apiVersion: v2\nname: leaky\nversion: 0.1.0\n');
  writeUnder(dir, 'chart/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ fail (printf "token is %s" .Values.token) }}\n');
  writeUnder(dir, 'db/Chart.yaml', 'apiVersion: v2\nname: db\nversion: 0.1.0\n');
  writeUnder(dir, 'db/templates/cm.yaml', '{{ fail (printf "password is %s" .Values.db.password) }}\n');
  writeUnder(dir, 'secrets.yaml', 'db:\n  host: db.internal\n  password: "Zx81-correct-horse-battery"\n');
  writeUnder(dir, 'overlay/kustomization.yaml', 'secretGenerator:\n- name: creds\n  literals:\n  - ghp_rT7xQ2mZ9vL4kP8sW1nB6cY3dF5gH0jK2aE4\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasHelm)('a --set value in a failed helm render', () => {
  it('is redacted in the command line and in helm\'s error', async () => {
    const token = 'xoxb-2209-9f8e7d6c5b4a';
    const result = await loadInputs({ paths: ['chart'], cwd: dir, helm: { set: [`token=${token}`, 'replicas=2,image.tag=stable-alpine'] } });
    expect(result.problems).toHaveLength(1);
    const { message } = result.problems[0] ?? { message: '' };
    expect(message).toContain('token is xoxb… (22 characters)');
    expect(message).toContain('--set token=xoxb… (22 characters)');
    expect(message).not.toContain(token);
    expect(message).not.toContain('stable-alpine');
  });
});

describe.skipIf(!hasHelm)('a value of a --helm-values file in a failed helm render', () => {
  it('is redacted in helm\'s error', async () => {
    const result = await loadInputs({ paths: ['db'], cwd: dir, helm: { valuesFiles: ['secrets.yaml'] } });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain('password is Zx81… (26 characters)');
    expect(result.problems[0]?.message).not.toContain('correct-horse');
  });
});

describe.skipIf(!hasKustomize)('a secretGenerator literal kustomize quotes', () => {
  it('is redacted', async () => {
    const result = await loadInputs({ paths: ['overlay'], cwd: dir });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: 'overlay' }]);
    expect(result.problems[0]?.message).toContain('invalid literal source ghp_');
    expect(result.problems[0]?.message).not.toContain('ghp_rT7xQ2mZ9vL4kP8sW1nB6cY3dF5gH0jK2aE4');
  });
});
