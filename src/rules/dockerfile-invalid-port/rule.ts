/** EXPOSE with a port outside 0-65535 documents a port nothing can listen on. */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-invalid-port',
  title: 'EXPOSE names an invalid port',
  severity: 'low',
  threats: ['network-security'],
  mitre: ['T1046'],
  remediation: 'EXPOSE ports between 0 and 65535, with an optional /tcp or /udp.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#expose',
    'https://github.com/hadolint/hadolint/wiki/DL3011',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd !== 'EXPOSE') continue;
      for (const spec of instruction.args) {
        const ports = spec.replace(/\/(tcp|udp|sctp)$/i, '').split('-');
        const bad = ports.filter((port) => !port.includes('$') && (!/^\d+$/.test(port) || Number(port) > 65535));
        if (bad.length > 0) yield fail(`EXPOSE ${spec} (line ${instruction.line}) is not a valid port or port range`, path);
      }
    }
  },
});
