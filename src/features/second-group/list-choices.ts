// Use case: "Saisir les choix des candidats du centre de délibération" — the grid of the CONTROLE
// candidates of the juries at 198–200 in scope, with their choices and the units each may choose.
import type { Db } from '../../db/connect.js';
import { listChoices, unitLabels, type StoredChoice } from '../../db/repositories/second-group.js';
import { canEnterControleChoices } from '../../domain/jury-state.js';
import { JURY_STATE_LABELS, type Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { eligibleUnits } from '../../domain/rules/index.js';
import { candidatLabel, specialiteLabel } from './format.js';
import { factsOf, loadControleCandidates, type ControleCandidate } from './load-candidates.js';
import { choiceVerdict, screenVerdict } from './policies.js';
import { contains, pageOf } from './grid-page.js';
import type { ChoiceColumn, ChoiceRowDto, ChoicesGridDto, ChoicesPageDto, ChoicesQuery } from './schemas.js';
import { CHOICE_COLUMNS } from './schemas.js';

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

/** A cell of the grid as shown (and as filtered, sorted and exported): the units by their libellé. */
export function choiceCellText(grid: ChoicesGridDto, r: ChoiceRowDto, col: ChoiceColumn): string {
  const label = (code: string | null) => (code === null ? '' : grid.units[r.specialiteCode]?.find((u) => u.code === code)?.libelle ?? code);
  switch (col) {
    case 'candidat': return r.candidat;
    case 'choix1': return label(r.epreuve1);
    case 'choix2': return label(r.epreuve2);
    case 'specialite': return r.specialite;
    case 'handi': return r.handicap ? 'Oui' : 'Non';
    case 'jury': return r.juryCode;
    case 'etat': return r.juryEtat;
  }
}

/** Does a row match the search and every column filter of `q`? */
export function choiceMatches(grid: ChoicesGridDto, r: ChoiceRowDto, q: Partial<ChoicesQuery>): boolean {
  if (q.q?.trim() && !CHOICE_COLUMNS.some((c) => contains(choiceCellText(grid, r, c), q.q))) return false;
  return CHOICE_COLUMNS.every((c) => contains(choiceCellText(grid, r, c), q[c]));
}

/** « Saisir les choix des candidats » one page at a time: filtered, sorted and cut by the server. */
export async function searchChoicesGrid(db: Db, actor: Actor, q: ChoicesQuery): Promise<ChoicesPageDto> {
  const grid = await listChoicesGrid(db, actor);
  const page = pageOf(grid.rows, q, (r) => choiceMatches(grid, r, q), (r) => choiceCellText(grid, r, q.sort), (r) => `${r.candidat} ${String(r.candidateId).padStart(12, '0')}`);
  const specs = new Set(page.rows.map((r) => r.specialiteCode));
  return {
    rows: page.rows,
    units: Object.fromEntries(Object.entries(grid.units).filter(([spec]) => specs.has(spec))),
    total: page.total, all: grid.rows.length, page: page.page, pageSize: page.pageSize,
  };
}
