// What a job handler receives and returns. Handlers are idempotent and resumable: a job interrupted
// by a crash runs again (attempts + 1) and may skip the documents its earlier run completed.
import type { DbHandle } from '../db/connect.js';
import type { Actor } from '../domain/types.js';
import type { DocumentContent } from './document-store.js';
import type { DocumentMeta } from './repository.js';

export interface JobContext {
  readonly job: { readonly id: number; readonly kind: string; readonly title: string; readonly attempts: number };
  /** the job's parameters as stored (the handler validates them with its schema) */
  readonly params: unknown;
  /** who asked for it: the handler checks the same policies as the screen, at run time */
  readonly owner: Actor;
  readonly handle: DbHandle;
  readonly now: () => Date;
  /** this run resumes a job interrupted by a crash */
  readonly resumed: boolean;
  /** aborted when the worker stops or loses the job: stop at the next step */
  readonly signal: AbortSignal;
  /** a line of the compte-rendu */
  log(line: string): Promise<void>;
  /** 0–100, with what is being done */
  progress(percent: number, label?: string): Promise<void>;
  /** documents already recorded for this job (by an interrupted run) */
  existingDocuments(): Promise<DocumentMeta[]>;
  /** writes a document completely, then records it (never offered half-written) */
  saveDocument(name: string, mediaType: string, content: DocumentContent): Promise<DocumentMeta>;
}

/** Returns the job's result (JSON), or throws: the job ends "En erreur" with the error's message. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export type JobHandlers = Readonly<Record<string, JobHandler>>;

