/**
 * Where the file links of a comment point. A relative link in a pull-request comment resolves
 * against the page it is on (github.com/OWNER/REPO/pull/12/deploy/web.yaml, a 404), so in CI the
 * links go to the scanned commit's file view instead, which is what a reviewer wants to open.
 * Outside CI they stay relative (a Markdown file in the repository, a local preview).
 */
import { pathToUri } from '../common/artifact-path.js';
import { checkoutBase, checkoutPath, isSet, type CheckoutBase, type Env } from '../common/checkout.js';

export interface LinkBase extends CheckoutBase {
  /** The URL a checkout-relative path is appended to ("https://github.com/o/r/blob/SHA/"), if any. */
  readonly blobUrl?: string;
}

/** GitHub Actions and GitLab CI say which commit of which repository they run on. */
export function ciLinkBase(env: Env, cwd: string): LinkBase {
  const base = checkoutBase(env, cwd);
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (env.GITHUB_ACTIONS === 'true' && isSet(server) && isSet(repo) && isSet(sha)) {
    return { ...base, blobUrl: `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}/` };
  }
  const { CI_PROJECT_URL: project, CI_COMMIT_SHA: commit } = env;
  if (env.GITLAB_CI === 'true' && isSet(project) && isSet(commit)) {
    return { ...base, blobUrl: `${project.replace(/\/+$/, '')}/-/blob/${commit}/` };
  }
  return base;
}

/** The link target for a file and line, or undefined for a file outside the checkout. */
export function fileHref(file: string, line: number, base: LinkBase): string | undefined {
  const relative = checkoutPath(file, base);
  if (relative === undefined) return undefined;
  return `${base.blobUrl ?? ''}${pathToUri(relative)}${line >= 1 ? `#L${String(line)}` : ''}`;
}
