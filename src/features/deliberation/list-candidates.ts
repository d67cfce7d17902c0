// Use case: the candidates of a jury for its deliberation — anonymous number first, averages,
// proposed decision and flags, counts per decision; identities are never in this list.
import type { Db } from '../../db/connect.js';
import { listJuryCandidates } from '../../db/repositories/deliberation.js';
import { candidatesWithBenefice } from '../../db/repositories/grades.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules } from './evaluate-jury.js';
import { loadReadableJury } from './load.js';
import { presentJuryHeader } from './present-header.js';
import { presentCandidateList, presentRow } from './present-list.js';
import type { CandidateListDto } from './schemas.js';

export async function listCandidates(db: Db, auth: AuthContext, code: string): Promise<CandidateListDto> {
  const jury = await loadReadableJury(db, auth.actor, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const candidates = await listJuryCandidates(db, code);
  const results = await evaluateJury(db, code, rules);
  const benefices = await candidatesWithBenefice(db, code);
  const rows = candidates.flatMap((c) => {
    const e = results.get(c.id);
    return e ? [presentRow(c, e.result, benefices.has(c.id))] : [];
  });
  return presentCandidateList(presentJuryHeader(auth, jury), rows);
}
