/**
 * The threat model of docs/THREATS.md: each threat and additional consideration, with the rules
 * whose metadata names it. Derived from rule metadata, so a rule joins by naming its threats.
 */
import type { RuleMeta } from '../core/rule.js';
import { THREAT_IDS, threatTitle } from '../model/threats.js';
import type { Framework } from './types.js';
import { rules } from './types.js';

export function threatModelFramework(all: readonly RuleMeta[]): Framework {
  return {
    id: 'threat-model',
    title: 'Palisade threat model (THREATS.md)',
    version: '1',
    url: 'docs/frameworks.md#threat-model',
    controls: THREAT_IDS.map((threat) => {
      const ids = all.filter((rule) => rule.threats.includes(threat)).map((rule) => rule.id).sort();
      const title = threatTitle(threat);
      return ids.length > 0 ? { id: threat, title, checks: rules(...ids) } : { id: threat, title, manual: 'no rule addresses it yet' };
    }),
  };
}
