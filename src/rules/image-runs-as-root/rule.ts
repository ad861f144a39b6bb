/**
 * An image whose user is root gives every process in its containers uid 0: a code-execution bug
 * is root in the container, one step from the host through any kernel or runtime flaw, and able
 * to rewrite the image's own files. Kubernetes can override the user, but the image's default is
 * what runs wherever nobody did.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import { expandVariables, shellCommands, type DockerInstruction, type ParsedDockerfile, type ShellCommand } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, finalStages, operands, programOf, stageInstructions, unwrapped, type Located } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';

/** The user part of `user[:group]`: the group does not make a process root (see doc.md on `1000:0`). */
function userPart(user: string): string {
  return user.trim().split(':')[0] ?? '';
}

/**
 * `root`, or a number that is 0: the runtime takes a name that is no passwd entry as a number, so
 * `00` and `+0` are uid 0 too (tried with podman and runc).
 */
function isRoot(user: string): boolean {
  const name = userPart(user);
  return name === 'root' || /^[+-]?0+$/.test(name);
}

/**
 * Windows containers have no root: their administrator is ContainerAdministrator (the user of a
 * Windows image that sets none, as servercore), or LocalSystem; nanoserver sets ContainerUser.
 */
function isWindowsAdministrator(user: string): boolean {
  return ['containeradministrator', 'nt authority\\system', 'system'].includes(user.trim().toLowerCase());
}

/** Options of useradd, usermod and adduser (shadow, Debian, busybox) that take a value. */
const ACCOUNT_OPTIONS_WITH_VALUE = [
  '-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home', '--home-dir', '-h', '-s', '--shell', '-c', '--comment', '--gecos',
  '-e', '--expiredate', '-f', '--inactive', '-k', '--skel', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix',
  '-Z', '--selinux-user', '-l', '--login', '--ingroup', '--firstuid', '--lastuid',
];

/**
 * The account a command gives uid 0 (`useradd -o -u 0 toor`, `usermod -u 0 app`, `adduser -u 0
 * admin`): `USER toor` is then root under another name, as the image's /etc/passwd resolves it.
 */
function uidZeroAccount(command: ShellCommand): string | undefined {
  const c = unwrapped(command);
  if (!['useradd', 'usermod', 'adduser'].includes(programOf(c))) return undefined;
  const words = c.words.slice(1);
  const uid = words.flatMap((word, i) => {
    if (word === '-u' || word === '--uid') return [words[i + 1] ?? ''];
    const joined = /^(?:--uid=|-[A-Za-z]*u)(.+)$/.exec(word);
    return joined === null || word.startsWith('--') && !word.startsWith('--uid=') ? [] : [joined[1] ?? ''];
  }).at(-1);
  return uid !== undefined && /^[+-]?0+$/.test(uid) ? operands(c, ACCOUNT_OPTIONS_WITH_VALUE).at(-1) : undefined;
}

/** The shell script of a history step that ran a command (`/bin/sh -c ...`, BuildKit's `RUN ... # buildkit`), not a `#(nop)` step. */
function historyScript(createdBy: string): string | undefined {
  if (createdBy.includes('#(nop)')) return undefined;
  const script = /(?:^|\s)(?:\/usr)?(?:\/bin\/)?(?:ba|da|a)?sh -c (.*)$/s.exec(createdBy)?.[1];
  return script?.endsWith('# buildkit') === true ? script.slice(0, -'# buildkit'.length).trimEnd() : script;
}

/**
 * Whether a script makes NAME a second name for uid 0: `useradd -o -u 0 NAME` and the like, or a
 * passwd line `NAME:x:0:...` it writes. The image's /etc/passwd then resolves NAME to root.
 */
function givesUidZero(script: string, commands: readonly ShellCommand[], name: string): boolean {
  const passwdLine = new RegExp(`(?:^|[\\s'"])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[^:\\s]*:0+:`);
  return passwdLine.test(script) || commands.some((command) => uidZeroAccount(command) === name);
}

