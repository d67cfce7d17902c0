// What an edition produces, and where it reports its progress (a job's compte-rendu, the command
// line, or nothing for a direct download).
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { safeFileName } from '../../documents/naming.js';
import type { LocalDateTime } from '../../documents/pdf/datetime.js';
import { ZipStream } from '../../documents/zip.js';
import type { EditionFormat } from './catalog.js';
import { MEDIA_TYPES } from './catalog.js';

export interface EditionFile {
  readonly name: string;
  readonly mediaType: string;
  readonly data: Buffer;
}

export interface EditionSink {
  log(line: string): Promise<void>;
  progress(percent: number, label?: string): Promise<void>;
  /** names produced by an earlier, interrupted run (resumed job): not produced again */
  readonly done: ReadonlySet<string>;
  /** receives each file as soon as it is complete */
  emit(file: EditionFile): Promise<void>;
  readonly signal?: AbortSignal;
}

/** A sink that keeps the files (direct download, command line). */
export function collectingSink(onLog?: (line: string) => void): EditionSink & { readonly files: EditionFile[] } {
  const files: EditionFile[] = [];
  return {
    files,
    done: new Set(),
    log: async (line) => onLog?.(line),
    progress: async () => undefined,
    emit: async (f) => {
      files.push(f);
    },
  };
}

/** What fileSink wrote. */
export interface FileSinkResult {
  readonly names: readonly string[];
  readonly bytes: number;
}

/**
 * A sink that writes the edition to one file as it is produced (command line): a single file as is,
 * several files (the emergency plan's zips, one per jury) streamed into a zip of them with its
 * manifest — each file is written and forgotten as soon as it is emitted, so memory does not grow
 * with the number of files. Writes are synchronous: a file's bytes are released at once instead of
 * waiting in a stream's queue (where they outlive the young generation and pile up until a full GC).
 * The bytes go to "<path>.part", renamed to `path` by finish() only: an interrupted edition never
 * leaves a half-written file under the requested name. abort() removes the partial file.
 */
export function fileSink(path: string, o: { mtime: LocalDateTime; onLog?: (line: string) => void }): EditionSink & {
  finish(): Promise<FileSinkResult>;
  abort(): Promise<void>;
} {
  const partial = `${path}.part`;
  const names: string[] = [];
  let first: EditionFile | null = null;
  let fd: number | null = null;
  let zip: ZipStream | null = null;
  const write = (chunk: Uint8Array): void => {
    for (let at = 0; at < chunk.length;) at += writeSync(fd!, chunk, at);
  };
  const openZip = async (): Promise<ZipStream> => {
    fd = openSync(partial, 'w');
    zip = new ZipStream(write, { mtime: o.mtime });
    if (first) await zip.add(first.name, first.data);
    first = null;
    return zip;
  };
  const close = (): void => {
    if (fd === null) return;
    const f = fd;
    fd = null;
    closeSync(f);
  };
  return {
    done: new Set(),
    log: async (line) => o.onLog?.(line),
    progress: async () => undefined,
    emit: async (f) => {
      names.push(f.name);
      if (!zip && names.length === 1) {
        first = f;
        return;
      }
      await (zip ?? (await openZip())).add(f.name, f.data);
    },
    async finish() {
      let bytes: number;
      if (!zip && names.length === 1) {
        writeFileSync(partial, first!.data);
        bytes = first!.data.length;
        first = null;
      } else {
        const z = zip ?? (await openZip());
        await z.finish();
        close();
        bytes = z.bytes;
      }
      renameSync(partial, path);
      return { names, bytes };
    },
    async abort() {
      try {
        close();
      } finally {
        rmSync(partial, { force: true });
      }
    },
  };
}

/** The file of an edition: its *Titre édition*, made safe, with the format's extension. */
export function editionFile(title: string, format: EditionFormat, data: Buffer): EditionFile {
  return { name: safeFileName(title, format), mediaType: MEDIA_TYPES[format], data };
}

export function checkAborted(sink: EditionSink): void {
  if (sink.signal?.aborted) throw sink.signal.reason instanceof Error ? sink.signal.reason : new Error('traitement interrompu');
}
