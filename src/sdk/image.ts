/**
 * Images in the public API: read an image safely, inventory its packages, write SBOMs.
 */
import { ANALYZERS, condenserFor, streamCondenserFor, takeInventory, wantedBy } from '../analyzers/index.js';
import { MAX_SECRET_FILE_BYTES, scanConfigForSecrets, scanFileForSecrets, wantsSecretScan } from '../analyzers/secrets/index.js';
import { type ImageLimits, type ImageProgress, isSbomFile, readImage, readSbomInventory } from '../loaders/image/index.js';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';
import type { ImageSecret, Inventory } from '../model/package.js';
import { imageFactsOf, PASSWD_PATH, type ImageFacts } from '../loaders/image-config/index.js';
import { cycloneDx } from '../writers/cyclonedx/index.js';
import { spdx } from '../writers/spdx/index.js';
import { VERSION } from './version.js';

export interface InventoryOptions {
  /** os/arch[/variant] for multi-platform images (default: the host's). */
  readonly platform?: string;
  readonly limits?: Partial<ImageLimits>;
  /** docker://: plain HTTP, and a PEM file of extra CAs for a private registry. */
  readonly insecure?: boolean;
  readonly caFile?: string;
  /** Environment for credential lookup (REGISTRY_AUTH_FILE, DOCKER_CONFIG, HOME); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Also look for secrets in every layer (deleted files included) and in the image config. */
  readonly secrets?: boolean;
  /** Also collect what the image-configuration rules judge (config, history, size, setuid files, caches). */
  readonly configFacts?: boolean;
  /** Reports bytes received and layer bytes read as they stream, then the package analysis. */
  readonly onProgress?: (progress: InventoryProgress) => void;
}

/** What a long read is doing: receiving an engine export, streaming layers, analyzing packages. */
export type InventoryProgress = ImageProgress | { readonly phase: 'packages' };

export interface InventoryResult {
  readonly inventory: Inventory;
  /** Present when options.secrets was set; values redacted. */
  readonly secrets?: readonly ImageSecret[];
  /** Present when options.configFacts was set and the target is an image with a configuration. */
  readonly facts?: ImageFacts;
  readonly stats: { readonly layers: number; readonly compressedBytes: number; readonly uncompressedBytes: number; readonly entries: number; readonly millis: number };
}

/**
 * The packages of an image, a root directory, or an SBOM file (CycloneDX or SPDX JSON). Throws PalisadeError (with a coded problem) when the
 * image cannot be read safely; analyzer problems are in inventory.problems.
 */
const wantedByAnalyzers = wantedBy(ANALYZERS);
const wantedWithPasswd = (path: string, mode?: number): boolean => path === PASSWD_PATH || wantedByAnalyzers(path, mode);

export async function inventoryImage(target: string, options: InventoryOptions = {}): Promise<InventoryResult> {
  const started = performance.now();
  // An SBOM stands in for the image it describes.
  if (isSbomFile(target)) {
    const inventory = readSbomInventory(target);
    return { inventory, stats: { layers: 0, compressedBytes: 0, uncompressedBytes: 0, entries: 0, millis: Math.round(performance.now() - started) } };
  }
  const found: { path: string; layer: number; secrets: ImageSecret[] }[] = [];
  const tooLarge = new LargeFiles();
  const wantsSecrets = (path: string, size: number): boolean => {
    const wanted = wantsSecretScan(path, size);
    if (!wanted && size > MAX_SECRET_FILE_BYTES && wantsSecretScan(path, 1)) tooLarge.add(path, size);
    return wanted;
  };
  const read = await readImage(target, {
    ...(options.secrets === true ? { inspect: { wants: wantsSecrets, onFile: (path: string, content: Buffer, layer: number) => {
      const secrets = scanFileForSecrets(path, content, undefined);
      if (secrets.length > 0) found.push({ path, layer, secrets });
    } } } : {}),
    // The image-configuration rules resolve the config's User in the image's /etc/passwd, as the runtime does.
    wants: options.configFacts === true ? wantedWithPasswd : wantedByAnalyzers,
    condense: condenserFor(ANALYZERS),
    condenseStream: streamCondenserFor(ANALYZERS),
    ...(options.platform === undefined ? {} : { platform: options.platform }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.insecure === undefined ? {} : { insecure: options.insecure }),
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  options.onProgress?.({ phase: 'packages' });
  const inventory = takeInventory({
    target, files: read.fs, layerDigests: read.layerDigests, problems: [...read.problems, ...tooLarge.problems()],
    ...(read.image === undefined ? {} : { image: read.image }),
  }, ANALYZERS);
  const stats = { ...read.stats, millis: Math.round(performance.now() - started) };
  // A root directory has no configuration: the configuration rules would judge an empty one.
  const facts = options.configFacts === true && read.config !== undefined ? { facts: imageFactsOf(read, inventory.os) } : {};
  if (options.secrets !== true) return { inventory, stats, ...facts };
  const secrets: ImageSecret[] = [];
  for (const { path, layer, secrets: inFile } of found) {
    // Gone from the final file system, or replaced by a later layer: still shipped in the image.
    const node = read.fs.lookupLiteral(path);
    const deleted = layer >= 0 && (node === undefined || node.layer !== layer);
    const digest = read.layerDigests[layer];
    for (const s of inFile) secrets.push({ ...s, ...(digest === undefined ? {} : { layer: digest }), ...(deleted ? { deleted } : {}) });
  }
  const config = read.config;
  if (config !== undefined) secrets.push(...scanConfigForSecrets({ env: config.config?.Env, labels: config.config?.Labels, history: config.history }));
  return { inventory, secrets, stats, ...facts };
}

export const SBOM_FORMATS = ['cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

export interface SbomRenderOptions {
  /** Injected clock for reproducible documents. */
  readonly now?: () => Date;
  /** Serial number / namespace uuid; derived from the content when omitted. */
  readonly id?: string;
  /** CycloneDX only: vulnerability findings about the inventory's packages, as the `vulnerabilities` section. */
  readonly vulnerabilities?: readonly Finding[];
}

export function renderSbom(inventory: Inventory, format: SbomFormat, options: SbomRenderOptions = {}): string {
  const common = { toolVersion: VERSION, ...options };
  return format === 'cyclonedx' ? cycloneDx(inventory, common) : spdx(inventory, common);
}

/**
 * Files the secret search passed over for their size, counted so the report says so: a credential
 * in a 5 MB bundle is as real as in a small file, and the user should know it was not looked for.
 */
class LargeFiles {
  private count = 0;
  private largest: { path: string; size: number } | undefined;

  add(path: string, size: number): void {
    this.count++;
    if (this.largest === undefined || size > this.largest.size) this.largest = { path, size };
  }

  problems(): Problem[] {
    if (this.largest === undefined) return [];
    const files = this.count === 1 ? 'one file' : `${String(this.count)} files`;
    const mib = (this.largest.size / (1024 * 1024)).toFixed(1);
    return [problem('secrets-not-searched', `${files} over 1 MiB not searched for secrets (the largest: ${this.largest.path}, ${mib} MiB)`)];
  }
}
