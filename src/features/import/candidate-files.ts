// The large files: candidats.csv and notes.csv, streamed and written in batches.
import { checkBenefice, parseGrade } from '../../domain/grades.js';
import { isValidAnonymat, isValidIne, isValidInscription, isValidNumeroCandidat } from '../../domain/ids.js';
import { parseBool, parseDate, parseTriState, readRowBatches, required } from './format.js';
import { PairSet, type CandidateInfo, type ImportContext } from './context.js';

const BATCH = 500;
type Cell = string | number | null;

const CANDIDATE_COLUMNS = [
  'id', 'numero_candidat', 'numero_inscription', 'nom', 'nom_usage', 'prenoms', 'sexe', 'date_naissance', 'lieu_naissance',
  'ine', 'categorie', 'forme_passage', 'etablissement_uai', 'centre_epreuve_uai', 'jury_code', 'numero_anonymat', 'livret',
  'handicap', 'liste_rouge', 'presume_fraudeur', 'adresse', 'code_postal', 'ville', 'mail',
] as const;

export const GRADE_COLUMNS = ['candidate_id', 'epreuve_code', 'kind', 'hundredths', 'benefice', 'orig_kind', 'orig_hundredths'] as const;

/** Existing candidates' ids by natural key, so that a re-import updates instead of duplicating. */
async function loadExistingIds(ctx: ImportContext): Promise<{ ids: Map<string, number>; next: number }> {
  const ids = new Map<string, number>();
  let next = 1;
  let last = 0;
  for (;;) {
    const page = await ctx.tx.trx.selectFrom('candidate').select(['id', 'numero_candidat', 'numero_inscription'])
      .where('id', '>', last).orderBy('id').limit(20000).execute();
    if (page.length === 0) break;
    for (const c of page) {
      ids.set(c.numero_candidat + ';' + c.numero_inscription, c.id);
      last = c.id;
    }
    next = last + 1;
  }
  return { ids, next };
}

