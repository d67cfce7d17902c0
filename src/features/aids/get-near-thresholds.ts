// Use case: "Candidats proches d'un seuil" of a jury (issue #16, point 1), from its current grades,
// for whoever may read its grades (its jury from 105, its centre, the académie: read-only for them).
import type { Db } from '../../db/connect.js';
import { listJuryCandidatesWithBenefice } from '../../db/repositories/deliberation.js';
import { listJuryStoredGrades } from '../../db/repositories/grades.js';
import { AppError } from '../../errors/app-error.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules } from '../deliberation/evaluate-jury.js';
import { loadReadableJury } from '../deliberation/load.js';
import { presentJuryHeader } from '../deliberation/present-header.js';
import { parseMargin, presentNearThresholds, type NearSource } from './present-near.js';
import type { NearThresholdsDto } from './schemas.js';

export async function getNearThresholds(db: Db, auth: AuthContext, code: string, marge: string | undefined): Promise<NearThresholdsDto> {
  const margin = parseMargin(marge);
  if (!margin.ok) throw new AppError('VALIDATION', margin.error);
  const jury = await loadReadableJury(db, auth, code);
  const rules = await loadJuryRules(db, jury.specialiteCode);
  const evaluated = await evaluateJury(db, code, rules);
  const grades = new Map<number, NearSource['leafGrades'][number][]>();
  for (const g of await listJuryStoredGrades(db, 'grade', code)) {
    const list = grades.get(g.candidateId);
    if (list) list.push(g);
    else grades.set(g.candidateId, [g]);
  }
  const sources = (await listJuryCandidatesWithBenefice(db, code)).flatMap(({ benefice: _b, ...candidate }) => {
    const e = evaluated.get(candidate.id);
    return e ? [{ candidate, input: e.input, leafGrades: grades.get(candidate.id) ?? [] }] : [];
  });
  return presentNearThresholds(presentJuryHeader(auth, jury), rules.rules.exam, rules.ruleset, sources, margin.value);
}
