// Rendering many documents in a background job: one file per item or one big file, streamed, with
// the event loop given back regularly and memory that does not grow with the count.
//
// The expensive shared state (parsed fonts, glyph layouts) is process-wide (pdf/fonts.ts); a batch
// only keeps counters. Typical uses:
//
//   const batch = createBatch();
//   const zip = new ZipStream((chunk) => out.write(chunk), { mtime: editedAt });
//   for await (const file of batch.renderMany(candidates, (c) => ({ name: …, data: renderX(…) }))) {
//     await zip.add(file.name, file.data);
//   }
//   await zip.finish();
//
//   await streamTranscripts(batchParams, entries, (chunk) => file.write(chunk)); // one big RLN file

import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { TranscriptBatchModel, TranscriptEntry } from './model.js';
import { warmUpFonts } from './pdf/fonts.js';
import { TranscriptFile } from './transcript/rln.js';

export interface RenderedFile {
  readonly name: string;
  readonly data: Buffer;
}

export interface BatchStats {
  files: number;
  bytes: number;
}

export interface Batch {
  readonly stats: BatchStats;
  /**
   * Renders one file per item, lazily: each file is yielded as soon as it is made and can be written
   * and forgotten. Yields to the event loop every `yieldEvery` files (default 10).
   */
  renderMany<T>(items: Iterable<T> | AsyncIterable<T>, render: (item: T, index: number) => RenderedFile): AsyncGenerator<RenderedFile>;
}

export function createBatch(opts: { yieldEvery?: number } = {}): Batch {
  warmUpFonts();
  const every = Math.max(1, opts.yieldEvery ?? 10);
  const stats: BatchStats = { files: 0, bytes: 0 };
  return {
    stats,
    async *renderMany<T>(items: Iterable<T> | AsyncIterable<T>, render: (item: T, index: number) => RenderedFile) {
      let index = 0;
      for await (const item of items) {
        const file = render(item, index++);
        stats.files++;
        stats.bytes += file.data.length;
        yield file;
        if (index % every === 0) await yieldToLoop();
      }
    },
  };
}

/**
 * Writes one PDF with every relevé to `sink` as it goes: pages are flushed after each relevé, so the
 * memory used does not depend on the number of relevés. Returns the number of relevés and bytes.
 */
export async function streamTranscripts(
  params: Omit<TranscriptBatchModel, 'transcripts'>,
  entries: Iterable<TranscriptEntry> | AsyncIterable<TranscriptEntry>,
  sink: (chunk: Buffer) => void | Promise<void>,
  opts: { yieldEvery?: number } = {},
): Promise<{ transcripts: number; bytes: number }> {
  const every = Math.max(1, opts.yieldEvery ?? 20);
  const file = new TranscriptFile(params);
  let bytes = 0;
  const write = async (chunks: Buffer[]): Promise<void> => {
    for (const c of chunks) {
      bytes += c.length;
      await sink(c);
    }
  };
  for await (const entry of entries) {
    file.add(entry);
    if (file.count % every === 0) {
      await write(file.drain());
      await yieldToLoop();
    }
  }
  await write(file.finish());
  return { transcripts: file.count, bytes };
}
