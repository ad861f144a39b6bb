/**
 * The directory report paths are relative to. Code-scanning dashboards and CI annotations read a
 * relative path as relative to the repository root, so in CI it is the checkout (GitHub Actions'
 * GITHUB_WORKSPACE, GitLab's CI_PROJECT_DIR), even when palisade runs in a subdirectory of it
 * (`working-directory: infra`); elsewhere it is the working directory.
 */
import { resolve } from 'node:path';
import { relativePath } from './artifact-path.js';

export interface CheckoutBase {
  /** The directory palisade ran in: relative file names are relative to it. */
  readonly cwd: string;
  /** The directory report paths are made relative to. */
  readonly root: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const isSet = (value: string | undefined): value is string => value !== undefined && value !== '';

export function checkoutBase(env: Env, cwd: string): CheckoutBase {
  if (env.GITHUB_ACTIONS === 'true' && isSet(env.GITHUB_WORKSPACE)) return { cwd, root: env.GITHUB_WORKSPACE };
  if (env.GITLAB_CI === 'true' && isSet(env.CI_PROJECT_DIR)) return { cwd, root: env.CI_PROJECT_DIR };
  return { cwd, root: cwd };
}

/** Both directories the same: paths relative to where palisade ran. */
export function workingDirectory(cwd: string): CheckoutBase {
  return { cwd, root: cwd };
}

/** The file's path relative to the checkout, with forward slashes, or undefined outside it. */
export function checkoutPath(file: string, base: CheckoutBase): string | undefined {
  return relativePath(resolve(base.cwd, file), base.root);
}
