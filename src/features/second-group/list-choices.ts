// Use case: "Saisir les choix des candidats du centre de délibération" — the grid of the CONTROLE
// candidates of the juries at 198–200 in scope, with their choices and the units each may choose.
import type { Db } from '../../db/connect.js';
import { listChoices, unitLabels, type StoredChoice } from '../../db/repositories/second-group.js';
import { canEnterControleChoices } from '../../domain/jury-state.js';
import { JURY_STATE_LABELS, type Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { eligibleUnits } from './eligibility.js';
import { candidatLabel, specialiteLabel } from './format.js';
import { factsOf, loadControleCandidates, type ControleCandidate } from './load-candidates.js';
import { choiceVerdict, screenVerdict } from './policies.js';
import type { ChoiceRowDto, ChoicesGridDto } from './schemas.js';

export function presentChoiceRow(actor: Actor, { candidate: c, result }: ControleCandidate, choice: StoredChoice | undefined): ChoiceRowDto {
  return {
    candidateId: c.id,
    candidat: candidatLabel(c),
    numeroCandidat: c.numeroCandidat,
    numeroInscription: c.numeroInscription,
    nom: c.nom,
    prenoms: c.prenoms,
    epreuve1: choice?.epreuve1 ?? null,
    epreuve2: choice?.epreuve2 ?? null,
    version: choice?.version ?? 0,
    updatedBy: choice?.updatedBy ?? null,
    updatedAt: choice?.updatedAt ?? null,
    eligible: eligibleUnits(result).map((u) => u.code),
    specialiteCode: c.specialiteCode,
    specialite: specialiteLabel(c),
    handicap: c.handicap.trim() !== '',
    handicapMesures: c.handicap.trim(),
    juryCode: c.juryCode,
    juryEtat: c.juryEtat,
    juryEtatLibelle: JURY_STATE_LABELS[c.juryEtat],
    centreEpreuve: `${c.centreEpreuve.libelle} – ${c.centreEpreuve.ville} (${c.centreEpreuve.uai})`,
    editable: choiceVerdict(actor, factsOf(c), c.juryEtat) === 'allowed',
  };
}

/** Unit options of each spécialité of the rows (code → libellé, ruleset order). */
export async function unitOptions(db: Db, specialites: readonly string[]): Promise<ChoicesGridDto['units']> {
  const labels = await unitLabels(db, [...new Set(specialites)]);
  return Object.fromEntries([...labels].map(([spec, m]) => [spec, [...m].map(([code, libelle]) => ({ code, libelle }))]));
}

export async function listChoicesGrid(db: Db, actor: Actor): Promise<ChoicesGridDto> {
  enforce(screenVerdict(actor, 'choices'));
  const candidates = await loadControleCandidates(db, actor, canEnterControleChoices);
  const choices = await listChoices(db, candidates.map((x) => x.candidate.id));
  return {
    rows: candidates.map((x) => presentChoiceRow(actor, x, choices.get(x.candidate.id))),
    units: await unitOptions(db, candidates.map((x) => x.candidate.specialiteCode)),
  };
}
