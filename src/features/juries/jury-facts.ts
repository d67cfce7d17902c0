// Facts the transition guards need about one jury, computed with the decision engine from the
// database (the shared loader of src/features/results): 1st-group completeness, candidates at
// CONTROLE, 2nd-group completeness. Candidates are named by number only (no names, no grades).
import type { Db } from '../../db/connect.js';
import { evaluateCandidates } from '../results/evaluate-candidates.js';
import { loadDoubleEntryGaps } from '../second-group/double-entry.js';
import { missingOf } from '../second-group/missing-grades.js';

export interface IncompleteCandidate {
  /** "02319252150 - 001" */
  readonly numero: string;
  /** what is missing: unit codes, or a short French reason ("choix non saisis") */
  readonly missing: readonly string[];
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
  for await (const chunk of evaluateCandidates(db, { juryCodes: [juryCode] })) {
    for (const { candidate, result } of chunk) {
      candidates++;
      const g1 = result.group1;
      if (g1.decision === 'INCOMPLET') {
        group1Incomplete.push({ numero: numero(candidate), missing: g1.missingUnits.length ? g1.missingUnits : ['aucune unité notée'] });
      }
      if (g1.decision !== 'CONTROLE') continue;
      controleCount++;
      // the rule of "Contrôler les notes manquantes" (screen and edition), by unit code
      const { manquantes } = missingOf(result, gaps.get(candidate.id) ?? [], (code) => code);
      if (result.group2?.decision === 'INCOMPLET') group2Incomplete.push({ numero: numero(candidate), missing: manquantes.length ? manquantes : [result.group2.trace.message] });
    }
  }
  return { candidates, group1Incomplete, controleCount, group2Incomplete };
}
