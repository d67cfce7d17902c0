// The large files: candidats.csv and notes.csv, streamed and written in batches.
import { checkBenefice, parseGrade } from '../../domain/grades.js';
import { isValidAnonymat, isValidIne, isValidInscription, isValidCandidateNumber } from '../../domain/ids.js';
import { parseBool, parseDate, parseTriState, readRowBatches, required } from './format.js';
import { PairSet, type CandidateInfo, type ImportContext } from './context.js';
import type { CandidateRow } from '../../db/schema.js';
import {
  CANDIDATE_FIELD_LABELS, CORRECTION_ACTION, candidateValueText, etatText, gradeChange, sameCell, type StoredGradeRow,
} from './protected-juries.js';

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

/** The stored rows of the candidates of deliberating juries (compared with the file, never replaced). */
async function loadGuardedRows(ctx: ImportContext): Promise<void> {
  const codes = [...ctx.protectedJuries.keys()];
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await ctx.tx.trx.selectFrom('candidate').selectAll().where('jury_code', 'in', codes.slice(i, i + 500)).execute();
    for (const c of rows) ctx.guardedRows.set(c.numero_candidat + ';' + c.numero_inscription, c);
  }
}

/** "02319252150 - 001 AZBTSUN John" */
function candidateLabel(numero: string, inscription: string, nom: string, prenoms: string): string {
  return `${numero} - ${inscription} ${nom} ${prenoms}`.trim();
}

/**
 * A candidate of a deliberating jury (in the database or in the file): each field that differs is
 * a difference (a move between juries cannot be corrected by import); a candidate the file adds is
 * one difference, inserted by a correction.
 */
function compareCandidate(ctx: ImportContext, info: CandidateInfo, stored: CandidateRow | undefined, values: readonly Cell[]): void {
  const jury = info.guardJury!;
  const etat = etatText(ctx.protectedJuries.get(jury)!.etat);
  const candidat = info.label!;
  if (!stored && !info.isNew) {
    // stored in a jury that does not deliberate yet, moved by the file into one that does
    ctx.changes.push({ jury, etat, candidat, champ: 'jury', avant: '(un autre jury)', apres: jury, refus: 'un candidat ne rejoint pas un jury en délibération par import' });
    return;
  }
  if (!stored) {
    ctx.changes.push({
      jury, etat, candidat, champ: 'candidat', avant: '(absent)', apres: 'ajouté au jury', refus: null,
      apply: async (trx, c) => {
        const row = Object.fromEntries(CANDIDATE_COLUMNS.map((col, i) => [col, values[i]]));
        await trx.insertInto('candidate').values(row as never).execute();
        const { id: _id, ...after } = row;
        return { at: c.at, actor: c.actor, action: CORRECTION_ACTION, juryCode: jury, candidateId: info.id, subject: `candidate:${info.id}`, before: null, after, reason: c.motif };
      },
    });
    return;
  }
  CANDIDATE_COLUMNS.forEach((column, i) => {
    if (column === 'id' || column === 'numero_candidat' || column === 'numero_inscription') return;
    const before = stored[column];
    const after = values[i] ?? null;
    if (sameCell(before, after)) return;
    const base = {
      jury, etat, candidat, champ: CANDIDATE_FIELD_LABELS[column] ?? column,
      avant: candidateValueText(column, before), apres: candidateValueText(column, after),
    };
    if (column === 'jury_code') {
      ctx.changes.push({ ...base, refus: 'un candidat d’un jury en délibération ne change pas de jury par import' });
      return;
    }
    ctx.changes.push({
      ...base, refus: null,
      apply: async (trx, c) => {
        await trx.updateTable('candidate').set({ [column]: after }).where('id', '=', stored.id).execute();
        return {
          at: c.at, actor: c.actor, action: CORRECTION_ACTION, juryCode: jury, candidateId: stored.id, subject: `candidate:${stored.id}`,
          before: { [column]: before }, after: { [column]: after }, reason: c.motif,
        };
      },
    });
  });
}

