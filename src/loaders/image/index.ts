/** Reading container images safely: sources, streamed layers, the merged file system. */
export { readImage, type ImageProgress, type ImageRead, type ReadImageOptions } from './read-image.js';
export { readLayer, newBudget, type LayerEntry, type LayerReadOptions, type LayerStats, type ReadBudget } from './layer-reader.js';
export { RootFs, type FileNode, type FileVersion, type Node } from './rootfs.js';
export { DEFAULT_LIMITS, resolveLimits, type ImageLimits } from './limits.js';
export { ImageError, imageProblem, type ImageProblemCode } from './problems.js';
export { isSkopeoDir, parseTarget, type ImageTarget } from './target.js';
export type { ImageConfig } from './manifests.js';
export { isSbomFile, parsePurl, readSbomInventory } from './sbom-input.js';
