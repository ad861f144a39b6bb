/**
 * The shell form of CMD and ENTRYPOINT runs the program under `/bin/sh -c`: the shell is PID 1,
 * it does not forward SIGTERM, so containers are killed after the grace period instead of shutting
 * down cleanly, and ENTRYPOINT in shell form ignores CMD and `docker run` arguments.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

/** A bracketed argument the parser did not take as JSON: almost always a broken exec form (`['a', 'b']`). */
function looksLikeJson(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']');
}

/**
 * What the shell form costs. `exec program ...` (the usual way to keep it) hands PID 1 and the
 * signals to the program; an ENTRYPOINT in shell form still ignores CMD and `docker run` arguments.
 */
function shellFormEffect(cmd: string, line: string): string {
  const execs = /^\s*exec\s/.test(line);
  if (cmd === 'ENTRYPOINT') {
    return execs
      ? 'so CMD and docker run arguments are ignored (exec hands PID 1 to the program, but /bin/sh -c still parses the line)'
      : 'so /bin/sh is PID 1, signals do not reach the program, and CMD and docker run arguments are ignored';
  }
  return execs ? 'so /bin/sh -c parses the line and the image needs a shell (exec then hands PID 1 to the program)' : 'so /bin/sh is PID 1 and signals do not reach the program';
}

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
        yield fail(looksLikeJson(instruction.text)
          ? `${instruction.cmd} (line ${instruction.line}) is meant as JSON but is not valid JSON (${instruction.text.includes("'") ? 'JSON strings need double quotes' : 'check its quotes and commas'}), so /bin/sh runs the text itself as a command line`
          : `${instruction.cmd} (line ${instruction.line}) is in shell form, ${shellFormEffect(instruction.cmd, instruction.args[0] ?? '')}`, path);
      }
    }
  },
});
