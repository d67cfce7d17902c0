// Ranges of candidate ids shared between threads: what a worker receives, what it sends back, and
// the loop that claims ranges from the shared counter (the same in the main thread and in workers).
import type { Db } from '../../db/connect.js';
import type { ReaderSource } from './reader.js';
import { sortedLines, type ResultLine } from './result-line.js';

export interface WorkerData {
  readonly source: ReaderSource;
  /** the last id of each range but the last one (candidateIdEdges) */
  readonly edges: readonly number[];
  /** Int32Array[1]: the next range to claim */
  readonly counter: SharedArrayBuffer;
}

/**
 * A range's lines (structured clone: measured cheaper, both sides together, than one joined string
 * split again by the main thread), or the end of the worker's work.
 */
export type WorkerMessage = { range: number; lines: ResultLine[] } | { done: true };

/** The scope of range i: ids in (edges[i-1], edges[i]], the last one open-ended. */
export function rangeScope(edges: readonly number[], i: number): { afterId: number; lastId?: number } {
  const afterId = i === 0 ? 0 : edges[i - 1]!;
  return i < edges.length ? { afterId, lastId: edges[i]! } : { afterId };
}

/** Claims ranges from the shared counter until none is left; `done` receives each range's sorted lines. */
export async function computeRanges(db: Db, data: WorkerData, done: (range: number, lines: ResultLine[]) => void): Promise<void> {
  const counter = new Int32Array(data.counter);
  const ranges = data.edges.length + 1;
  for (let i = Atomics.add(counter, 0, 1); i < ranges; i = Atomics.add(counter, 0, 1)) {
    done(i, await sortedLines(db, rangeScope(data.edges, i)));
  }
}
