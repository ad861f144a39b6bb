/**
 * What a person acts on: each step of a listed path says where its facts are written (file and
 * line), the table numbers the paths each fix cuts and says how a patch applies.
 */
import { describe, expect, it } from 'vitest';
import { attackPaths, renderAttackPaths } from '../../src/sdk/attack-paths.js';

const EXAMPLES = 'examples/manifests';

describe('attack-path explanations', () => {
  it('name the file and line of the token mount, the escape vectors and the RBAC grant', async () => {
    const { result } = await attackPaths({ paths: [EXAMPLES] });
    const steps = result.paths.flatMap((p) => p.steps);
    const escape = steps.find((s) => s.kind === 'escape' && s.explanation.includes('privileged'));
    expect(escape?.explanation).toMatch(/is privileged: [^;]* \(examples\/manifests\/[\w.-]+\.yaml:\d+\)/);
    const token = steps.find((s) => s.kind === 'token-theft');
    expect(token?.explanation).toMatch(/automountServiceAccountToken is not set in the pod spec at examples\/manifests\/[\w.-]+\.yaml:\d+/);
    const rbac = steps.find((s) => s.kind === 'secret-read' && s.evidence.rbac !== undefined);
    expect(rbac?.explanation).toMatch(/granted by RoleBinding shop\/api-config-reader at examples\/manifests\/20-api\.yaml:\d+ through Role shop\/api-config-reader rule at examples\/manifests\/20-api\.yaml:\d+/);
    // A built-in role has no place in the input; the binding that grants it has.
    const admin = steps.find((s) => s.kind === 'rbac' && s.to === 'cluster-admin');
    expect(admin?.explanation).toMatch(/granted by ClusterRoleBinding log-agent-admin at examples\/manifests\/40-log-agent\.yaml:\d+ through ClusterRole cluster-admin\)/);
  });

  it('number the paths each fix cuts and say how its patch applies', async () => {
    const { result } = await attackPaths({ paths: [EXAMPLES] });
    const table = renderAttackPaths(result, 'table');
    const chosen = result.fixes.filter((f) => result.cut.fixIds.includes(f.id));
    for (const fix of chosen) {
      const numbers = fix.cuts.map((id) => `#${String(result.paths.findIndex((p) => p.id === id) + 1)}`).join(', ');
      expect(table).toContain(`${fix.description}  (cuts ${numbers})`);
    }
    expect(table).toContain('strategic-merge patch of DaemonSet monitoring/log-agent (kubectl patch --type strategic');
  });
});
