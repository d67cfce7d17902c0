// Presenter: the jury's candidate list (anonymous number first, averages, proposed decision, flags)
// and the counts per decision. Pure (type imports only outside src/domain): the server's list and the
// offline portal in the browser (offline-views.ts) are the same function.
import type { DeliberationCandidate } from '../../db/repositories/deliberation.js';
import { groupOf } from '../../domain/jury-state.js';
import type { CandidateResult } from '../../domain/rules/index.js';
import { DECISIONS, DECISIONS_2, decisionLabel, gradeText, ratText, unitGradeText } from './format.js';
import type { CandidateListDto, CandidateRowDto, JuryHeaderDto } from './schemas.js';

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

/** The list with its counts per decision (2nd group: from state 200 on). */
export function presentCandidateList(header: JuryHeaderDto, rows: readonly CandidateRowDto[]): CandidateListDto {
  const counts = DECISIONS.map((d) => ({ decision: d, label: decisionLabel(d), count: rows.filter((r) => r.decision === d).length }));
  const withGroup2 = rows.filter((r) => r.group2 !== null);
  const counts2 = groupOf(header.etat) === 2
    ? DECISIONS_2.map((d) => ({ decision: d, label: decisionLabel(d), count: withGroup2.filter((r) => r.group2!.decision === d).length }))
    : null;
  return { jury: header, counts, counts2, candidates: [...rows] };
}
