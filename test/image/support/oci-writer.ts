/**
 * Writes small OCI image layouts by hand (for tests that need exact control: multi-platform
 * indexes, tampered blobs) with real gzip'd tar layers and correct digests.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export async function tarOf(files: Readonly<Record<string, string>>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    pack.on('data', (c) => { chunks.push(c as Buffer); });
    pack.on('end', () => { resolve(); });
  });
  for (const [name, body] of Object.entries(files)) pack.entry({ name, size: Buffer.byteLength(body) }, body);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export class OciWriter {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  }

  blob(bytes: Buffer, mediaType: string): { mediaType: string; digest: string; size: number } {
    writeFileSync(join(this.dir, 'blobs/sha256', sha(bytes)), bytes);
    return { mediaType, digest: `sha256:${sha(bytes)}`, size: bytes.length };
  }

  /** One image: layers given as uncompressed tars, gzip'd here. Returns the manifest descriptor. */
  image(layers: readonly Buffer[], architecture = 'amd64', extra: { config?: object; history?: object[] } = {}): { mediaType: string; digest: string; size: number } {
    const config = Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${sha(l)}`) }, config: extra.config ?? { Env: ['PATH=/bin'] }, ...(extra.history === undefined ? {} : { history: extra.history }) }));
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: this.blob(config, 'application/vnd.oci.image.config.v1+json'),
      layers: layers.map((l) => this.blob(gzipSync(l), 'application/vnd.oci.image.layer.v1.tar+gzip')),
    }));
    return this.blob(manifest, 'application/vnd.oci.image.manifest.v1+json');
  }

  index(manifests: readonly object[], file = 'index.json'): Buffer {
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
    writeFileSync(join(this.dir, file), bytes);
    return bytes;
  }
}
