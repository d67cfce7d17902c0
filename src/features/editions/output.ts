// What an edition produces, and where it reports its progress (a job's compte-rendu, the command
// line, or nothing for a direct download).
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * with the number of files. The bytes go to "<path>.part", renamed to `path` by finish() only:
 * an interrupted edition never leaves a half-written file under the requested name. abort()
 * removes the partial file.
 */
export function fileSink(path: string, o: { mtime: LocalDateTime; onLog?: (line: string) => void }): EditionSink & {
  finish(): Promise<FileSinkResult>;
  abort(): Promise<void>;
} {
  const partial = `${path}.part`;
  const names: string[] = [];
  let first: EditionFile | null = null;
  let out: ReturnType<typeof createWriteStream> | null = null;
  let zip: ZipStream | null = null;
  let failure: Error | null = null;
  const write = async (chunk: Uint8Array): Promise<void> => {
    if (failure) throw failure;
    if (!out!.write(chunk)) await once(out!, 'drain');
  };
  const openZip = async (): Promise<ZipStream> => {
    out = createWriteStream(partial);
    out.on('error', (e) => {
      failure ??= e;
    });
    await once(out, 'open');
    zip = new ZipStream(write, { mtime: o.mtime });
    if (first) await zip.add(first.name, first.data);
    first = null;
    return zip;
  };
  const close = async (): Promise<void> => {
    if (!out) return;
    const s = out;
    out = null;
    if (!s.destroyed) {
      s.end();
      await once(s, 'close');
    }
    if (failure) throw failure;
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
      if (!zip && names.length === 1) {
        writeFileSync(partial, first!.data);
      } else {
        await (zip ?? (await openZip())).finish();
        await close();
      }
      const bytes = zip ? zip.bytes : first!.data.length;
      renameSync(partial, path);
      first = null;
      return { names, bytes };
    },
    async abort() {
      await close().catch(() => undefined);
      rmSync(partial, { force: true });
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
