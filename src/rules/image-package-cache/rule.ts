/**
 * Package-manager caches (apt lists, apk and pip caches, npm, yarn, yum, dnf and zypper caches)
 * left in a layer make the image larger and ship a snapshot of repository metadata that only goes
 * stale. They are removed in the same RUN that fills them, or kept out of the layer with a cache
 * mount; a later RUN cannot shrink the layer that already holds them.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, type Violation } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import type { DockerInstruction, ParsedDockerfile, ShellCommand } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, finalStages, instructionsOf, mountedTargets, stageNamed } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';
import { managerCommands } from '../_dockerfile/package-managers.js';
import { APT_DOWNLOADS, asRootHome, CACHES, cleansArchives, isTruthy, removes } from './caches.js';

function* runFindings(run: DockerInstruction, path: string, env: ReadonlyMap<string, string>, keepsDebs: boolean): Generator<Violation> {
  const commands = commandsOf(run);
  const mounted = mountedTargets(run).map(asRootHome);
  const reported = new Set<string>();
  // `export PIP_NO_CACHE_DIR=...` earlier in the same RUN counts like ENV.
  const local = new Map(env);
  commands.forEach((command) => {
    if (command.words[0] === 'export') for (const word of command.words.slice(1)) { const eq = word.indexOf('='); if (eq > 0) local.set(word.slice(0, eq), word.slice(eq + 1)); }
  });
  // Where each kind of cleanup last happens, so "cleaned later in the RUN" is one comparison: a
  // hostile RUN of 100,000 commands made a copy of the rest of the script per install.
  const lastCleanup = new Map<string, number>();
  const cleanedAfter = (index: number, key: string, cleans: (command: ShellCommand) => boolean): boolean => {
    let last = lastCleanup.get(key);
    if (last === undefined) {
      last = commands.findLastIndex((command) => cleans(command));
      lastCleanup.set(key, last);
    }
    return last > index;
  };
  for (const { index, call } of managerCommands(commands)) {
    const spec = CACHES[call.manager];
    // pipx installs into its own virtual environments and cleans up after itself.
    if (spec === undefined || reported.has(spec.name) || call.program === 'pipx') continue;
    const downloadsDebs = spec.name === 'apt' && APT_DOWNLOADS.includes(call.action);
    if (downloadsDebs && keepsDebs && !mounted.includes('/var/cache/apt') && !cleanedAfter(index, 'apt archives', cleansArchives)) {
      reported.add(spec.name);
      yield fail(`RUN (line ${run.line}) runs ${call.program} ${call.action} with docker-clean removed and leaves the apt cache (/var/cache/apt/archives) in the layer`, path);
      continue;
    }
    if (!spec.fills.includes(call.action) || spec.mounts.some((target) => mounted.includes(target))) continue;
    if (spec.avoided?.(call) === true) continue;
    if (spec.name === 'pip') {
      const assigned = call.command.assignments.map((a) => a.split('=')).find(([key]) => key === 'PIP_NO_CACHE_DIR')?.[1];
      if (isTruthy(assigned ?? local.get('PIP_NO_CACHE_DIR'))) continue;
    }
    if (cleanedAfter(index, spec.name, spec.cleans)) continue;
    reported.add(spec.name);
    yield fail(`RUN (line ${run.line}) runs ${call.program} ${call.action} and leaves the ${spec.name} cache (${spec.path}) in the layer`, path);
  }
}

/** ENV values each stage starts with: a stage built FROM an earlier stage inherits its environment. */
function* dockerfileFindings(dockerfile: ParsedDockerfile): Generator<Violation> {
  const shipped = finalStages(dockerfile);
  // Debian images ship /etc/apt/apt.conf.d/docker-clean, which deletes downloaded .debs; removing it
  // (to use a cache mount) keeps them in /var/cache/apt unless that is mounted too.
  const keepsDebs = [...instructionsOf(dockerfile)].some(({ instruction }) => commandsOf(instruction).some((c) => removes(c, '/etc/apt/apt.conf.d/docker-clean')));
  const envAtEnd = new Map<number, Map<string, string>>();
  let env = new Map<string, string>();
  let stage = -2;
  for (const { instruction, path, stage: s, onbuild } of instructionsOf(dockerfile)) {
    if (s !== stage) {
      if (stage !== -2) envAtEnd.set(stage, env);
      const parent = s < 0 ? undefined : stageNamed(dockerfile, dockerfile.stages[s]?.resolvedImage ?? '', s);
      env = new Map(parent === undefined ? [] : envAtEnd.get(parent) ?? []);
      stage = s;
    }
    if (instruction.cmd === 'ENV' && !onbuild) for (const pair of instruction.pairs ?? []) env.set(pair.key, pair.value ?? '');
    // An ONBUILD RUN runs in every image built from this one, wherever this stage ends up.
    if (instruction.cmd === 'RUN' && (onbuild || shipped.has(s))) yield* runFindings(instruction, path, env, keepsDebs);
  }
}

/** A size as people read it: an index of 40 KiB was shown as "0.0 MiB". */
function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function* imageFindings(resource: Resource): Generator<Violation> {
  const image = imageConfigOf(resource);
  for (const [i, cache] of (image?.packageCaches ?? []).entries()) {
    yield fail(`the image keeps the ${cache.manager} cache at ${cache.path} (${sizeOf(cache.bytes)})`, pointer('/packageCaches', i));
  }
}

export const rule = defineRule({
  id: 'image-package-cache',
  title: 'Package-manager cache left in the image',
  severity: 'low',
  threats: ['image-security', 'supply-chain'],
  mitre: ['T1525'],
  remediation: 'Clean the package-manager cache in the same RUN that fills it, or use the manager\'s no-cache option or a RUN --mount=type=cache.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
    'https://github.com/hadolint/hadolint/wiki/DL3009',
  ],
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource) {
    if (resource.kind === 'ImageConfig') {
      yield* imageFindings(resource);
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile !== undefined) yield* dockerfileFindings(dockerfile);
  },
});
