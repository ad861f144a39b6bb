/**
 * The shell form of CMD and ENTRYPOINT runs the program under `/bin/sh -c`: the shell is PID 1,
 * it does not forward SIGTERM, so containers are killed after the grace period instead of shutting
 * down cleanly, and ENTRYPOINT in shell form ignores CMD and `docker run` arguments.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-exec-form',
  title: 'CMD or ENTRYPOINT in shell form',
  severity: 'low',
  threats: ['container-compromise', 'incident-response'],
  mitre: ['T1499'],
  remediation: 'Write CMD and ENTRYPOINT in JSON (exec) form, such as ENTRYPOINT ["/app/server"].',
  references: [
    'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
    'https://docs.docker.com/reference/dockerfile/#entrypoint',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if ((instruction.cmd === 'CMD' || instruction.cmd === 'ENTRYPOINT') && !instruction.json && instruction.args.length > 0) {
        yield fail(`${instruction.cmd} (line ${instruction.line}) is in shell form, so /bin/sh is PID 1 and signals do not reach the program`, path);
      }
    }
  },
});
