// Use case: what the jury's browser keeps to deliberate without the network (issue #9, ADR 0009):
// its header (state, members, actions), the ruleset of its spécialité, and for each candidate the
// list data (no identity), the engine's inputs and the stored grades with their versions; the other
// juries of the spécialité only as decision counts (the statistics' spécialité columns). The
// browser recomputes every screen from it with the shared engine and presenters (offline-views.ts)
// and keeps it encrypted with a key derived from the jury's password.
import type { Db } from '../../db/connect.js';
import { loadCandidateInputs } from '../../db/repositories/candidate-inputs.js';
import { listJuryCandidatesWithBenefice } from '../../db/repositories/deliberation.js';
import { listJuryStoredGrades, type StoredGrade } from '../../db/repositories/grades.js';
import type { CandidateInput } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { loadJuryRules } from './evaluate-jury.js';
import { otherJuriesDecisions } from './get-statistics.js';
import { loadReadableJury } from './load.js';
import type { OfflineBundle } from './offline-views.js';
import { presentJuryHeader } from './present-header.js';

export const OFFLINE_JURY_ONLY = 'Le portail du jury hors ligne est réservé au jury (président ou vice-président).';

function byCandidate(grades: readonly StoredGrade[]): Map<number, StoredGrade[]> {
  const out = new Map<number, StoredGrade[]>();
  for (const g of grades) {
    const list = out.get(g.candidateId);
    if (list) list.push(g);
    else out.set(g.candidateId, [g]);
  }
  return out;
}

export async function getOfflineBundle(db: Db, auth: AuthContext, code: string, now: Date): Promise<OfflineBundle> {
  const jury = await loadReadableJury(db, auth, code);
  if (auth.actor.role !== 'jury') throw new AppError('FORBIDDEN', OFFLINE_JURY_ONLY);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const inputs = new Map<number, CandidateInput>();
  for await (const chunk of loadCandidateInputs(db, { juryCodes: [code] })) {
    for (const { candidate, input } of chunk) inputs.set(candidate.id, input);
  }
  const leaf = byCandidate(await listJuryStoredGrades(db, 'grade', code));
  const controle = byCandidate(await listJuryStoredGrades(db, 'controle_grade', code));
  const candidates = (await listJuryCandidatesWithBenefice(db, code)).flatMap(({ benefice, ...c }) => {
    const input = inputs.get(c.id);
    return input ? [{ candidate: c, benefice, input, leafGrades: leaf.get(c.id) ?? [], controleGrades: controle.get(c.id) ?? [] }] : [];
  });
  return {
    format: 1, generatedAt: now.toISOString(), domaine: rules.rules.exam, jury: presentJuryHeader(auth, jury), ruleset: rules.ruleset, candidates,
    otherJuries: await otherJuriesDecisions(db, jury.specialiteCode, code, rules),
  };
}
