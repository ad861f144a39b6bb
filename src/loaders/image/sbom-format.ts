/**
 * Which kind of SBOM file a path is, told by its first bytes and not its name (bom.json,
 * sbom.cdx, image.spdx.json.gz are all in use): JSON in UTF-8 or UTF-16 (what PowerShell's `>`
 * writes), gzip-compressed or not, is read; the other formats SBOM tools write (CycloneDX XML,
 * SPDX tag-value, YAML and RDF, Syft's own JSON) are recognised so the user hears what to convert
 * them to instead of "not a tar archive".
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { readHead } from '../read-bounded.js';
import { type ByteSource, bufferSource, fileSource } from './sbom-json.js';

export type SbomFile =
  | { readonly kind: 'json'; readonly encoding: 'utf8' | 'utf16le' | 'utf16be'; readonly gzip: boolean }
  | { readonly kind: 'unsupported'; readonly format: string; readonly hint: string };

const HEAD_BYTES = 65536;
/** Of a gzip file, enough to see what it holds: inflated, 4 KiB give at most some 4 MiB. */
const GZIP_HEAD_BYTES = 4096;

/**
 * What an SBOM says of itself near its start. A document written with sorted keys (jq -S, Python's
 * sort_keys) has spdxVersion last, after every package; its SPDXID of SPDXRef-DOCUMENT comes first.
 */
const DECLARED = /"bomFormat"\s*:\s*"CycloneDX"|"spdxVersion"\s*:\s*"SPDX-2\.|"SPDXID"\s*:\s*"SPDXRef-DOCUMENT"/;

