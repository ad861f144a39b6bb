/**
 * The image-configuration rules on real images, built by podman (buildah) from a Containerfile:
 * the config and history they judge are the ones a builder writes (`#(nop)` steps, build
 * arguments recorded as `|1 NAME=value` in front of a RUN, HEALTHCHECK NONE, USER uid:gid),
 * not hand-written YAML.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanImage, type Finding } from '../../src/sdk/index.js';
import { type Podman, startPodman } from '../image/support/podman.js';

const GITHUB_TOKEN = 'ghp_Q8vT2pLw9xK4mZq8vT2pLw9xK4mZq8vT2pLw';
const NPM_TOKEN = 'npm_Z3kP9qLm2Rt7vB8cZ3kP9qLm2Rt7vB8cZ3kP';
const NOW = new Date('2026-11-29T00:00:00Z');

let podman: Podman;
let work: string;
const archives: Record<string, string> = {};

/** Builds in docker format: the OCI config has no Healthcheck field, so HEALTHCHECK would be dropped. */
function build(name: string, containerfile: string): void {
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), containerfile);
  podman.run(['build', '--quiet', '--network', 'none', '--format', 'docker', '-t', `localhost/palisade-config-${name}:1`, context]);
  archives[name] = podman.save(`localhost/palisade-config-${name}:1`, 'docker-archive');
}

beforeAll(() => {
  podman = startPodman();
  work = mkdtempSync(join(podman.dir, 'cwd-'));
  build('app', [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN mkdir -p /etc /var/cache/apk && echo "root:x:0:0::/root:/bin/sh" > /etc/passwd && echo "app:x:1000:1000::/:/bin/sh" >> /etc/passwd'
      + ' && head -c 40000 /bin/busybox > /var/cache/apk/APKINDEX.00000000.tar.gz && cp /bin/busybox /helper && chmod 4755 /helper',
    `ENV GITHUB_TOKEN=${GITHUB_TOKEN}`,
    `ARG NPM_TOKEN=${NPM_TOKEN}`,
    'RUN echo building',
    'HEALTHCHECK NONE',
    'USER 1000:0',
    '',
  ].join('\n'));
  build('root', ['FROM localhost/palisade-config-app:1', 'USER root', ''].join('\n'));
  build('alias', ['FROM localhost/palisade-config-app:1', 'USER root', 'RUN echo "svc:x:0:0::/:/bin/sh" >> /etc/passwd', 'USER svc', ''].join('\n'));
}, 300_000);

afterAll(() => {
  podman.cleanup();
});

async function findings(name: string): Promise<readonly Finding[]> {
  const { report } = await scanImage(`docker-archive:${archives[name] ?? ''}`, { db: join(work, 'none.sqlite'), now: NOW, cwd: work, secrets: false });
  return report.findings;
}

const of = (all: readonly Finding[], rule: string): string[][] => all.filter((f) => f.ruleId === rule).map((f) => [f.message, f.location.path]);

describe('image-configuration rules on a podman-built image', () => {
  it('takes HEALTHCHECK NONE as a choice and USER 1000:0 as an unprivileged user', async () => {
    const all = await findings('app');
    expect(of(all, 'image-healthcheck-missing')).toEqual([]);
    expect(of(all, 'image-runs-as-root')).toEqual([]);
  });

  it('finds the ENV secret in the config and the build argument in the history step of the RUN that saw it', async () => {
    const all = await findings('app');
    const secrets = of(all, 'image-secret-in-config');
    expect(secrets).toContainEqual(['environment variable GITHUB_TOKEN holds a GitHub token: ghp_… (40 characters)', '/config/Env/1']);
    // buildah records the build argument in front of the RUN (`|1 NPM_TOKEN=... /bin/sh -c echo building`).
    expect(secrets.filter(([message]) => message?.includes('npm access token'))).toHaveLength(1);
    expect(JSON.stringify(all)).not.toContain(GITHUB_TOKEN.slice(4));
    expect(JSON.stringify(all)).not.toContain(NPM_TOKEN.slice(4));
  });

  it('reports the setuid file and the package cache left in the file system', async () => {
    const all = await findings('app');
    expect(of(all, 'image-setuid-files')).toEqual([['/helper is setuid (mode 4755)', '/setuidFiles/0']]);
    expect(of(all, 'image-package-cache')).toEqual([['the image keeps the apk cache at /var/cache/apk (39.1 KiB)', '/packageCaches/0']]);
  });

  it('fails an image whose final USER is root, and keeps the health check it inherits', async () => {
    const all = await findings('root');
    expect(of(all, 'image-runs-as-root')).toEqual([['the image runs as root (User "root")', '/config/User']]);
    expect(of(all, 'image-healthcheck-missing')).toEqual([]);
  });

  it('resolves a User the build made a second name for uid 0 through the history buildah wrote', async () => {
    const all = await findings('alias');
    expect(of(all, 'image-runs-as-root')).toEqual([['the image runs as User "svc", which history step 10 gave uid 0, so it runs as root under another name', '/config/User']]);
  });
});
