/**
 * `palisade scan` takes images next to manifests. Which inputs are images: a name with an image
 * transport (oci:, oci-archive:, docker-archive:, dir:, docker://, docker-daemon:,
 * containers-storage:), an OCI layout directory or skopeo's image directory, an existing tar file (a manifest is never a
 * tar), or an SBOM file (CycloneDX or SPDX, which stands in for the image it describes; a Kubernetes
 * object is never taken for one). A bare reference such as `nginx:1.25` stays a path: a typo in a file name must not turn
 * into a registry pull; write docker://nginx:1.25.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { ImageScanSummary } from '../model/report.js';
import type { Resource } from '../model/resource.js';
import { compareText } from '../lib/compare.js';
import { PalisadeError } from '../core/errors.js';
import { ResourceIndex } from '../core/resource-index.js';
import { isSbomFile, isSkopeoDir } from '../loaders/image/index.js';
import { readHead } from '../loaders/read-bounded.js';
import { imageFindings, loadVexStatements, type ImageFindingsOptions } from './image-scan-findings.js';

const TRANSPORT = /^(?:oci|oci-archive|docker-archive|dir|docker-daemon|containers-storage):|^docker:\/\//;

export function isImageTarget(input: string, cwd: string): boolean {
  if (input === '-') return false;
  if (TRANSPORT.test(input)) return true;
  const path = resolve(cwd, input);
  if (!existsSync(path)) return false;
  try {
    if (statSync(path).isDirectory()) return existsSync(join(path, 'oci-layout')) || isSkopeoDir(path);
    return isTar(path) || isSbomFile(path);
  } catch {
    return false; // unreadable: the manifest loader reports it with its own code
  }
}

function isTar(path: string): boolean {
  const header = readHead(path, 512);
  return header.length === 512 && header.subarray(257, 262).toString('latin1') === 'ustar';
}

export interface ScannedImages {
  readonly findings: readonly Finding[];
  readonly problems: readonly Problem[];
  readonly summaries: readonly ImageScanSummary[];
  /** ImageConfig resources for the image-configuration rules, run by the caller's engine. */
  readonly configResources: readonly Resource[];
}

/**
 * Scans each image in turn (bounded memory: one image at a time). An image that cannot be read is
 * a located error of the run, like an unreadable manifest: the other inputs are still reported.
 * A bad VEX file stops the run (PalisadeError), since it is the command line that is wrong.
 */
export async function scanImageTargets(targets: readonly string[], options: ImageFindingsOptions = {}): Promise<ScannedImages> {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const summaries: ImageScanSummary[] = [];
  const configResources: Resource[] = [];
  if (targets.length === 0) return { findings, problems, summaries, configResources };
  const vex = loadVexStatements(options.vex ?? []);
  for (const target of targets) {
    try {
      const image = await imageFindings(target, options, vex);
      findings.push(...image.findings);
      problems.push(...image.problems);
      summaries.push(image.summary);
      if (image.configResource !== undefined) configResources.push(image.configResource);
    } catch (error) {
      if (!(error instanceof PalisadeError)) throw error;
      problems.push(error.problem.file === undefined ? { ...error.problem, file: target } : error.problem);
    }
  }
  return { findings, problems, summaries, configResources };
}

/** At most this many distinct images are pulled for one scan: a manifest set must not turn into a mirror job. */
export const MAX_WORKLOAD_IMAGES = 200;

/**
 * `--images`: the images the scanned workloads run (containers, init and ephemeral containers), as
 * docker:// targets, distinct and sorted. Findings then name each image by the reference the
 * workload uses, so a finding leads back to the Deployment that runs it.
 */
export function workloadImageTargets(resources: readonly Resource[]): string[] {
  const refs = new Set<string>();
  for (const { workload } of new ResourceIndex(resources).workloads()) {
    for (const { container } of workload.containers) {
      const image = container.image?.trim();
      // An empty or templated reference (a Helm value left unset) names nothing that can be pulled.
      if (image !== undefined && image !== '' && !/[\s{}$]/.test(image)) refs.add(`docker://${image}`);
    }
  }
  return [...refs].sort(compareText).slice(0, MAX_WORKLOAD_IMAGES);
}
