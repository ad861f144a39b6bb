/**
 * Flags that act on one kind of input, given when no input is of that kind: Helm values with no
 * chart among the inputs, VEX documents or an advisory store with no image. Silently ignored, a
 * mistyped path (`scan k8s/ --helm-values prod.yaml` for `scan chart/ ...`) looks applied and the
 * run passes on what was never rendered; like every flag that would have no effect with the
 * others given (docs/cli.md), they are a usage error, said before the inputs are read.
 */
import type { Problem } from '../sdk/index.js';
import { holdsHelmChart, scansImages } from '../sdk/index.js';
import { unusedFlagsProblem } from './usage.js';

export interface HelmFlags {
  readonly helmValues?: readonly string[] | undefined;
  readonly set?: readonly string[] | undefined;
  /** The --helm-namespace, --helm-kube-version and --helm-api-versions setting flags (their option keys). */
  readonly helmNamespace?: unknown;
  readonly helmKubeVersion?: unknown;
  readonly helmApiVersions?: unknown;
}

export interface ImageFlags {
  readonly vex?: readonly string[] | undefined;
  readonly db?: string | undefined;
  readonly ignoreUnfixed?: boolean | undefined;
  readonly insecure?: boolean | undefined;
  readonly images?: boolean | undefined;
}

/** --helm-values, --set and the other Helm setting flags when no input is or holds a Helm chart. */
export async function inertHelmFlagProblems(paths: readonly string[], flags: HelmFlags): Promise<Problem[]> {
  const given = {
    '--helm-values': flags.helmValues, '--set': flags.set, '--helm-namespace': flags.helmNamespace,
    '--helm-kube-version': flags.helmKubeVersion, '--helm-api-versions': flags.helmApiVersions,
  };
  if (Object.values(given).every((value) => value === undefined) || (await holdsHelmChart(paths))) return [];
  const found = unusedFlagsProblem(
    given,
    'without a Helm chart among the inputs (Helm settings apply only to the charts Palisade renders)',
    'Name the chart (the directory holding Chart.yaml, or its packaged .tgz), or drop the flag; `helm template` output piped in is already rendered.',
  );
  return found === undefined ? [] : [found];
}

/** --vex, --db, --ignore-unfixed and --insecure when no input is an image and --images is not given. */
export function inertImageFlagProblems(paths: readonly string[], flags: ImageFlags): Problem[] {
  if (scansImages({ paths, scanWorkloadImages: flags.images === true })) return [];
  const found = unusedFlagsProblem(
    { '--vex': flags.vex, '--db': flags.db, '--ignore-unfixed': flags.ignoreUnfixed, '--insecure': flags.insecure },
    'without an image to scan: no input is an image and --images is not given',
    'Name the image among the inputs (oci-archive:app.tar, docker://REGISTRY/REPO:TAG), add --images for the images the workloads run, or drop the flag.',
  );
  return found === undefined ? [] : [found];
}
