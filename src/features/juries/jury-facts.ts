// Facts the transition guards need about one jury, computed with the decision engine from the
// database (the shared loader of src/features/results): 1st-group completeness, candidates at
// CONTROLE, 2nd-group completeness. Candidates are named by number only (no names, no grades).
import type { Db } from '../../db/connect.js';
import { evaluateCandidates } from '../results/evaluate-candidates.js';
import { gapReason, loadDoubleEntryGaps } from '../second-group/double-entry.js';

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
  /** 2nd group: CONTROLE candidates without choices or with a chosen unit without contrôle grade */
  readonly group2Incomplete: readonly IncompleteCandidate[];
  /**
   * 2nd group: CONTROLE candidates with an entered contrôle grade that does not count yet (double
   * entry enabled, second entry missing or different): missing for 200 → 210 only
   */
  readonly group2DoubleEntry?: readonly IncompleteCandidate[];
}

const numero = (c: { numeroCandidat: string; numeroInscription: string }) => `${c.numeroCandidat} - ${c.numeroInscription}`;

export async function loadJuryFacts(db: Db, juryCode: string): Promise<JuryFacts> {
  let candidates = 0;
  let controleCount = 0;
  const group1Incomplete: IncompleteCandidate[] = [];
  const group2Incomplete: IncompleteCandidate[] = [];
  const group2DoubleEntry: IncompleteCandidate[] = [];
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
      const pending = gaps.get(candidate.id);
      if (pending) group2DoubleEntry.push({ numero: numero(candidate), missing: pending.map((g) => `${g.epreuveCode} (${gapReason(g)})`) });
      const g2 = result.group2;
      if (!g2 || g2.decision !== 'INCOMPLET') continue;
      const missing = !g2.choices ? ['choix des épreuves non saisis'] : g2.missingControleGrades.length ? g2.missingControleGrades : [g2.trace.message];
      group2Incomplete.push({ numero: numero(candidate), missing });
    }
  }
  return { candidates, group1Incomplete, controleCount, group2Incomplete, group2DoubleEntry };
}
