// Use case: the candidates of a jury for its deliberation — anonymous number first, averages,
// proposed decision and flags, counts per decision; identities are never in this list.
// The hottest request of the portal (tens of thousands of juries deliberating at once): four
// statements — the session (auth hook, with a jury account's jury), the ruleset, the candidates with
// their bénéfice flag, their grades.
import type { Db } from '../../db/connect.js';
import { listJuryCandidatesWithBenefice } from '../../db/repositories/deliberation.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules } from './evaluate-jury.js';
import { loadReadableJury } from './load.js';
import { presentJuryHeader } from './present-header.js';
import { presentCandidateList, presentRow } from './present-list.js';
import type { CandidateListDto } from './schemas.js';

export async function listCandidates(db: Db, auth: AuthContext, code: string): Promise<CandidateListDto> {
  const jury = await loadReadableJury(db, auth, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const [candidates, results] = await Promise.all([listJuryCandidatesWithBenefice(db, code), evaluateJury(db, code, rules)]);
  const rows = candidates.flatMap((c) => {
    const e = results.get(c.id);
    return e ? [presentRow(c, e.result, c.benefice)] : [];
  });
  return presentCandidateList(presentJuryHeader(auth, jury), rows);
}
