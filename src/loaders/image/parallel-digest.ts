/**
 * Digests of layer streams computed on a worker thread. Verifying a layer means SHA-256 over both
 * the blob and the uncompressed tar (about 0.3 s of a 300 MB image); on the main thread that sat
 * beside tar parsing and analysis while zlib inflated on the thread pool. Here the main thread only
 * copies each chunk into a ring of shared memory (one memcpy, ~7 times cheaper than hashing it) and
 * a worker hashes it in parallel. postMessage per chunk was measured slower than hashing in place
 * (each message allocates and page-faults a fresh buffer), hence the ring.
 *
 * The digest is only ever of the bytes the reader consumed: they are copied, not re-read.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export type DigestAlgorithm = 'sha256' | 'sha512';

/** A digest being computed over a stream of chunks. */
export interface StreamDigest {
  /** Adds bytes; a promise when the caller must wait for room (the worker is behind). */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** `algorithm:hex` once every byte passed to update is hashed. Call once, after the last update. */
  digest(): Promise<string>;
}

/** Hands out stream digests, on the worker for big streams; close() once the image is read. */
export interface Digester {
  start(algorithm: DigestAlgorithm, expectedBytes: number): StreamDigest;
  close(): void;
}

/** Below this many bytes, hashing in place is cheaper than starting the worker (~20 ms of a core). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Shared ring per stream: the writer waits only when the worker is this far behind. */
const RING_BYTES = 8 * 1024 * 1024;

// Control words of a ring (Int32Array indexes). Counters are byte totals modulo 2^32 (compared
// by difference, so they wrap safely; the ring size is a power of two well under 2^31).
const WRITTEN = 0;
const READ = 1;
const ENDED = 2;
/** 1 while the writer waits for room: only then does the worker notify (a notify takes a lock). */
const WRITER_WAITS = 3;
// The worker's doorbell: a counter bumped on news, and 1 while the worker sleeps on it (only then
// is it notified; notifying on every chunk was measured at a tenth of the scan's main thread).
const BELL = 0;
const SLEEPING = 1;
/**
 * A sleeping worker is woken for this much data (or an end): on a busy machine each wake can cost
 * the main thread its core for a while, and one per chunk cost more than the hashing saved.
 */
const WAKE_BYTES = 2 * 1024 * 1024;

export function inlineDigest(algorithm: DigestAlgorithm): StreamDigest {
  const hash = createHash(algorithm);
  return {
    update(chunk) {
      hash.update(chunk);
      return undefined;
    },
    digest: () => Promise.resolve(`${algorithm}:${hash.digest('hex')}`),
  };
}

/** Hashes in place, always (single small layers, tests). */
export function inlineDigester(): Digester {
  return { start: (algorithm) => inlineDigest(algorithm), close: () => undefined };
}

/** A digester that starts one worker on the first stream of PARALLEL_MIN_BYTES or more. */
export function parallelDigester(minBytes = PARALLEL_MIN_BYTES): Digester {
  let worker: DigestWorker | undefined;
  return {
    start(algorithm, expectedBytes) {
      if (expectedBytes < minBytes) return inlineDigest(algorithm);
      try {
        worker ??= new DigestWorker();
        return worker.start(algorithm);
      } catch {
        // No thread to be had (a worker that failed to start, a resource limit): hash in place.
        return inlineDigest(algorithm);
      }
    },
    close() {
      worker?.close();
      worker = undefined;
    },
  };
}

