// The background job of an edition (plan de secours, RLN, any large batch): the same use case as the
// direct download, run by the worker for the actor who asked, with the policies and jury states
// checked again at run time. Idempotent: files an interrupted run completed are kept and skipped.
import { editionGroups, EDITION_KINDS } from '../../domain/index.js';
import type { JobContext, JobHandler, JobHandlers } from '../../jobs/types.js';
import { AppError } from '../../errors/app-error.js';
import { jobKindOf } from './catalog.js';
import type { EditionFile, EditionSink } from './output.js';
import { produceEdition } from './produce-edition.js';

/**
 * What the job stores: the request (EditionRequestSchema), the papillons' portal address, and the
 * juries, group and journal position the request resolved to (what its documents cover: withdrawn.ts).
 */
export interface EditionJobParams {
  readonly request: unknown;
  readonly portalUrl?: string;
  readonly juries?: readonly string[];
  readonly group?: 1 | 2;
  /**
   * the number of the last entry of each jury's journal chain when the edition was asked for (ADR
   * 0013): a later exceptional change in that chain may withdraw the documents
   */
  readonly journalHeads?: Readonly<Record<string, number>>;
  /** jobs asked before ADR 0013: the single chain's last entry (no longer comparable: their request time counts) */
  readonly journalSeq?: number;
}

export const editionJobHandler: JobHandler = async (ctx: JobContext) => {
  const params = (ctx.params ?? {}) as EditionJobParams;
  const done = new Set((await ctx.existingDocuments()).map((d) => d.name));
  if (ctx.resumed) await ctx.log(`Reprise du traitement (tentative ${ctx.job.attempts})`);
  const produced: string[] = [];
  const sink: EditionSink = {
    done,
    signal: ctx.signal,
    log: (line) => ctx.log(line),
    progress: (p, label) => ctx.progress(p, label),
    emit: async (file: EditionFile) => {
      if (done.has(file.name)) return;
      await ctx.saveDocument(file.name, file.mediaType, file.data);
      produced.push(file.name);
    },
  };
  try {
    await produceEdition(ctx.handle.db, ctx.owner, params.request, ctx.now(), {
      sink, ...(params.portalUrl ? { portalUrl: params.portalUrl } : {}),
    });
  } catch (e) {
    // refusals (state changed since the request, …) end the job with their French message
    if (e instanceof AppError) throw new Error(e.message);
    throw e;
  }
  return { documents: [...done, ...produced] };
};

/** Every edition kind (and group) can run as a job. */
export function editionJobHandlers(): JobHandlers {
  const out: Record<string, JobHandler> = {};
  for (const kind of EDITION_KINDS) for (const g of editionGroups(kind)) out[jobKindOf(kind, g)] = editionJobHandler;
  return out;
}