/** The history step (0-based) that made NAME a second name for uid 0, if any. */
function uidZeroStep(history: readonly { readonly created_by?: string | undefined }[], name: string): number | undefined {
  const step = history.findLastIndex(({ created_by: createdBy = '' }) => {
    const script = historyScript(createdBy);
    return script !== undefined && givesUidZero(script, shellCommands(script), name);
  });
  return step < 0 ? undefined : step;
}

interface LastUser {
  readonly located: Located;
  /** The user with variables expanded. */
  readonly user: string;
  /** Variables the USER names that had no value. */
  readonly unset: readonly string[];
  /** Build arguments declared without a default (empty unless --build-arg gives one). */
  readonly argsWithoutDefault: ReadonlySet<string>;
  /** The RUNs of the chain before it (their accounts are the image's). */
  readonly runsBefore: readonly DockerInstruction[];
}

/** The last USER of the chain, expanded with the ARG defaults (global ones when redeclared) and ENV values set before it. */
function lastUser(dockerfile: ParsedDockerfile, chain: readonly number[]): LastUser | undefined {
  const values = new Map<string, string>();
  const argsWithoutDefault = new Set<string>();
  const globals = new Map(dockerfile.preamble.flatMap((i) => (i.cmd === 'ARG' ? (i.pairs ?? []) : [])).flatMap((p) => (p.value === null ? [] : [[p.key, p.value] as const])));
  const runs: DockerInstruction[] = [];
  let last: (Omit<LastUser, 'runsBefore'> & { readonly runCount: number }) | undefined;
  for (const located of chain.flatMap((stage) => stageInstructions(dockerfile, stage).filter((l) => !l.onbuild))) {
    const { instruction } = located;
    if (instruction.cmd === 'RUN') runs.push(instruction);
    for (const pair of instruction.cmd === 'ARG' || instruction.cmd === 'ENV' ? (instruction.pairs ?? []) : []) {
      // `ARG NAME` inside a stage brings in the global ARG's default.
      const value = pair.value ?? globals.get(pair.key);
      if (value !== undefined) {
        values.set(pair.key, value);
        argsWithoutDefault.delete(pair.key);
      } else if (!values.has(pair.key)) argsWithoutDefault.add(pair.key);
    }
    if (instruction.cmd === 'USER') {
      const unset: string[] = [];
      const user = expandVariables(instruction.args.join(' '), (name) => {
        const value = values.get(name);
        if (value === undefined) unset.push(name);
        return value;
      }, dockerfile.directives.escape);
      last = { located, user, unset, argsWithoutDefault: new Set(argsWithoutDefault), runCount: runs.length };
    }
  }
  return last === undefined ? undefined : { ...last, runsBefore: runs.slice(0, last.runCount) };
}

