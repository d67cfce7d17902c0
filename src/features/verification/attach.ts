// The verification codes of the documents an edition is about to render (issue #15): the content of
// each document (what the page will show), the codes issued in one transaction, each entry given its
// code and address for the renderer.
import type { TranscriptEntry } from '../../documents/model.js';
import type { EditionContext } from '../editions/snapshot/context.js';
import type { Identified } from '../editions/snapshot/transcripts.js';
import { verifiedContent, type VerifiedKind } from './content.js';
import { issueVerificationCodes } from './issue-codes.js';

export async function withVerificationCodes<T extends TranscriptEntry>(
  ctx: EditionContext, kind: VerifiedKind, group: 1 | 2, entries: readonly Identified<T>[], publicBase: string,
): Promise<Identified<T>[]> {
  const docs = entries.map((e) => ({ candidateId: e.candidateId, juryCode: e.candidate.juryCode, content: verifiedContent(kind, ctx.session.session, e) }));
  const codes = await issueVerificationCodes(ctx.db, docs, { kind, group, actor: ctx.actor, now: ctx.now, publicBase });
  return entries.map((e) => ({ ...e, verification: codes.get(e.candidateId)! }));
}
