import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FolderListing } from '../scan/folder-scan.js';
import { hashClips } from './key-hash.js';
import { type FoundVideos, keyedListing } from './key-scan.js';

// Hashing is most of the CPU a listing costs once it is read (two MD5s a clip: the selection key and the
// fingerprint). A walk of folders hashes on its scan threads; a listing has no walk, so while this thread
// finds the videos of one class folder after another, worker threads hash most of them.

/** What a worker is sent: a folder's clip ids joined by NUL (no clip id holds one), and their sizes. */
export interface HashMessage {
  readonly index: number;
  readonly seed: string;
  readonly count: number;
  readonly ids: string;
  readonly sizes: Float64Array;
}

export interface HashReply {
  readonly index: number;
  readonly keys: Float64Array;
  readonly lanes: number[];
}

// Below this many clips, starting a thread costs more than it saves.
const CLIPS_FOR_THREADS = 50_000;
const MAX_THREADS = 4;

/**
 * The listings of `count` class folders, folder `i`'s videos found by `find(i)` on this thread and hashed
 * for `seed` here or on a worker. `threads` as --threads: 0 or 1 hashes on this thread alone; by default one
 * thread a CPU (at most 4) when `clips` is large enough. Listings come back in folder order.
 */
export async function keyFolders(
  seed: string,
  count: number,
  find: (index: number) => FoundVideos,
  threads: number | undefined,
  clips: number,
): Promise<FolderListing[]> {
  const listings = new Array<FolderListing>(count);
  const wanted = threads ?? (clips < CLIPS_FOR_THREADS ? 1 : Math.min(MAX_THREADS, availableParallelism()));
  if (wanted <= 1 || count < 2) {
    for (let i = 0; i < count; i++) {
      const found = find(i);
      listings[i] = keyedListing(found, hashClips(seed, found.ids, found.sizes));
    }
    return listings;
  }
  // This thread also finds every folder's videos, so it hashes a share of one folder in `wanted` only.
  const workers = Array.from(
    { length: wanted - 1 },
    () => new Worker(new URL('./key-hash-worker.js', import.meta.url)),
  );
  const pending = new Map<number, FoundVideos>();
  let failure: unknown = null;
  let allSent = false;
  let settle: (() => void) | null = null;
  const settled = new Promise<void>(resolve => {
    settle = resolve;
  });
  const check = (): void => {
    if (failure !== null || (allSent && pending.size === 0)) settle?.();
  };
  for (const worker of workers) {
    worker.on('message', (reply: HashReply) => {
      const found = pending.get(reply.index);
      pending.delete(reply.index);
      if (found !== undefined) listings[reply.index] = keyedListing(found, reply);
      check();
    });
    worker.once('error', error => {
      failure = error;
      check();
    });
  }
  try {
    for (let i = 0; i < count && failure === null; i++) {
      const found = find(i);
      const worker = workers[i % wanted];
      if (worker === undefined) listings[i] = keyedListing(found, hashClips(seed, found.ids, found.sizes));
      else {
        pending.set(i, found);
        const sizes = Float64Array.from(found.sizes);
        const message: HashMessage = { index: i, seed, count: found.ids.length, ids: found.ids.join('\0'), sizes };
        worker.postMessage(message, [sizes.buffer as ArrayBuffer]);
      }
      // Lets the workers' replies in, so that the folders they have hashed are let go of as this goes on.
      await new Promise(resolve => setImmediate(resolve));
    }
    allSent = true;
    check();
    await settled;
  } finally {
    await Promise.all(workers.map(worker => worker.terminate()));
  }
  if (failure !== null) throw failure;
  return listings;
}
