/**
 * YAML merge keys in `.palisade.yaml`: exceptions that share an owner, expiry and scope say it
 * once (`<<: *common`), as kubectl, Helm and CI files allow. A problem in a shared block is
 * located in the block.
 */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { issuesToProblems } from '../../src/config/issues.js';

const SHARED = `exceptions:
  - &cni
    rule: host-namespaces
    namespace: kube-system
    owner: platform
    expires: 2027-01-31
    reason: CNI agents need the node's network
  - <<: *cni
    rule: privileged-container
  - <<: [*cni]
    rule: sensitive-host-path
    reason: CNI agents write /etc/cni/net.d
`;

function validate(text: string): { data?: unknown; problems: string[] } {
  const parsed = parseConfigText(text, 'x.yaml');
  if (parsed.raw === undefined) return { problems: parsed.problems.map((p) => `${p.line ?? 0}:${p.column ?? 0} ${p.message}`) };
  const result = configSchema.safeParse(parsed.raw);
  if (result.success) return { data: result.data, problems: [] };
  return { problems: issuesToProblems(result.error.issues, parsed.locate).map((p) => `${p.line ?? 0}:${p.column ?? 0} ${p.message}`) };
}

describe('merge keys in the configuration', () => {
  it('merges a shared block into each exception; keys written beside <<: win', () => {
    const { data, problems } = validate(SHARED);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({
      exceptions: [
        { rules: ['host-namespaces'], namespace: 'kube-system', owner: 'platform', expires: '2027-01-31', reason: "CNI agents need the node's network" },
        { rules: ['privileged-container'], namespace: 'kube-system', owner: 'platform', expires: '2027-01-31', reason: "CNI agents need the node's network" },
        { rules: ['sensitive-host-path'], namespace: 'kube-system', owner: 'platform', reason: 'CNI agents write /etc/cni/net.d' },
      ],
    });
  });

  it('locates a problem brought in by a merge at the shared block', () => {
    const text = `exceptions:
  - &shared
    rule: host-namespaces
    namspace: kube-system
    reason: CNI
  - <<: *shared
    rule: privileged-container
`;
    // Line 4 holds the misspelt key for both exceptions: that is where it is fixed.
    expect(validate(text).problems).toEqual(['4:5 unknown key "namspace" in exceptions[0]', '4:5 unknown key "namspace" in exceptions[1]']);
  });
});
