// What an edition produces, and where it reports its progress (a job's compte-rendu, the command
// line, or nothing for a direct download).
import { safeFileName } from '../../documents/naming.js';
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

/** The file of an edition: its *Titre édition*, made safe, with the format's extension. */
export function editionFile(title: string, format: EditionFormat, data: Buffer): EditionFile {
  return { name: safeFileName(title, format), mediaType: MEDIA_TYPES[format], data };
}

export function checkAborted(sink: EditionSink): void {
  if (sink.signal?.aborted) throw sink.signal.reason instanceof Error ? sink.signal.reason : new Error('traitement interrompu');
}
