/**
 * Where a finding is, as text: `file:line:column pointer`. Positions are 1-based; 0 means there
 * is none (an object read from a live cluster; a package file inside an image has a line but no column),
 * and printing it as `:0` would send an editor or a CI annotation to a place that does not exist.
 */
import { IMAGE_API_VERSION, type Finding } from '../../model/finding.js';
import { isFileBacked } from './artifact-path.js';

export function placeText(finding: Finding): string {
  const { file, line, column, path } = finding.location;
  const position = !isFileBacked(file) || line < 1 ? '' : column < 1 ? `:${line}` : `:${line}:${column}`;
  return `${file}${position} ${path === '' ? '/' : path}`;
}

/**
 * Whether the finding's file is one of the scanning machine's (a workspace file a CI system can
 * annotate): not stdin, not a cluster, and not a path inside a scanned image.
 */
export function isWorkspaceFile(finding: Finding): boolean {
  return isFileBacked(finding.location.file) && finding.resource.apiVersion !== IMAGE_API_VERSION;
}
