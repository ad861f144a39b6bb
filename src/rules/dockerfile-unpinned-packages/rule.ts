/**
 * Packages installed without a version are whatever the repository serves on the day of the
 * build: two builds of one Dockerfile differ, a bad or malicious release arrives without a code
 * change, and nobody can say which version an image holds from its source.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { expandVariables, type ParsedDockerfile } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, stageInstructions, withoutCredentials } from '../_dockerfile/dockerfile.js';
import { managerCommands, type ManagerCommand } from '../_dockerfile/package-managers.js';
import { installsPackages, unpinnedPackages } from './pinning.js';

/** A word whose content is only known at build time: a variable without a known value, or a command substitution. */
const UNKNOWN = /[$`]/;
/** Characters of variable values expanded per command, at most (real package lists are far shorter). */
const MAX_EXPANDED = 64 * 1024;

function globalArgs(dockerfile: ParsedDockerfile): Map<string, string> {
  const globals = new Map<string, string>();
  for (const instruction of dockerfile.preamble) {
    if (instruction.cmd === 'ARG') for (const pair of instruction.pairs ?? []) if (pair.value !== null) globals.set(pair.key, pair.value);
  }
  return globals;
}

/**
 * The command with `$NAME` and `${NAME}` words replaced by their ARG or ENV values, split as the
 * shell splits them (`ARG PKGS="curl git"` then `apt-get install $PKGS` installs curl and git).
 * A word with an unknown variable or a substitution stays as it is, and is not judged: it may well
 * hold pinned versions.
 */
function withValues(call: ManagerCommand, values: ReadonlyMap<string, string>): ManagerCommand {
  if (!call.args.some((word) => word.includes('$'))) return call;
  // A hostile file can name a megabyte-long ARG thousands of times: expand a bounded amount.
  let budget = MAX_EXPANDED;
  const args = call.args.flatMap((word) => {
    if (!word.includes('$') || word.includes('$(') || word.includes('`')) return [word];
    const missing: string[] = [];
    const value = expandVariables(word, (name) => {
      const known = values.get(name);
      if (known === undefined) missing.push(name);
      return known;
    });
    if (missing.length > 0 || value.length > budget) return [word];
    budget -= value.length;
    return value.split(/\s+/).filter((part) => part !== '');
  });
  return { ...call, args };
}

export const rule = defineRule({
  id: 'dockerfile-unpinned-packages',
  title: 'Packages installed without a pinned version',
  severity: 'low',
  threats: ['supply-chain'],
  mitre: ['T1195.001'],
  remediation: 'Pin every installed package to a version (apt-get install pkg=1.2-3, apk add pkg=1.2-r0, pip install pkg==1.2, npm install pkg@1.2, go install mod@v1.2).',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://github.com/hadolint/hadolint/wiki/DL3008',
    'https://slsa.dev/spec/v1.0/requirements',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    const globals = globalArgs(dockerfile);
    for (let stage = -1; stage < dockerfile.stages.length; stage++) {
      // What `$NAME` is in a RUN: the ARG and ENV values set earlier in the stage.
      const values = new Map<string, string>();
      for (const { instruction, path, onbuild } of stageInstructions(dockerfile, stage)) {
        if (!onbuild && (instruction.cmd === 'ARG' || instruction.cmd === 'ENV')) {
          for (const pair of instruction.pairs ?? []) {
            const value = pair.value ?? globals.get(pair.key);
            if (value === undefined) values.delete(pair.key);
            else values.set(pair.key, value);
          }
        }
        for (const { call } of managerCommands(commandsOf(instruction))) {
          if (!installsPackages(call)) continue;
          // A package given by URL may carry a token (git+https://oauth2:TOKEN@host/...): never shown.
          const loose = unpinnedPackages(withValues(call, values)).filter((word) => !UNKNOWN.test(word)).map(withoutCredentials);
          if (loose.length === 0) continue;
          const shown = loose.length > 5 ? `${loose.slice(0, 5).join(', ')} and ${loose.length - 5} more` : loose.join(', ');
          yield fail(`${call.program} ${call.action} (line ${instruction.line}) does not pin the version of ${shown}`, path);
        }
      }
    }
  },
});
