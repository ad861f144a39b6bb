/**
 * Where the file links of a comment point. A relative link in a pull-request comment resolves
 * against the page it is on (github.com/OWNER/REPO/pull/12/deploy/web.yaml, a 404), so in CI the
 * links go to the scanned commit's file view instead, which is what a reviewer wants to open.
 * Outside CI they stay relative (a Markdown file in the repository, a local preview).
 */
import { resolve } from 'node:path';
import { pathToUri, relativePath } from '../common/artifact-path.js';

export interface LinkBase {
  /** The directory palisade ran in: relative file names are relative to it. */
  readonly cwd: string;
  /** The directory links are relative to: the repository checkout in CI, else `cwd`. */
  readonly root: string;
  /** The URL a relative path is appended to ("https://github.com/o/r/blob/SHA/"), if any. */
  readonly blobUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/** GitHub Actions and GitLab CI say which commit of which repository they run on. */
export function ciLinkBase(env: Env, cwd: string): LinkBase {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (env.GITHUB_ACTIONS === 'true' && set(server) && set(repo) && set(sha)) {
    return { cwd, root: set(env.GITHUB_WORKSPACE) ? env.GITHUB_WORKSPACE : cwd, blobUrl: `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}/` };
  }
  const { CI_PROJECT_URL: project, CI_COMMIT_SHA: commit } = env;
  if (env.GITLAB_CI === 'true' && set(project) && set(commit)) {
    return { cwd, root: set(env.CI_PROJECT_DIR) ? env.CI_PROJECT_DIR : cwd, blobUrl: `${project.replace(/\/+$/, '')}/-/blob/${commit}/` };
  }
  return { cwd, root: cwd };
}

/** The link target for a file and line, or undefined for a file outside the checkout. */
export function fileHref(file: string, line: number, base: LinkBase): string | undefined {
  // Made absolute first: palisade may run in a subdirectory of the checkout (cd infra && palisade scan k8s/).
  const relative = relativePath(resolve(base.cwd, file), base.root);
  if (relative === undefined) return undefined;
  return `${base.blobUrl ?? ''}${pathToUri(relative)}${line >= 1 ? `#L${String(line)}` : ''}`;
}
