/**
 * Package installs in a build must not wait for an answer and should not pull more than asked:
 * without -y the install aborts (or hangs) at the confirmation prompt, apt-get without
 * --no-install-recommends adds recommended packages (more code, more CVEs), `apt` is the
 * interactive front end whose output and behaviour may change, and `zypper dist-upgrade` moves the
 * base image to another release behind its tag.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import type { ManagerCommand } from '../_dockerfile/package-managers.js';
import { commandsOf, dockerfileOf, hasOption, instructionsOf } from '../_dockerfile/dockerfile.js';
import { managerCommands } from '../_dockerfile/package-managers.js';

/** apt-get counts -q twice (-qq) as "assume yes". */
function aptAssumesYes(call: ManagerCommand): boolean {
  if (hasOption(call.command, ['--yes', '--assume-yes', '--force-yes'], ['y'])) return true;
  const quiet = call.command.words.slice(1).reduce((n, word) => n + (word === '--quiet' ? 1 : /^-[a-z]+$/i.test(word) ? (word.match(/q/g) ?? []).length : 0), 0);
  return quiet >= 2 || call.command.words.includes('--quiet=2');
}

function* problems(call: ManagerCommand): Generator<string> {
  const head = `${call.program} ${call.action}`;
  const install = call.action === 'install' || call.action === 'in';
  switch (call.manager) {
    case 'apt':
      yield `${head} uses apt, the interactive front end; use apt-get in scripts`;
      return;
    case 'apt-get':
      if (call.action !== 'install') return;
      if (!aptAssumesYes(call)) yield `${head} has no -y, so it stops at the confirmation prompt`;
      if (!hasOption(call.command, ['--no-install-recommends']) && !call.command.words.some((w) => /^APT::Install-Recommends=(false|0|no)$/i.test(w))) {
        yield `${head} installs recommended packages too; add --no-install-recommends`;
      }
      return;
    case 'yum':
    case 'dnf':
      if ((install || call.action === 'module install' || call.action === 'groupinstall' || call.action === 'group install') && !hasOption(call.command, ['--assumeyes'], ['y'])) {
        yield `${head} has no -y, so it stops at the confirmation prompt`;
      }
      return;
    case 'zypper':
      if (call.action === 'dist-upgrade' || call.action === 'dup') yield `${head} upgrades the whole distribution, changing the base image behind its tag`;
      else if (install && !hasOption(call.command, ['--non-interactive', '--no-confirm'], ['n', 'y'])) yield `${head} has no -n/-y, so it stops at the confirmation prompt`;
      return;
    default:
      return;
  }
}

export const rule = defineRule({
  id: 'dockerfile-package-install-flags',
  title: 'Package install that prompts, adds recommends or uses an interactive tool',
  severity: 'low',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525'],
  remediation: 'Install with apt-get install -y --no-install-recommends (yum/dnf install -y, zypper install -n) and never dist-upgrade in a Dockerfile.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://github.com/hadolint/hadolint/wiki/DL3014',
    'https://github.com/hadolint/hadolint/wiki/DL3015',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      for (const { call } of managerCommands(commandsOf(instruction))) {
        for (const message of problems(call)) yield fail(`${message} (line ${instruction.line})`, path);
      }
    }
  },
});
