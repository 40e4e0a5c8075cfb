import { parentPort, workerData } from 'node:worker_threads';
import { encodeListing, type WorkerSetup, type WorkerTask } from './folder-pool.js';
import { scanFolder } from './folder-scan.js';

// A scan worker: lists the class folders the pool hands it, one at a time, and posts each listing back.
const setup = workerData as WorkerSetup;
const extensions = new Set(setup.extensions);
const port = parentPort;
if (port === null) throw new Error('folder-worker must run as a worker thread');

port.on('message', (task: WorkerTask) => {
  port.postMessage({
    index: task.index,
    listing: encodeListing(
      scanFolder(
        setup.root,
        task.folder,
        extensions,
        setup.seed,
        setup.probe ? { cache: task.cache ?? {} } : null,
        task.classFolder,
      ),
    ),
  });
});
