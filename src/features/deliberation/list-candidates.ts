// Use case: the candidates of a jury for its deliberation — anonymous number first, averages,
// proposed decision and flags, counts per decision; identities are never in this list.
import type { Db } from '../../db/connect.js';
import { listJuryCandidates, type DeliberationCandidate } from '../../db/repositories/deliberation.js';
import { candidatesWithBenefice } from '../../db/repositories/grades.js';
import { groupOf } from '../../domain/jury-state.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import type { AuthContext } from '../auth/context.js';
import { evaluateJury, loadJuryRules } from './evaluate-jury.js';
import { DECISIONS, DECISIONS_2, decisionLabel, gradeText, ratText, unitGradeText } from './format.js';
import { loadReadableJury } from './load.js';
import { presentJuryHeader } from './present-header.js';
import type { CandidateListDto, CandidateRowDto } from './schemas.js';

function group2Of(result: CandidateResult): CandidateRowDto['group2'] {
  const g2 = result.group2;
  if (!g2) return null;
  const chosen = g2.choices ?? [];
  return {
    decision: g2.decision,
    decisionLabel: decisionLabel(g2.decision),
    rule: g2.trace.message,
    moyenne: ratText(g2.moyenne),
    units: chosen.map((code) => {
      const u = result.units.find((x) => x.code === code);
      return {
        code,
        libelle: u?.libelle ?? code,
        initial: unitGradeText(u?.grade),
        controle: gradeText(u?.controle?.grade),
        retained: unitGradeText(u?.controle?.retained ?? null),
        meilleureNoteRetenue: u?.controle?.meilleureNoteRetenue ?? false,
      };
    }),
  };
}

export function presentRow(c: DeliberationCandidate, result: CandidateResult, benefice: boolean): CandidateRowDto {
  const g1 = result.group1;
  return {
    id: c.id,
    numeroAnonymat: c.numeroAnonymat,
    categorie: c.categorie,
    moyenne: ratText(g1.moyenne),
    moyennePro: ratText(g1.moyennePro),
    decision: g1.decision,
    decisionLabel: decisionLabel(g1.decision),
    rule: g1.trace.message,
    missingUnits: [...g1.missingUnits],
    flags: {
      livret: c.livret,
      handicap: c.handicap.trim(),
      benefice,
      dispense: result.units.some((u) => u.grade === 'DI'),
      presumeFraudeur: c.presumeFraudeur,
      listeRouge: c.listeRouge,
    },
    group2: group2Of(result),
  };
}

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
  const counts = DECISIONS.map((d) => ({ decision: d, label: decisionLabel(d), count: rows.filter((r) => r.decision === d).length }));
  const withGroup2 = rows.filter((r) => r.group2 !== null);
  const counts2 = groupOf(jury.etat) === 2
    ? DECISIONS_2.map((d) => ({ decision: d, label: decisionLabel(d), count: withGroup2.filter((r) => r.group2!.decision === d).length }))
    : null;
  return { jury: presentJuryHeader(auth, jury), counts, counts2, candidates: rows };
}
