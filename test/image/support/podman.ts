/**
 * Real images for the tests, built by podman in a private store under a temp dir (so tests never
 * touch the machine's images and can run in parallel). scripts/setup-images.sh installs podman;
 * when it is missing the tests fail with that instruction rather than skipping.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The private store's engine settings. tmp_dir is private too: podman's default (/run/libpod) is
 * shared by every store, and one test's `system reset` removes it under another's running build
 * ("creating runtime status file: open /run/libpod/alive").
 */
function containersConf(dir: string): string {
  return `[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "${dir}/libpod-tmp"
`;
}

export interface Podman {
  readonly dir: string;
  /** The environment that points podman at this private store (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF). */
  readonly env: NodeJS.ProcessEnv;
  run(args: readonly string[], options?: { cwd?: string; timeout?: number }): string;
  build(context: string, tag: string): void;
  save(tag: string, format: 'oci-dir' | 'oci-archive' | 'docker-archive'): string;
  cleanup(): void;
}

export function requireTool(tool: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' });
  } catch {
    throw new Error(`${tool} is not installed: run \`bash scripts/setup-images.sh\` (installs podman, runc, skopeo, umoci, busybox-static, debootstrap)`);
  }
}

/** A private podman store; `driver` vfs (the default: works everywhere) or overlay. */
export function startPodman(options: { driver?: 'vfs' | 'overlay' } = {}): Podman {
  requireTool('podman');
  requireTool('runc');
  const dir = mkdtempSync(join(tmpdir(), 'palisade-podman-'));
  writeFileSync(join(dir, 'containers.conf'), containersConf(dir));
  writeFileSync(join(dir, 'storage.conf'), `[storage]\ndriver = "${options.driver ?? 'vfs'}"\ngraphroot = "${dir}/graph"\nrunroot = "${dir}/run"\n`);
  mkdirSync(join(dir, 'out'));
  const env = { ...process.env, CONTAINERS_CONF: join(dir, 'containers.conf'), CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'), TMPDIR: dir };
  let saved = 0;
  const run = (args: readonly string[], options: { cwd?: string; timeout?: number } = {}): string => {
    try {
      return execFileSync('podman', args, { env, cwd: options.cwd ?? dir, timeout: options.timeout ?? 300_000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).toString();
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`podman ${args.join(' ')} failed: ${stderr.slice(-2000)}`);
    }
  };
  return {
    dir,
    env,
    run,
    build(context, tag) {
      run(['build', '--quiet', '--network', 'none', '-t', tag, context]);
    },
    save(tag, format) {
      saved += 1;
      const out = join(dir, 'out', `${saved}-${format}${format === 'oci-dir' ? '' : '.tar'}`);
      run(['save', '--quiet', '--format', format, '-o', out, tag]);
      return out;
    },
    cleanup() {
      try {
        run(['system', 'reset', '--force'], { timeout: 60_000 });
      } catch {
        // The temp dir goes anyway; a failed reset only leaves vfs layers in it.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
