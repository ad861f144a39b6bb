/** The images a workload runs, parsed, with where each is written. */
import type { ContainerRef, Workload } from '../../model/k8s.js';
import { pointer } from '../../lib/json-pointer.js';
import { asString } from '../../lib/k8s/values.js';
import type { ImageRef } from '../../lib/image-ref.js';
import { parseImageRef } from '../../lib/image-ref.js';

export interface ContainerImage {
  readonly ref: ContainerRef;
  /** The reference as written. */
  readonly image: string;
  /** Undefined when the reference is not valid. */
  readonly parsed: ImageRef | undefined;
  readonly path: string;
}

/** Every container with a non-empty image (controllers' pod templates may leave it to a mutating webhook). */
export function containerImages(workload: Workload): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const ref of workload.containers) {
    const image = asString(ref.container.image)?.trim();
    if (image === undefined || image === '') continue;
    out.push({ ref, image, parsed: parseImageRef(image), path: pointer(ref.path, 'image') });
  }
  return out;
}
