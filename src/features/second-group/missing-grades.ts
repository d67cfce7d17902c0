// "Contrôler les notes manquantes" (memo §6.2): for juries at 200, the CONTROLE candidates whose
// 2nd-group grades are not all entered — a chosen unit without contrôle grade, a grade that does not
// count yet under the double-entry rule, or no choice at all (nothing can be graded then). The same
// facts refuse "Ouvrir la délibération du 2nd groupe" (src/features/juries/jury-facts.ts).
//
// listMissingControleGrades is the data of the edition (src/features/editions renders the PDF, or
// "Pas de notes manquantes."): its juries have the shape of MissingGradesModel['juries'].
import type { Db } from '../../db/connect.js';
import { listJuries } from '../../db/repositories/juries.js';
import { listSecondGroupCandidates, unitLabels } from '../../db/repositories/second-group.js';
import { editionAvailability } from '../../domain/activities.js';
import { isControle, type CandidateResult } from '../../domain/rules/index.js';
import type { Actor, JuryState } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { juriesInScope } from '../juries/jury-scope.js';
import { gapReason, loadDoubleEntryGaps, type OpenDoubleEntry } from './double-entry.js';
import { resultsOf } from './load-candidates.js';
import { screenVerdict } from './policies.js';
import type { MissingGradesDto } from './schemas.js';

export const CHOICES_NOT_ENTERED = 'Choix des épreuves non saisis';
export const NO_MISSING_GRADES = 'Pas de notes manquantes.';

export interface MissingControleGradeRow {
  readonly candidateId: number;
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly nom: string;
  readonly prenoms: string;
  /** libellés of the épreuves without a (confirmed) grade, with the double-entry reason when it applies */
  readonly manquantes: readonly string[];
  /** unit codes behind `manquantes` (empty when the choices are not entered) */
  readonly codes: readonly string[];
  /** the centre du 2nd groupe (the candidate's centre d'épreuve) */
  readonly centre: { readonly uai: string; readonly libelle: string; readonly ville: string } | null;
}

export interface MissingControleGradesOfJury {
  readonly jury: { readonly code: string; readonly specialiteCode: string; readonly specialiteLibelle: string };
  readonly etat: JuryState;
  readonly rows: readonly MissingControleGradeRow[];
}

/**
 * What is missing for one CONTROLE candidate (pure): unit codes with their label, or the reason when
 * no unit can be graded. Empty when complete.
 */
export function missingOf(result: CandidateResult, gaps: readonly Pick<OpenDoubleEntry, 'epreuveCode' | 'status'>[], label: (code: string) => string): { codes: string[]; manquantes: string[] } {
  const g2 = result.group2;
  if (!g2 || !g2.choices) return { codes: [], manquantes: [CHOICES_NOT_ENTERED] };
  if (g2.decision === 'INCOMPLET' && g2.missingControleGrades.length === 0 && g2.trace.rule === 'CONTROLE_CHOIX_INVALIDE') {
    return { codes: [], manquantes: [`Choix des épreuves invalides : ${g2.trace.message}`] };
  }
  const codes: string[] = [];
  const manquantes: string[] = [];
  for (const unit of new Set(g2.choices)) {
    if (!g2.missingControleGrades.includes(unit)) continue;
    // typed under double entry but not in force: say why it is still missing
    const gap = gaps.find((g) => g.epreuveCode === unit);
    manquantes.push(gap ? `${label(unit)} (${gapReason(gap)})` : label(unit));
    codes.push(unit);
  }
  return { codes, manquantes };
}

/**
 * For each of these juries (code order, whatever their state: the caller checks scope and state), its
 * CONTROLE candidates with something missing, by name.
 */
export async function listMissingControleGrades(db: Db, juryCodes: readonly string[]): Promise<MissingControleGradesOfJury[]> {
  const juries = await listJuries(db, { codes: juryCodes });
  const candidates = await listSecondGroupCandidates(db, { juryCodes: juries.map((j) => j.code) });
  const results = await resultsOf(db, candidates.map((c) => c.id));
  const gaps = await loadDoubleEntryGaps(db, juries.map((j) => j.code));
  const labels = await unitLabels(db, [...new Set(juries.map((j) => j.specialiteCode))]);
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return juries.map((j) => {
    const rows: MissingControleGradeRow[] = [];
    for (const c of candidates.filter((x) => x.juryCode === j.code)) {
      const result = results.get(c.id);
      if (!result || !isControle(result)) continue;
      const missing = missingOf(result, gaps.get(c.id) ?? [], (code) => labels.get(j.specialiteCode)?.get(code) ?? code);
      if (missing.manquantes.length === 0) continue;
      rows.push({
        candidateId: c.id, numeroCandidat: c.numeroCandidat, numeroInscription: c.numeroInscription, nom: c.nom, prenoms: c.prenoms,
        ...missing, centre: c.centreEpreuve,
      });
    }
    rows.sort((a, b) => collator.compare(a.nom, b.nom) || collator.compare(a.prenoms, b.prenoms) || a.numeroCandidat.localeCompare(b.numeroCandidat));
    return { jury: { code: j.code, specialiteCode: j.specialiteCode, specialiteLibelle: j.specialiteLibelle }, etat: j.etat, rows };
  });
}

/**
 * The screen's use case: the selected juries (default: every jury of the scope at 200), checked for
 * scope (404) and state (403), and the memo's message when nothing is missing.
 */
export async function getMissingControleGrades(db: Db, actor: Actor, juryCodes?: readonly string[]): Promise<MissingGradesDto> {
  enforce(screenVerdict(actor, 'choices'));
  const scope = await juriesInScope(db, actor);
  const available = (etat: JuryState) => editionAvailability('notes-manquantes', 2, etat);
  let codes: string[];
  if (juryCodes && juryCodes.length > 0) {
    for (const code of juryCodes) {
      const j = scope.find((x) => x.code === code);
      if (!j) throw new AppError('NOT_FOUND', 'Jury introuvable.');
      const a = available(j.etat);
      if (!a.ok) throw new AppError('FORBIDDEN', `${a.reason}.`);
    }
    codes = [...new Set(juryCodes)];
  } else {
    codes = scope.filter((j) => available(j.etat).ok).map((j) => j.code);
  }
  const juries = (await listMissingControleGrades(db, codes)).map((j) => ({
    jury: j.jury, etat: j.etat, rows: j.rows.map(({ codes: _codes, ...r }) => ({ ...r, manquantes: [...r.manquantes] })),
  }));
  return { juries, message: juries.every((j) => j.rows.length === 0) ? NO_MISSING_GRADES : null };
}