const KUBERNETES_OBJECT = /^\{\s*"apiVersion"\s*:\s*"[^"]+"\s*,\s*"kind"\s*:|^\{\s*"kind"\s*:\s*"[^"]+"\s*,\s*"apiVersion"\s*:/;

const UNSUPPORTED: readonly { readonly test: RegExp; readonly format: string; readonly hint: string }[] = [
  { test: /^<\?xml[^>]*>\s*<bom\b[^>]*cyclonedx\.org\/schema\/bom|^<bom\b[^>]*cyclonedx\.org\/schema\/bom/, format: 'CycloneDX XML', hint: 'Convert it to JSON (`cyclonedx convert --input-file bom.xml --output-file bom.json`), or have the tool write CycloneDX JSON (`syft -o cyclonedx-json`, `trivy --format cyclonedx`).' },
  { test: /^(?:#.*\n\s*)*SPDXVersion:\s*SPDX-/, format: 'SPDX tag-value', hint: 'Convert it to JSON (`pyspdxtools -i bom.spdx -o bom.spdx.json`), or have the tool write SPDX JSON (`syft -o spdx-json`, `trivy --format spdx-json`).' },
  { test: /^(?:#.*\n\s*|---\s*\n\s*)*["']?spdxVersion["']?\s*:\s*["']?SPDX-/, format: 'SPDX YAML', hint: 'Convert it to JSON (`pyspdxtools -i bom.spdx.yaml -o bom.spdx.json`).' },
  { test: /^\{\s*"artifacts"\s*:\s*\[/, format: 'Syft\'s own JSON format', hint: 'Convert it (`syft convert sbom.json -o cyclonedx-json=bom.cdx.json`), or have Syft write CycloneDX or SPDX JSON (`syft -o cyclonedx-json`).' },
  { test: /^<\?xml[^>]*>\s*<rdf:RDF\b[\s\S]*spdx\.org\/rdf\/terms/, format: 'SPDX RDF/XML', hint: 'Convert it to JSON (`pyspdxtools -i bom.spdx.rdf.xml -o bom.spdx.json`).' },
];

/**
 * What `path` holds, when it is an SBOM (JSON declaring itself one in its first 64 KiB, or another
 * SBOM format); undefined for anything else, a missing path included.
 */
export function sniffSbomFile(path: string): SbomFile | undefined {
  let head: Buffer;
  try {
    if (!statSync(path).isFile()) return undefined;
    head = readHead(path, HEAD_BYTES);
  } catch {
    return undefined;
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (gzip) {
    try {
      // A partial stream: what the first bytes inflate to, without an error for the missing rest.
      head = gunzipSync(head.subarray(0, GZIP_HEAD_BYTES), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 8 * 1024 * 1024 });
    } catch {
      return undefined;
    }
  }
  const encoding = encodingOf(head);
  const text = decodeHead(head, encoding).replace(/^\uFEFF?\s*/, '');
  // JSON that says what it is (the writers put it first). A Kubernetes object is no SBOM, even one
  // that holds an SBOM (Kubescape stores them as SBOMSPDXv2p3 objects): it is for the manifest loader.
  if (text.startsWith('{') && DECLARED.test(text) && !KUBERNETES_OBJECT.test(text)) return { kind: 'json', encoding, gzip };
  const unsupported = UNSUPPORTED.find((u) => u.test.test(text));
  return unsupported === undefined ? undefined : { kind: 'unsupported', format: unsupported.format, hint: unsupported.hint };
}

/**
 * The document as UTF-8 bytes, a window at a time: gzip inflated (whole, at most `maxBytes`; zlib
 * has no synchronous stream), UTF-16 transcoded as it is read. `close` releases the file.
 */
export function openSbomSource(path: string, file: { readonly encoding: 'utf8' | 'utf16le' | 'utf16be'; readonly gzip: boolean }, maxBytes: number): { readonly source: ByteSource; readonly close: () => void } {
  if (file.gzip) {
    let inflated: Buffer;
    try {
      inflated = gunzipSync(readWhole(path), { maxOutputLength: maxBytes });
    } catch (error) {
      // zlib stops at maxOutputLength with a RangeError (ERR_BUFFER_TOO_LARGE): a bomb, or just too big.
      if (error instanceof RangeError) throw new GzipError(`more than ${maxBytes} bytes once decompressed`, true);
      throw new GzipError(`a corrupt or truncated gzip stream (${error instanceof Error ? error.message : String(error)})`, false);
    }
    const plain = bufferSource(inflated);
    return { source: file.encoding === 'utf8' ? plain : transcoded(plain, file.encoding), close: () => undefined };
  }
  const fd = openSync(path, 'r');
  const plain = fileSource(fd);
  return { source: file.encoding === 'utf8' ? plain : transcoded(plain, file.encoding), close: () => { closeSync(fd); } };
}

/** A gzip SBOM that is corrupt, or inflates beyond the size an SBOM may have (`tooLarge`). */
export class GzipError extends Error {
  readonly tooLarge: boolean;
  constructor(message: string, tooLarge: boolean) {
    super(message);
    this.tooLarge = tooLarge;
  }
}

function readWhole(path: string): Buffer {
  const size = statSync(path).size;
  const buffer = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buffer, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buffer.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** UTF-16 by its byte order mark, or by the zero bytes of ASCII text without one (RFC 4627 section 3). */
function encodingOf(head: Buffer): 'utf8' | 'utf16le' | 'utf16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return 'utf16le';
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return 'utf16be';
  return 'utf8';
}

function decodeHead(head: Buffer, encoding: 'utf8' | 'utf16le' | 'utf16be'): string {
  return encoding === 'utf8' ? head.toString('utf8') : new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(head);
}

/** UTF-16 bytes from `source` as UTF-8, decoded a chunk at a time (a character cut in two waits for its rest). */
function transcoded(source: ByteSource, encoding: 'utf16le' | 'utf16be'): ByteSource {
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
  const chunk = Buffer.alloc(256 * 1024);
  let pending = Buffer.alloc(0);
  let done = false;
  return (into, offset, length) => {
    while (pending.length === 0 && !done) {
      const n = source(chunk, 0, chunk.length);
      if (n === 0) done = true;
      pending = Buffer.from(n === 0 ? decoder.decode() : decoder.decode(chunk.subarray(0, n), { stream: true }), 'utf8');
    }
    const n = pending.copy(into, offset, 0, Math.min(length, pending.length));
    pending = pending.subarray(n);
    return n;
  };
}
