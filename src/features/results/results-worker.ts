// Entry of a results worker thread (compiled to dist/results-worker.js, started by parallel-lines.ts):
// claims ranges of candidates, computes their sorted lines on its own connection, and posts them. A
// failure ends the worker with an error; the main thread then computes the ranges it did not deliver.
import { parentPort, workerData } from 'node:worker_threads';
import { computeRanges, type WorkerData, type WorkerMessage } from './ranges.js';
import { openReader } from './reader.js';

async function run(data: WorkerData): Promise<void> {
  const reader = await openReader(data.source);
  try {
    await computeRanges(reader.db, data, (range, lines) => {
      parentPort!.postMessage({ range, lines } satisfies WorkerMessage);
    });
  } finally {
    await reader.close();
  }
  parentPort!.postMessage({ done: true } satisfies WorkerMessage);
}

// an error rejects the promise: unhandled, it ends the worker with an 'error' event in the main thread
void run(workerData as WorkerData);
