// Snapshots of the candidate lists: livrets, the 4 lists of "Editer les listes de candidats", the
// list of présumés fraudeurs / liste rouge. These are working lists for the centre and the jury
// (not display lists): flagged candidates are deliberated like everyone and stay on them.
import type { CandidateListKind, CandidateListModel, CandidateListRow, CandidateRow, FlaggedListModel, LivretStatus, LivretsListModel } from '../../../documents/model.js';
import { listEditionCandidates, type EditionCandidate } from '../data/candidates.js';
import { evaluateJuries, evaluationOf, juryRef, type EditionContext } from './context.js';

export function candidateRow(c: EditionCandidate): CandidateRow {
  return {
    numeroCandidat: c.numeroCandidat,
    numeroInscription: c.numeroInscription,
    numeroAnonymat: c.numeroAnonymat,
    nom: c.nom,
    prenoms: c.prenoms,
    categorie: c.categorie,
    etablissementInscription: c.etablissement,
  };
}

function byJury<T>(ctx: EditionContext, candidates: readonly EditionCandidate[], row: (c: EditionCandidate) => T | null) {
  return ctx.juries.map((j) => ({
    jury: juryRef(j),
    candidates: candidates.filter((c) => c.juryCode === j.code).map(row).filter((r): r is T => r !== null),
  }));
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * Liste des candidats pour la préparation des livrets scolaires: every candidate of the jury; for
 * "élèves", the SCOLAIRE candidates only, ordered by établissement d'inscription.
 */
export async function loadLivrets(ctx: EditionContext, eleves: boolean): Promise<LivretsListModel> {
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code) });
  if (!eleves) return { header: ctx.header, juries: byJury(ctx, candidates, candidateRow) };
  // the élèves: SCOLAIRE candidates, one section per jury and établissement d'inscription, with the livret status
  const scolaires = candidates
    .filter((c) => c.categorie.toUpperCase() === 'SCOLAIRE')
    .sort((a, b) => collator.compare(a.etablissement?.libelle ?? '', b.etablissement?.libelle ?? '') || (a.etablissement?.uai ?? '').localeCompare(b.etablissement?.uai ?? '')
      || collator.compare(a.nom, b.nom) || collator.compare(a.prenoms, b.prenoms));
  const sections: LivretsListModel['juries'][number][] = [];
  for (const j of ctx.juries) {
    const ofJury = scolaires.filter((c) => c.juryCode === j.code);
    const byEtab = new Map<string, EditionCandidate[]>();
    for (const c of ofJury) {
      const key = c.etablissement?.uai ?? '';
      byEtab.set(key, [...(byEtab.get(key) ?? []), c]);
    }
    if (byEtab.size === 0) sections.push({ jury: juryRef(j), candidates: [] });
    for (const list of byEtab.values()) {
      sections.push({ jury: juryRef(j), etablissement: list[0]!.etablissement, candidates: list.map((c) => ({ ...candidateRow(c), livret: livretOf(c.livret) })) });
    }
  }
  return { header: ctx.header, eleves: true, juries: sections };
}

function livretOf(v: number | null): LivretStatus {
  return v === 1 ? 'recu' : v === 0 ? 'absent' : null;
}

/** N° anonymat order (then N° candidat): the order of the anonymous documents. */
export function byAnonymat(a: EditionCandidate, b: EditionCandidate): number {
  return a.numeroAnonymat.localeCompare(b.numeroAnonymat) || a.numeroCandidat.localeCompare(b.numeroCandidat) || a.numeroInscription.localeCompare(b.numeroInscription);
}

const LIST_KINDS: Readonly<Record<string, CandidateListKind>> = {
  'liste-anonyme': 'anonyme',
  'liste-correspondance': 'correspondance',
  'liste-handicap': 'handicap',
  'liste-triee': 'triee',
};

export function candidateListKind(kind: string): CandidateListKind {
  const k = LIST_KINDS[kind];
  if (!k) throw new Error(`liste de candidats inconnue : ${kind}`);
  return k;
}

function observations(c: EditionCandidate): string {
  return c.presumeFraudeur ? 'Présumé fraudeur' : '';
}

/** One of the 4 lists (the sorted one carries the proposed decisions and averages). */
export async function loadCandidateList(ctx: EditionContext): Promise<CandidateListModel> {
  const kind = candidateListKind(ctx.kind);
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code) });
  const evaluations = kind === 'triee' ? await evaluateJuries(ctx.db, ctx.session, ctx.juries) : null;
  const row = (c: EditionCandidate): CandidateListRow | null => {
    if (kind === 'handicap' && c.handicap.trim() === '') return null;
    const base: CandidateListRow = { ...candidateRow(c), observations: observations(c), handicap: c.handicap.trim() || null };
    if (!evaluations) return base;
    const g1 = evaluationOf(evaluations, c.id).result.group1;
    return { ...base, decision: g1.decision, moyenne: g1.moyenne, moyennePro: g1.moyennePro };
  };
  // the anonymous list follows the N° anonymat (SPEC §5): in name order it could be read against a class list
  const ordered = kind === 'anonyme' ? [...candidates].sort(byAnonymat) : candidates;
  return { header: ctx.header, kind, juries: byJury(ctx, ordered, row) };
}

/** Candidats présumés fraudeurs ou inscrits en liste rouge (jury, N° candidat, nom prénom, flag). */
export async function loadFlagged(ctx: EditionContext): Promise<FlaggedListModel> {
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code) });
  const juries = new Map(ctx.juries.map((j) => [j.code, juryRef(j)]));
  return {
    header: ctx.header,
    rows: candidates
      .filter((c) => c.listeRouge || c.presumeFraudeur)
      .map((c) => ({
        jury: juries.get(c.juryCode)!,
        numeroCandidat: c.numeroCandidat,
        numeroInscription: c.numeroInscription,
        nom: c.nom,
        prenoms: c.prenoms,
        listeRouge: c.listeRouge,
        presumeFraudeur: c.presumeFraudeur,
      })),
  };
}
