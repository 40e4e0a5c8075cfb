import { parentPort } from 'node:worker_threads';
import { hashClips } from './key-hash.js';
import type { HashMessage, HashReply } from './key-hash-pool.js';

// A hashing worker for a listing's clips (key-hash-pool.ts): keys and fingerprint sums, a folder at a time.
const port = parentPort;
if (port === null) throw new Error('key-hash-worker must run as a worker thread');

port.on('message', (task: HashMessage) => {
  const ids = task.count === 0 ? [] : task.ids.split('\0');
  const { keys, lanes } = hashClips(task.seed, ids, task.sizes);
  const reply: HashReply = { index: task.index, keys, lanes };
  port.postMessage(reply, [keys.buffer as ArrayBuffer]);
});