export async function readCandidats(ctx: ImportContext): Promise<void> {
  const f = 'candidats.csv';
  if (ctx.protectedJuries.size) await loadGuardedRows(ctx);
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
    if (!isValidCandidateNumber(r.numero_candidat)) err(`numero_candidat « ${r.numero_candidat} » invalide (11 chiffres)`);
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
    const stored = ctx.guardedRows.get(key);
    const guardJury = stored ? stored.jury_code : ctx.protectedJuries.has(r.jury) ? r.jury : undefined;
    const info: CandidateInfo = guardJury === undefined
      ? { id, index: ctx.counts.candidats, specialite: jury?.specialite ?? '', jury: r.jury, guarded: false }
      : {
        id, index: ctx.counts.candidats, specialite: jury?.specialite ?? '', jury: r.jury, guarded: true, guardJury, isNew: existing === undefined,
        label: candidateLabel(r.numero_candidat, r.numero_inscription, r.nom, r.prenoms),
      };
    ctx.candidates.set(key, info);
    ctx.counts.candidats++;
    if (!ctx.writing) continue;
    const values: Cell[] = [
      id, r.numero_candidat, r.numero_inscription, r.nom, r.nom_usage, r.prenoms, r.sexe, naissance?.ok ? naissance.value : null,
      r.lieu_naissance, r.ine, r.categorie, r.forme_passage, r.etablissement_inscription, r.centre_epreuve, r.jury,
      r.numero_anonymat, livret.ok && livret.value !== null ? (livret.value ? 1 : 0) : null, r.handicap,
      rouge.ok && rouge.value ? 1 : 0, fraude.ok && fraude.value ? 1 : 0, r.adresse, r.code_postal, r.ville, r.mail,
    ];
    if (info.guarded) {
      ctx.guarded.set(id, info);
      compareCandidate(ctx, info, stored, values);
      continue;
    }
    batch.push(values);
    if (batch.length >= BATCH) await flush();
  }
  // candidates of deliberating juries absent from the file are left as they are (an import never deletes candidates)
  await flush();
}

/** Deletes rows of `table` for the candidates of this import (a re-import replaces them). */
export async function clearForImportedCandidates(ctx: ImportContext, table: 'grade' | 'controle_choice' | 'controle_grade'): Promise<void> {
  if (!ctx.reimport || !ctx.writing) return;
  const idList = [...ctx.candidates.values()].filter((c) => !c.guarded).map((c) => c.id);
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
    if (cand.guarded) {
      let m = ctx.guardedGrades.get(cand.id);
      if (!m) ctx.guardedGrades.set(cand.id, (m = new Map()));
      m.set(r.epreuve, { value: g.value, benefice: r.benefice || null });
      continue;
    }
    const h = g.value.kind === 'NOTE' ? g.value.hundredths : null;
    batch.push([cand.id, r.epreuve, g.value.kind, h, r.benefice || null, g.value.kind, h]);
    if (batch.length >= BATCH) {
      await ctx.tx.append('grade', GRADE_COLUMNS, batch);
      batch = [];
    }
  }
  if (ctx.writing && batch.length) await ctx.tx.append('grade', GRADE_COLUMNS, batch);
  if (ctx.writing && ctx.guarded.size) await compareGuardedGrades(ctx);
}

/** Adds grade rows to `into`, by candidate then épreuve. */
export function indexByCandidate<V, R extends V & { readonly candidate_id: number; readonly epreuve_code: string }>(rows: readonly R[], into: Map<number, Map<string, V>>): void {
  for (const r of rows) {
    let m = into.get(r.candidate_id);
    if (!m) into.set(r.candidate_id, (m = new Map()));
    m.set(r.epreuve_code, r);
  }
}

/** Each guarded candidate's grades in the file against the stored ones (all of his épreuves). */
async function compareGuardedGrades(ctx: ImportContext): Promise<void> {
  const ids = [...ctx.guarded.keys()];
  const stored = new Map<number, Map<string, StoredGradeRow>>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await ctx.tx.trx.selectFrom('grade')
      .select(['candidate_id', 'epreuve_code', 'kind', 'hundredths', 'benefice', 'orig_kind', 'orig_hundredths', 'version', 'updated_at', 'updated_by'])
      .where('candidate_id', 'in', ids.slice(i, i + 1000)).execute();
    indexByCandidate(rows, stored);
  }
  for (const [id, info] of ctx.guarded) {
    const db = stored.get(id) ?? new Map<string, StoredGradeRow>();
    const file = ctx.guardedGrades.get(id) ?? new Map();
    const jury = info.guardJury!;
    const etat = ctx.protectedJuries.get(jury)!.etat;
    const leaves = [...new Set([...db.keys(), ...file.keys()])].sort();
    for (const e of leaves) {
      const change = gradeChange(jury, etat, info.label!, id, e, db.get(e), file.get(e));
      if (change) ctx.changes.push(change);
    }
  }
}