export async function readCandidats(ctx: ImportContext): Promise<void> {
  const f = 'candidats.csv';
  const { ids, next } = await loadExistingIds(ctx);
  ctx.reimport = ids.size > 0;
  let nextId = next;
  const anonymats = new Set<string>();
  let batch: Cell[][] = [];
  const flush = async () => {
    if (ctx.writing && batch.length) {
      if (ctx.reimport) await ctx.tx.upsert('candidate', CANDIDATE_COLUMNS, batch, ['numero_candidat', 'numero_inscription']);
      else await ctx.tx.append('candidate', CANDIDATE_COLUMNS, batch);
    }
    batch = [];
  };
  for await (const rows of readRowBatches(ctx.path('candidats'), 'candidats', ctx.errors)) for (const r of rows) {
    const line = r.__line;
    const err = (m: string) => ctx.errors.add(f, line, m);
    if (!isValidNumeroCandidat(r.numero_candidat)) err(`numero_candidat « ${r.numero_candidat} » invalide (11 chiffres)`);
    if (!isValidInscription(r.numero_inscription)) err(`numero_inscription « ${r.numero_inscription} » invalide (3 chiffres)`);
    const key = r.numero_candidat + ';' + r.numero_inscription;
    if (ctx.candidates.has(key)) err(`candidat ${r.numero_candidat} - ${r.numero_inscription} en double`);
    for (const c of ['nom', 'prenoms', 'categorie'] as const) {
      const v = required(r[c], c);
      if (!v.ok) err(v.error);
    }
    if (r.sexe !== 'M' && r.sexe !== 'F') err(`sexe « ${r.sexe} » invalide (M ou F)`);
    const naissance = r.date_naissance === '' ? null : parseDate(r.date_naissance, 'date_naissance');
    if (naissance && !naissance.ok) err(naissance.error);
    if (r.ine !== '' && !isValidIne(r.ine)) err(`INE « ${r.ine} » invalide`);
    if (r.forme_passage !== 'GLOBALE' && r.forme_passage !== 'PROGRESSIVE') err(`forme_passage « ${r.forme_passage} » invalide (GLOBALE ou PROGRESSIVE)`);
    if (!ctx.etablissements.has(r.etablissement_inscription)) err(`établissement d'inscription « ${r.etablissement_inscription} » inconnu`);
    if (!ctx.etablissements.has(r.centre_epreuve)) err(`centre d'épreuve « ${r.centre_epreuve} » inconnu`);
    const jury = ctx.juries.get(r.jury);
    if (!jury) err(`jury « ${r.jury} » inconnu`);
    if (!isValidAnonymat(r.numero_anonymat)) err(`numero_anonymat « ${r.numero_anonymat} » invalide (14 caractères)`);
    else if (anonymats.has(r.numero_anonymat)) err(`numero_anonymat « ${r.numero_anonymat} » en double`);
    anonymats.add(r.numero_anonymat);
    const livret = parseTriState(r.livret, 'livret');
    const rouge = parseBool(r.liste_rouge, 'liste_rouge');
    const fraude = parseBool(r.presume_fraudeur, 'presume_fraudeur');
    for (const p of [livret, rouge, fraude]) if (!p.ok) err(p.error);

    const existing = ids.get(key);
    const id = existing ?? nextId++;
    if (existing) ctx.counts.candidatsMisAJour++;
    else ctx.counts.candidatsNouveaux++;
    ctx.candidates.set(key, { id, index: ctx.counts.candidats, specialite: jury?.specialite ?? '', jury: r.jury });
    ctx.counts.candidats++;
    if (!ctx.writing) continue;
    batch.push([
      id, r.numero_candidat, r.numero_inscription, r.nom, r.nom_usage, r.prenoms, r.sexe, naissance?.ok ? naissance.value : null,
      r.lieu_naissance, r.ine, r.categorie, r.forme_passage, r.etablissement_inscription, r.centre_epreuve, r.jury,
      r.numero_anonymat, livret.ok && livret.value !== null ? (livret.value ? 1 : 0) : null, r.handicap,
      rouge.ok && rouge.value ? 1 : 0, fraude.ok && fraude.value ? 1 : 0, r.adresse, r.code_postal, r.ville, r.mail,
    ]);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}

/** Deletes rows of `table` for the candidates of this import (a re-import replaces them). */
export async function clearForImportedCandidates(ctx: ImportContext, table: 'grade' | 'controle_choice' | 'controle_grade'): Promise<void> {
  if (!ctx.reimport || !ctx.writing) return;
  const idList = [...ctx.candidates.values()].map((c) => c.id);
  for (let i = 0; i < idList.length; i += 1000) {
    await ctx.tx.trx.deleteFrom(table).where('candidate_id', 'in', idList.slice(i, i + 1000)).execute();
  }
}

export async function readNotes(ctx: ImportContext): Promise<void> {
  const f = 'notes.csv';
  await clearForImportedCandidates(ctx, 'grade');
  let width = 1;
  for (const ids of ctx.leafIds.values()) width = Math.max(width, ids.size);
  const seen = new PairSet(width);
  let batch: Cell[][] = [];
  // A candidate's grades follow one another: the candidate and its spécialité are looked up once
  // per run of rows, not once per grade.
  let numero: string | null = null;
  let inscription = '';
  let cand: CandidateInfo | undefined;
  let leaves: ReadonlyMap<string, string> | undefined;
  let leafIds: ReadonlyMap<string, number> | undefined;
  // a few hundred distinct grade texts in millions of rows: each is parsed once (parseGrade is pure)
  const parsed = new Map<string, ReturnType<typeof parseGrade>>();
  for await (const rows of readRowBatches(ctx.path('notes'), 'notes', ctx.errors)) for (const r of rows) {
    const line = r.__line;
    if (r.numero_candidat !== numero || r.numero_inscription !== inscription) {
      numero = r.numero_candidat;
      inscription = r.numero_inscription;
      cand = ctx.candidates.get(numero + ';' + inscription);
      leaves = cand && ctx.leaves.get(cand.specialite);
      leafIds = cand && ctx.leafIds.get(cand.specialite);
    }
    if (!cand) {
      ctx.errors.add(f, line, `candidat ${r.numero_candidat} - ${r.numero_inscription} inconnu (absent de candidats.csv)`);
      continue;
    }
    const unit = leaves?.get(r.epreuve);
    if (!unit) {
      const isUnit = ctx.units.get(cand.specialite)?.has(r.epreuve);
      ctx.errors.add(f, line, isUnit
        ? `l'épreuve « ${r.epreuve} » a des sous-épreuves : la note se saisit sur chaque sous-épreuve`
        : `épreuve « ${r.epreuve} » inconnue pour la spécialité ${cand.specialite}`);
      continue;
    }
    if (seen.add(cand.index, leafIds!.get(r.epreuve)!)) {
      ctx.errors.add(f, line, `note en double pour le candidat ${r.numero_candidat} - ${r.numero_inscription} et l'épreuve ${r.epreuve}`);
    }
    let g = parsed.get(r.note);
    if (g === undefined) {
      g = parseGrade(r.note);
      if (parsed.size < 10_000) parsed.set(r.note, g);
    }
    if (!g.ok) {
      ctx.errors.add(f, line, g.error);
      continue;
    }
    if (r.benefice !== '') {
      const b = checkBenefice(g.value, r.benefice, ctx.session);
      if (!b.ok) ctx.errors.add(f, line, b.error);
    }
    if (g.value.kind === 'DI') {
      let s = ctx.diLeaves.get(cand.id);
      if (!s) ctx.diLeaves.set(cand.id, (s = new Set()));
      s.add(r.epreuve);
    }
    ctx.counts.notes++;
    if (!ctx.writing) continue;
    const h = g.value.kind === 'NOTE' ? g.value.hundredths : null;
    batch.push([cand.id, r.epreuve, g.value.kind, h, r.benefice || null, g.value.kind, h]);
    if (batch.length >= BATCH) {
      await ctx.tx.append('grade', GRADE_COLUMNS, batch);
      batch = [];
    }
  }
  if (ctx.writing && batch.length) await ctx.tx.append('grade', GRADE_COLUMNS, batch);
}
