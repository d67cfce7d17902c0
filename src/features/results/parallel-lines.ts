// The result lines of the whole session on several threads. The session is cut into ranges of
// candidate ids; the main thread and a few worker threads claim ranges from a shared counter (a thread
// that starts late, or runs on a busier core, simply takes fewer), each on its own connection, and
// each range's lines come back sorted. The main thread merges them (the sort of sorted runs).
//
// A range that a worker did not deliver (it could not start, its connection failed, it threw) is
// computed again by the main thread: the same lines, or the same error, as on one thread.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compiledEntry } from '../../compiled.js';
import type { Db } from '../../db/connect.js';
import { candidateIdEdges } from '../../db/repositories/candidate-inputs.js';
import { openReader, type ReaderSource } from './reader.js';
import { computeRanges, rangeScope, type WorkerData, type WorkerMessage } from './ranges.js';
import { compareLines, sortedLines, type ResultLine } from './result-line.js';

export interface ParallelOptions {
  /**
   * threads computing lines, the main thread included (default 1: on the 2-core machines measured,
   * a second thread costs more than it gains — docs/performance.md; `delib results --threads N`)
   */
  readonly threads?: number;
  /** candidates per range (default 10 000; tests use small ones) */
  readonly rangeSize?: number;
  /** the worker's entry (default: the compiled dist/results-worker.js; tests: a missing file, to check the fallback) */
  readonly workerEntry?: URL;
  /** tests: the main thread leaves the ranges to the workers (it still computes what they did not deliver) */
  readonly onlyWorkers?: boolean;
  /** how the ranges were shared */
  readonly onStats?: (stats: ParallelStats) => void;
}

export interface ParallelStats {
  readonly ranges: number;
  readonly workers: number;
  /** ranges delivered by workers */
  readonly byWorkers: number;
  /** ranges the main thread computed after the workers (not delivered) */
  readonly recomputed: number;
}

const RANGE_SIZE = 10_000;

interface Running {
  readonly finished: Promise<void>;
  stop(): void;
}

/** Starts a worker; `finished` resolves when it is done or failed (its missing ranges are left undefined). */
function startWorker(entry: URL, data: WorkerData, parts: (ResultLine[] | undefined)[]): Running {
  let worker: Worker | undefined;
  const finished = new Promise<void>((resolve) => {
    try {
      worker = new Worker(entry, { workerData: data });
    } catch {
      resolve();
      return;
    }
    worker.on('message', (m: WorkerMessage) => {
      if ('done' in m) resolve();
      else parts[m.range] = m.lines;
    });
    // the ranges it claimed and did not deliver are computed again by the main thread
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
  return { finished, stop: () => void worker?.terminate() };
}

/**
 * Every line of the session, sorted, on several threads; null when one thread is enough (a small
 * session, one core), for the caller to take the single-thread path.
 */
export async function parallelResultLines(db: Db, source: ReaderSource, options: ParallelOptions = {}): Promise<ResultLine[] | null> {
  const threads = options.threads ?? 1;
  if (threads < 2) return null;
  const edges = await candidateIdEdges(db, options.rangeSize ?? RANGE_SIZE);
  const ranges = edges.length + 1;
  if (ranges < 2) return null;
  const data: WorkerData = { source, edges, counter: new SharedArrayBuffer(4) };
  const parts = new Array<ResultLine[] | undefined>(ranges);
  const workers: Running[] = [];
  for (let t = 1; t < threads; t++) workers.push(startWorker(options.workerEntry ?? pathToFileURL(compiledEntry('results-worker')), data, parts));
  // On PostgreSQL the main thread reads on connections of its own too (planner settings of reader.ts).
  const reader = source.dialect === 'postgres' ? await openReader(source) : null;
  let mine = 0;
  try {
    const here = reader?.db ?? db;
    if (!options.onlyWorkers) {
      await computeRanges(here, data, (i, lines) => {
        parts[i] = lines;
        mine++;
      });
    }
    await Promise.all(workers.map((w) => w.finished));
    const byWorkers = parts.filter((p) => p !== undefined).length - mine;
    let recomputed = 0;
    for (let i = 0; i < ranges; i++) {
      if (parts[i]) continue;
      parts[i] = await sortedLines(here, rangeScope(edges, i));
      recomputed++;
    }
    options.onStats?.({ ranges, workers: workers.length, byWorkers, recomputed });
  } finally {
    for (const w of workers) w.stop(); // after an error here; a finished worker is already gone
    await reader?.close();
  }
  // each part is sorted: the sort merges the runs
  return ([] as ResultLine[]).concat(...(parts as ResultLine[][])).sort(compareLines);
}