interface Registration {
  readonly id: number;
  readonly algorithm: DigestAlgorithm;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

interface WorkerReply {
  readonly id: number;
  readonly hex?: string;
  readonly error?: string;
}

/** Atomics.waitAsync (ES2024; Node 20 has it, the project's lib is ES2023). */
type WaitAsync = (array: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

class DigestWorker {
  private readonly worker: Worker;
  /** Bumped (and notified) whenever there is news for the worker: data, an end, a new stream. */
  private readonly bell = new Int32Array(new SharedArrayBuffer(2 * 4));
  private readonly pending = new Map<number, { resolve: (hex: string) => void; reject: (error: Error) => void }>();
  /** Control words of the streams still being written, woken if the worker dies. */
  private readonly active = new Set<Int32Array>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor() {
    this.worker = new Worker(`(${hashLoop.toString()})(require('node:worker_threads'), require('node:crypto'));`, {
      eval: true,
      workerData: { bell: this.bell.buffer },
      // Its heap holds a few hash objects: a small cap keeps the thread's footprint small.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
    });
    this.worker.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.hex !== undefined) waiter?.resolve(reply.hex);
      else waiter?.reject(new Error(`digest worker: ${reply.error ?? 'no digest'}`));
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      // A writer waiting for room would wait forever: wake it to see the failure.
      for (const control of this.active) Atomics.notify(control, READ);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`digest worker exited (code ${code})`));
    });
  }

  start(algorithm: DigestAlgorithm): StreamDigest {
    const id = this.nextId++;
    const control = new Int32Array(new SharedArrayBuffer(4 * 4));
    const shared = new SharedArrayBuffer(RING_BYTES);
    const data = Buffer.from(shared);
    const registration: Registration = { id, algorithm, control: control.buffer, data: shared };
    if (this.failure !== undefined) throw this.failure;
    this.worker.postMessage(registration);
    this.ring();
    this.active.add(control);
    let written = 0;
    const write = (chunk: Uint8Array): Promise<void> | undefined => {
      let offset = 0;
      while (offset < chunk.length) {
        if (this.failure !== undefined) throw this.failure;
        const read = Atomics.load(control, READ);
        const free = RING_BYTES - ((written - read) | 0);
        if (free === 0) {
          const rest = chunk.subarray(offset);
          // Announced before the wait, which rechecks READ: a notify cannot be missed.
          Atomics.store(control, WRITER_WAITS, 1);
          const wait = waitAsync(control, READ, read);
          const retry = (): Promise<void> | undefined => {
            Atomics.store(control, WRITER_WAITS, 0);
            return write(rest);
          };
          return wait.async ? wait.value.then(retry) : retry();
        }
        const at = written & (RING_BYTES - 1);
        const n = Math.min(free, chunk.length - offset, RING_BYTES - at);
        // fill() with a buffer as long as the range is one native memcpy; set() into shared
        // memory copies with relaxed atomics, 2-4 times slower.
        data.fill(chunk.subarray(offset, offset + n), at, at + n);
        offset += n;
        written = (written + n) | 0;
        Atomics.store(control, WRITTEN, written);
        this.ring(RING_BYTES - free + n >= WAKE_BYTES);
      }
      return undefined;
    };
    return {
      update: write,
      digest: () => {
        if (this.failure !== undefined) return Promise.reject(this.failure);
        const result = new Promise<string>((resolve, reject) => { this.pending.set(id, { resolve, reject }); });
        this.active.delete(control);
        Atomics.store(control, ENDED, 1);
        this.ring();
        return result.then((hex) => `${algorithm}:${hex}`);
      },
    };
  }

  /** Lets the worker finish and exit; streams not yet digested are abandoned. */
  close(): void {
    this.closed = true;
    this.worker.postMessage({ stop: true });
    this.ring();
    // It exits on its own: it must never keep the process alive.
    this.worker.unref();
  }

  /** Tells the worker there is news; a sleeping worker is woken only when `urgent` (a little data waits for more). */
  private ring(urgent = true): void {
    Atomics.add(this.bell, BELL, 1);
    if (urgent && Atomics.load(this.bell, SLEEPING) === 1) Atomics.notify(this.bell, BELL);
  }
}

/**
 * The worker's whole program, run from its source text (a worker needs a file or a string; this
 * keeps it type-checked and working both from src/ under the tests and from dist/). It takes its
 * modules as arguments, so it closes over nothing.
 */
function hashLoop(threads: typeof import('node:worker_threads'), crypto: typeof import('node:crypto')): void {
  const port = threads.parentPort;
  if (port === null) return;
  const bell = new Int32Array((threads.workerData as { bell: SharedArrayBuffer }).bell);
  const streams = new Map<number, { control: Int32Array; data: Uint8Array; hash: import('node:crypto').Hash; read: number }>();
  for (;;) {
    const seen = Atomics.load(bell, 0);
    for (let m = threads.receiveMessageOnPort(port); m !== undefined; m = threads.receiveMessageOnPort(port)) {
      const message = m.message as { stop?: boolean; id: number; algorithm: string; control: SharedArrayBuffer; data: SharedArrayBuffer };
      if (message.stop === true) return;
      streams.set(message.id, { control: new Int32Array(message.control), data: new Uint8Array(message.data), hash: crypto.createHash(message.algorithm), read: 0 });
    }
    let busy = false;
    for (const [id, s] of streams) {
      const written = Atomics.load(s.control, 0);
      if (written !== s.read) {
        const size = s.data.length;
        const at = s.read & (size - 1);
        const n = Math.min((written - s.read) | 0, size - at);
        s.hash.update(s.data.subarray(at, at + n));
        s.read = (s.read + n) | 0;
        Atomics.store(s.control, 1, s.read);
        if (Atomics.load(s.control, 3) === 1) Atomics.notify(s.control, 1);
        busy = true;
      } else if (Atomics.load(s.control, 2) === 1 && Atomics.load(s.control, 0) === s.read) {
        // The end flag is read before the final count, so no write can slip between them.
        port.postMessage({ id, hex: s.hash.digest('hex') });
        streams.delete(id);
      }
    }
    if (!busy) {
      // SLEEPING is set before the wait rechecks the bell, so a ring either changes the bell
      // before that check or sees SLEEPING and notifies.
      Atomics.store(bell, 1, 1);
      Atomics.wait(bell, 0, seen);
      Atomics.store(bell, 1, 0);
    }
  }
}