export const rule = defineRule({
  id: 'image-runs-as-root',
  title: 'Image runs as root',
  severity: 'medium',
  threats: ['container-compromise', 'image-security', 'host-compromise'],
  mitre: ['T1611', 'T1610'],
  remediation: 'Create an unprivileged user in the image and end the final stage with USER <uid>.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#user',
    'https://docs.docker.com/build/building/best-practices/#user',
    'https://csrc.nist.gov/pubs/sp/800/190/final',
  ],
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource) {
    if (resource.kind === 'ImageConfig') {
      const image = imageConfigOf(resource);
      // No config at all (a root file system): nothing says which user runs.
      if (image?.config === undefined || image.config === null) return;
      const user = image.config.User ?? '';
      if (image.platformOs === 'windows') {
        if (user.trim() === '') yield fail('the Windows image sets no user, so its containers run as ContainerAdministrator, the container\'s administrator', '/config');
        else if (isWindowsAdministrator(user)) yield fail(`the Windows image runs as its administrator (User "${user}")`, '/config/User');
        return;
      }
      if (user.trim() === '') yield fail('the image sets no user, so its containers run as root', '/config');
      else if (isRoot(user)) yield fail(`the image runs as root (User "${user}")`, '/config/User');
      else {
        // The history step that made the alias says more than the passwd file it left, when there is one.
        const step = userPart(user) === '' ? undefined : uidZeroStep(image.history ?? [], userPart(user));
        if (step !== undefined) yield fail(`the image runs as User "${user}", which history step ${step + 1} gave uid 0, so it runs as root under another name`, '/config/User');
        else if (image.userUid === 0) yield fail(`the image runs as User "${user}", which the image's /etc/passwd gives uid 0, so it runs as root under another name`, '/config/User');
      }
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    // The final image's user is the last USER of its stage chain (a stage built FROM an earlier stage inherits it).
    const chain = [...finalStages(dockerfile)].sort((a, b) => a - b);
    const final = dockerfile.stages.length - 1;
    const base = dockerfile.stages[chain[0] ?? final]?.resolvedImage ?? '';
    const fromScratch = base.toLowerCase() === 'scratch';
    const last = lastUser(dockerfile, chain);
    if (last === undefined) {
      const from = final < 0 ? '' : ` (FROM on line ${dockerfile.stages[final]?.from.line ?? 1})`;
      if (fromScratch) yield fail(`the final stage${from} has no USER instruction and is built from scratch, so it runs as root`, `/stages/${final}/from`);
      else yield warn(`the final stage${from} has no USER instruction, so it runs as the user of "${base || 'its base image'}" (root unless that image sets one)`, final < 0 ? '' : `/stages/${final}/from`);
      return;
    }
    const { located: { instruction, path }, user, unset, argsWithoutDefault, runsBefore } = last;
    const written = instruction.args.join(' ');
    const switches = `the final stage switches to USER ${written === user || user === '' ? written : `${written} (${user})`} (line ${instruction.line})`;
    if (isRoot(user)) {
      yield fail(`${switches}, so the image runs as root`, path);
      return;
    }
    const name = userPart(user);
    const alias = name === '' ? undefined : runsBefore.findLast((run) => givesUidZero([run.text, ...(run.heredocs ?? []).map((d) => d.body)].join('\n'), commandsOf(run), name));
    if (alias !== undefined) {
      yield fail(`${switches}, an account the RUN on line ${alias.line} gave uid 0, so the image runs as root under another name`, path);
      return;
    }
    if (isWindowsAdministrator(user)) {
      yield fail(`${switches}, the administrator of a Windows container`, path);
      return;
    }
    // An empty user (a variable nobody set) is no user at all: the runtime starts the process as root.
    if (userPart(user) !== '' || unset.length === 0) return;
    const names = [...new Set(unset)].join(', ');
    const noDefault = [...new Set(unset.filter((name) => argsWithoutDefault.has(name)))];
    // A global ARG (before the first FROM) is only seen inside a stage that declares it again.
    const hidden = [...new Set(unset.filter((name) => dockerfile.preamble.some((i) => i.cmd === 'ARG' && (i.pairs ?? []).some((pair) => pair.key === name))))];
    if (hidden.length > 0) {
      yield fail(`${switches}, which is empty: a global ARG (${hidden.join(', ')}, before the first FROM) is not seen inside a stage that does not declare it again (ARG ${hidden[0] ?? ''}), so the image runs as root`, path);
    } else if (noDefault.length > 0) {
      yield warn(`${switches}, which is empty unless the build is given --build-arg ${noDefault.map((name) => `${name}=...`).join(' ')} (ARG without a default), so the image runs as root`, path);
    } else if (fromScratch) {
      yield fail(`${switches}, which is empty because no ARG or ENV sets ${names}, so the image runs as root`, path);
    } else {
      yield warn(`${switches}, which is empty because no ARG or ENV of this Dockerfile sets ${names}: unless "${base}" sets it in its environment, the image runs as root`, path);
    }
  },
});
