/**
 * The package-manager commands a RUN runs, recognised the way each tool reads its command line:
 * which tool, which subcommand, which packages. Shared by the cache, pinning and install-flag
 * rules so they agree on what an install is.
 */
import type { ShellCommand } from '../../lib/dockerfile/index.js';
import { hasOption, programOf, unwrapped } from './dockerfile.js';

export type Manager = 'apt-get' | 'apt' | 'aptitude' | 'apk' | 'pip' | 'npm' | 'yarn' | 'gem' | 'yum' | 'dnf' | 'zypper' | 'go';

export interface ManagerCommand {
  readonly manager: Manager;
  /** The program as written (`microdnf`, `pip3`). */
  readonly program: string;
  /** The subcommand (`install`), lower-cased; '' when there is none. */
  readonly action: string;
  /** Arguments after the subcommand. */
  readonly args: readonly string[];
  readonly command: ShellCommand;
}

const PROGRAMS: Readonly<Record<string, Manager>> = {
  'apt-get': 'apt-get', apt: 'apt', aptitude: 'aptitude', apk: 'apk', pip: 'pip', pip2: 'pip', pip3: 'pip', pipx: 'pip',
  npm: 'npm', yarn: 'yarn', gem: 'gem', yum: 'yum', dnf: 'dnf', microdnf: 'dnf', zypper: 'zypper', go: 'go',
};

/** Options before the subcommand that take a value (so the value is not the subcommand). */
const GLOBAL_WITH_VALUE: Readonly<Partial<Record<Manager, readonly string[]>>> = {
  'apt-get': ['-o', '-c', '-t'], apt: ['-o', '-c', '-t'], aptitude: ['-o', '-t'],
  apk: ['-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '-t', '--virtual'],
  yum: ['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-d', '-e'],
  dnf: ['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--repo', '-d', '-e'],
  zypper: ['-c', '--config', '-R', '--root', '--reposd-dir', '--cache-dir'],
};

/** `python -m pip install x` is pip. */
function pythonModule(command: ShellCommand): ShellCommand | undefined {
  const program = programOf(command);
  if (!/^python[0-9.]*$/.test(program)) return undefined;
  const m = command.words.indexOf('-m');
  if (m < 0 || !/^pip[23]?$/.test(command.words[m + 1] ?? '')) return undefined;
  return { ...command, words: command.words.slice(m + 1) };
}

export function managerCommand(raw: ShellCommand): ManagerCommand | undefined {
  const command = pythonModule(unwrapped(raw)) ?? unwrapped(raw);
  const program = programOf(command);
  const manager = PROGRAMS[program];
  if (manager === undefined) return undefined;
  const withValue = GLOBAL_WITH_VALUE[manager] ?? [];
  const words = command.words.slice(1);
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] ?? '';
    if (!word.startsWith('-')) break;
    if (withValue.includes(word)) i++;
  }
  let action = (words[i] ?? '').toLowerCase();
  let args = words.filter((_, j) => j !== i);
  // `dnf module install`, `dnf group install`, `yum module install`: the real action follows.
  if ((manager === 'dnf' || manager === 'yum') && (action === 'module' || action === 'group' || action === 'groupinstall')) {
    const next = words.slice(i + 1).findIndex((w) => !w.startsWith('-'));
    if (action !== 'groupinstall' && next >= 0) {
      const at = i + 1 + next;
      action = `${action} ${(words[at] ?? '').toLowerCase()}`;
      args = words.filter((_, j) => j !== i && j !== at);
    }
  }
  return { manager, program, action, args, command };
}

/** Every package-manager command of a list of shell commands, in order, with its index. */
export function managerCommands(commands: readonly ShellCommand[]): { index: number; call: ManagerCommand }[] {
  return commands.flatMap((command, index) => {
    const call = managerCommand(command);
    return call === undefined ? [] : [{ index, call }];
  });
}

const INSTALL_ACTIONS: Readonly<Record<Manager, readonly string[]>> = {
  'apt-get': ['install'], apt: ['install'], aptitude: ['install'], apk: ['add'], pip: ['install'], npm: ['install', 'i', 'add'],
  yarn: ['add', 'global add'], gem: ['install', 'i'], yum: ['install', 'module install', 'groupinstall', 'group install'],
  dnf: ['install', 'in', 'module install', 'group install'], zypper: ['install', 'in'], go: ['install', 'get', 'run'],
};

export function isInstall(call: ManagerCommand): boolean {
  return INSTALL_ACTIONS[call.manager].includes(call.action);
}

export { hasOption };
