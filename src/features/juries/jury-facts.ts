// Facts the transition guards need about one jury, computed with the decision engine from the
// database (the shared loader of src/features/results): 1st-group completeness, candidates at
// CONTROLE, 2nd-group completeness. Candidates are named by number (no grades); those missing a 2nd-group
// grade also by name, with the épreuve's label: the centre that opens the 2nd group must find them.
import type { Db } from '../../db/connect.js';
import { unitLabels } from '../../db/repositories/second-group.js';
import { evaluateCandidates } from '../results/evaluate-candidates.js';
import { loadDoubleEntryGaps } from '../second-group/double-entry.js';
import { missingOf } from '../second-group/missing-grades.js';

export interface IncompleteCandidate {
  /** "02319252150 - 001" */
  readonly numero: string;
  /** what is missing: unit codes (2nd group: épreuve labels), or a short French reason ("choix non saisis") */
  readonly missing: readonly string[];
  /** "GONCALVES Laura" (2nd group only: the centre opening the 2nd group knows its candidates by name) */
  readonly name?: string;
}

export interface JuryFacts {
  readonly candidates: number;
  /** 1st group: candidates without a decision (a compulsory grade is missing) */
  readonly group1Incomplete: readonly IncompleteCandidate[];
  /** candidates whose 1st-group decision is CONTROLE */
  readonly controleCount: number;
  /**
   * 2nd group: CONTROLE candidates without a decision (no choices, invalid choices, a chosen unit
   * without contrôle grade in force — typed under double entry and not confirmed included), with
   * everything missing for them
   */
  readonly group2Incomplete: readonly IncompleteCandidate[];
}

const numero = (c: { numeroCandidat: string; numeroInscription: string }) => `${c.numeroCandidat} - ${c.numeroInscription}`;

export async function loadJuryFacts(db: Db, juryCode: string): Promise<JuryFacts> {
  let candidates = 0;
  let controleCount = 0;
  const group1Incomplete: IncompleteCandidate[] = [];
  const group2Incomplete: IncompleteCandidate[] = [];
  const gaps = await loadDoubleEntryGaps(db, [juryCode]);
  const jury = await db.selectFrom('jury').select('specialite_code').where('code', '=', juryCode).executeTakeFirst();
  const labels = jury ? (await unitLabels(db, [jury.specialite_code])).get(jury.specialite_code) : undefined;
  const ids2: number[] = [];
  for await (const chunk of evaluateCandidates(db, { juryCodes: [juryCode] })) {
    for (const { candidate, result } of chunk) {
      candidates++;
      const g1 = result.group1;
      if (g1.decision === 'INCOMPLET') {
        group1Incomplete.push({ numero: numero(candidate), missing: g1.missingUnits.length ? g1.missingUnits : ['aucune unité notée'] });
      }
      if (g1.decision !== 'CONTROLE') continue;
      controleCount++;
      // the rule of "Contrôler les notes manquantes" (screen and edition), by épreuve label
      const { manquantes } = missingOf(result, gaps.get(candidate.id) ?? [], (code) => labels?.get(code) ?? code);
      if (result.group2?.decision === 'INCOMPLET') {
        group2Incomplete.push({ numero: numero(candidate), missing: manquantes.length ? manquantes : [result.group2.trace.message] });
        ids2.push(candidate.id);
      }
    }
  }
  if (ids2.length > 0) {
    const names = new Map((await db.selectFrom('candidate').select(['id', 'nom', 'prenoms']).where('id', 'in', ids2).execute())
      .map((c) => [c.id, `${c.nom} ${c.prenoms}`]));
    group2Incomplete.forEach((c, i) => { group2Incomplete[i] = { ...c, name: names.get(ids2[i]!) ?? '' }; });
  }
  return { candidates, group1Incomplete, controleCount, group2Incomplete };
}
