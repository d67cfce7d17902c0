// Use case: show a candidate's identity on demand (the jury deliberates on anonymous numbers). Each
// reveal is journaled — by candidate id and jury, never with the name in the journal subject or in a
// URL or log line.
import type { DbHandle } from '../../db/connect.js';
import { findCandidateIdentity } from '../../db/repositories/deliberation.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { formatCandidateNumber } from '../../domain/ids.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { ACTING_MEMBER_REQUIRED } from './change-grade.js';
import { CANDIDATE_NOT_FOUND, loadReadableCandidate } from './load.js';
import { needsActingMember } from './policies.js';
import type { IdentityDto } from './schemas.js';

export async function revealIdentity(handle: DbHandle, auth: AuthContext, candidateId: number, now: Date): Promise<IdentityDto> {
  const { actor } = auth;
  return handle.db.transaction().execute(async (trx) => {
    const { candidate, jury } = await loadReadableCandidate(trx, actor, candidateId);
    if (needsActingMember(actor, auth.actingMember)) throw new AppError('FORBIDDEN', ACTING_MEMBER_REQUIRED);
    const identity = await findCandidateIdentity(trx, candidate.id);
    if (!identity) throw new AppError('NOT_FOUND', CANDIDATE_NOT_FOUND);
    await appendJournal(trx, [{
      at: now, actor, action: 'IDENTITE_CONSULTEE', juryCode: jury.code, candidateId: candidate.id, subject: `candidate:${candidate.id}`,
    }]);
    return {
      nom: identity.nom,
      nomUsage: identity.nomUsage,
      prenoms: identity.prenoms,
      numeroCandidat: formatCandidateNumber(identity.numeroCandidat, identity.numeroInscription),
    };
  });
}
