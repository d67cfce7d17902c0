// Facts the transition guards need about one jury, computed with the decision engine from the
// database (the shared loader of src/features/results): 1st-group completeness, candidates at
// CONTROLE, 2nd-group completeness — for every transition that has guards: those of the centre and
// the académie (juries/transition-jury.ts) and the jury's own closings (deliberation/close-deliberation.ts).
// Candidates are named without grades: for the centre, by number, and those missing a 2nd-group grade
// also by name, with the épreuve's label (the centre that opens the 2nd group must find them); for
// the jury, by anonymous number only.
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

/**
 * How the facts name candidates: by « numéro candidat - numéro inscription », with the name of those
 * missing a 2nd-group grade (centre, académie), or by anonymous number only (the jury's portal).
 */
export type GuardNaming = 'numero' | 'anonymat';

/** What the guards of a jury's transitions need (not the policies' JuryFacts: who may see a jury). */
export interface JuryGuardFacts {
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

interface Found {
  readonly id: number;
  readonly numero: string;
  readonly missing: readonly string[];
}

export async function loadJuryGuardFacts(db: Db, juryCode: string, naming: GuardNaming = 'numero'): Promise<JuryGuardFacts> {
  let candidates = 0;
  let controleCount = 0;
  const group1: Found[] = [];
  const group2: Found[] = [];
  const gaps = await loadDoubleEntryGaps(db, [juryCode]);
  const jury = await db.selectFrom('jury').select('specialite_code').where('code', '=', juryCode).executeTakeFirst();
  const labels = jury ? (await unitLabels(db, [jury.specialite_code])).get(jury.specialite_code) : undefined;
  for await (const chunk of evaluateCandidates(db, { juryCodes: [juryCode] })) {
    for (const { candidate, result } of chunk) {
      candidates++;
      const g1 = result.group1;
      if (g1.decision === 'INCOMPLET') {
        group1.push({ id: candidate.id, numero: numero(candidate), missing: g1.missingUnits.length ? g1.missingUnits : ['aucune unité notée'] });
      }
      if (g1.decision !== 'CONTROLE') continue;
      controleCount++;
      // the rule of "Contrôler les notes manquantes" (screen and edition), by épreuve label
      const { manquantes } = missingOf(result, gaps.get(candidate.id) ?? [], (code) => labels?.get(code) ?? code);
      if (result.group2?.decision === 'INCOMPLET') {
        group2.push({ id: candidate.id, numero: numero(candidate), missing: manquantes.length ? manquantes : [result.group2.trace.message] });
      }
    }
  }
  const named = naming === 'anonymat' ? await byAnonymat(db, group1, group2) : await withNames(db, group1, group2);
  return { candidates, controleCount, ...named };
}

type Named = Pick<JuryGuardFacts, 'group1Incomplete' | 'group2Incomplete'>;

/** By number; those of the 2nd group with their name too. */
async function withNames(db: Db, group1: readonly Found[], group2: readonly Found[]): Promise<Named> {
  const ids2 = group2.map((c) => c.id);
  const names = ids2.length === 0 ? new Map<number, string>() : new Map((await db.selectFrom('candidate').select(['id', 'nom', 'prenoms']).where('id', 'in', ids2).execute())
    .map((c) => [c.id, `${c.nom} ${c.prenoms}`]));
  return {
    group1Incomplete: group1.map((c) => ({ numero: c.numero, missing: c.missing })),
    group2Incomplete: group2.map((c) => ({ numero: c.numero, missing: c.missing, name: names.get(c.id) ?? '' })),
  };
}

/** By anonymous number only, in the order of the jury's list (anonymous number, then id). */
async function byAnonymat(db: Db, group1: readonly Found[], group2: readonly Found[]): Promise<Named> {
  const ids = [...new Set([...group1, ...group2].map((c) => c.id))];
  const anonymat = ids.length === 0 ? new Map<number, string>() : new Map((await db.selectFrom('candidate').select(['id', 'numero_anonymat']).where('id', 'in', ids).execute())
    .map((c) => [c.id, c.numero_anonymat]));
  const list = (found: readonly Found[]): IncompleteCandidate[] => found
    .map((c) => ({ id: c.id, numero: anonymat.get(c.id) ?? '', missing: c.missing }))
    .sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : a.id - b.id))
    .map((c) => ({ numero: c.numero, missing: c.missing }));
  return { group1Incomplete: list(group1), group2Incomplete: list(group2) };
}
