// Optional files of the 2nd group: contrôle choices and contrôle grades.
import { parseControleGrade } from '../../domain/grades.js';
import { readRows } from './format.js';
import { clearForImportedCandidates, indexByCandidate } from './candidate-files.js';
import type { ImportContext } from './context.js';
import { gradeFromRow } from '../../db/repositories/candidate-inputs.js';
import { formatGrade, gradeEquals } from '../../domain/grades.js';
import { etatText } from './protected-juries.js';

const SECOND_GROUP_REFUSAL = 'le 2nd groupe d’un jury en délibération se saisit dans l’application (choix et notes), pas par import';

export async function readChoixControle(ctx: ImportContext): Promise<void> {
  const f = 'choix_controle.csv';
  await clearForImportedCandidates(ctx, 'controle_choice');
  const out: (string | number)[][] = [];
  for await (const r of readRows(ctx.path('choix_controle'), 'choix_controle', ctx.errors)) {
    const err = (m: string) => ctx.errors.add(f, r.__line, m);
    const cand = ctx.candidates.get(r.numero_candidat + ';' + r.numero_inscription);
    if (!cand) {
      err(`candidat ${r.numero_candidat} - ${r.numero_inscription} inconnu (absent de candidats.csv)`);
      continue;
    }
    if (ctx.choices.has(cand.id)) err(`choix en double pour le candidat ${r.numero_candidat} - ${r.numero_inscription}`);
    if (r.epreuve_1 === r.epreuve_2) err(`la même épreuve « ${r.epreuve_1} » est choisie deux fois`);
    const units = ctx.units.get(cand.specialite);
    const di = ctx.diLeaves.get(cand.id);
    for (const code of [r.epreuve_1, r.epreuve_2]) {
      const u = units?.get(code);
      if (!u) err(`épreuve « ${code} » inconnue pour la spécialité ${cand.specialite}`);
      else if (!u.controle || u.facultative) err(`l'épreuve « ${code} » ne peut pas être choisie en épreuve de contrôle`);
      else if (di && u.leaves.every((l) => di.has(l))) err(`le candidat est dispensé (DI) de l'épreuve « ${code} » : elle ne peut pas être choisie`);
    }
    ctx.choices.set(cand.id, [r.epreuve_1, r.epreuve_2]);
    ctx.counts.choixControle++;
    if (cand.guarded) ctx.guardedChoices.set(cand.id, [r.epreuve_1, r.epreuve_2]);
    else out.push([cand.id, r.epreuve_1, r.epreuve_2]);
  }
  if (!ctx.writing) return;
  await ctx.tx.append('controle_choice', ['candidate_id', 'epreuve_1', 'epreuve_2'], out);
  if (ctx.guarded.size) await compareGuardedChoices(ctx);
}

/** Guarded candidates' contrôle choices: any difference is listed (the 2nd group is entered in the application). */
async function compareGuardedChoices(ctx: ImportContext): Promise<void> {
  const ids = [...ctx.guarded.keys()];
  const stored = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await ctx.tx.trx.selectFrom('controle_choice').select(['candidate_id', 'epreuve_1', 'epreuve_2']).where('candidate_id', 'in', ids.slice(i, i + 1000)).execute()) {
      stored.set(r.candidate_id, `${r.epreuve_1}, ${r.epreuve_2}`);
    }
  }
  for (const [id, info] of ctx.guarded) {
    const file = ctx.guardedChoices.get(id);
    const before = stored.get(id) ?? '(aucun)';
    const after = file ? file.join(', ') : '(aucun)';
    if (before === after) continue;
    const jury = info.guardJury!;
    ctx.changes.push({ jury, etat: etatText(ctx.protectedJuries.get(jury)!.etat), candidat: info.label!, champ: 'choix des épreuves de contrôle', avant: before, apres: after, refus: SECOND_GROUP_REFUSAL });
  }
}

export async function readNotesControle(ctx: ImportContext): Promise<void> {
  const f = 'notes_controle.csv';
  await clearForImportedCandidates(ctx, 'controle_grade');
  const out: (string | number | null)[][] = [];
  const seen = new Set<string>();
  for await (const r of readRows(ctx.path('notes_controle'), 'notes_controle', ctx.errors)) {
    const err = (m: string) => ctx.errors.add(f, r.__line, m);
    const cand = ctx.candidates.get(r.numero_candidat + ';' + r.numero_inscription);
    if (!cand) {
      err(`candidat ${r.numero_candidat} - ${r.numero_inscription} inconnu (absent de candidats.csv)`);
      continue;
    }
    const choice = ctx.choices.get(cand.id);
    if (!choice) err(`le candidat ${r.numero_candidat} - ${r.numero_inscription} n'a pas de choix d'épreuves de contrôle (choix_controle.csv)`);
    else if (!choice.includes(r.epreuve)) err(`l'épreuve « ${r.epreuve} » n'est pas l'une des épreuves de contrôle choisies (${choice.join(', ')})`);
    const key = cand.id + ';' + r.epreuve;
    if (seen.has(key)) err(`note de contrôle en double pour l'épreuve ${r.epreuve}`);
    seen.add(key);
    const g = parseControleGrade(r.note);
    if (!g.ok) {
      err(g.error);
      continue;
    }
    ctx.counts.notesControle++;
    if (cand.guarded) {
      let m = ctx.guardedControleGrades.get(cand.id);
      if (!m) ctx.guardedControleGrades.set(cand.id, (m = new Map()));
      m.set(r.epreuve, g.value);
      continue;
    }
    out.push([cand.id, r.epreuve, g.value.kind, g.value.kind === 'NOTE' ? g.value.hundredths : null]);
  }
  if (!ctx.writing) return;
  await ctx.tx.append('controle_grade', ['candidate_id', 'epreuve_code', 'kind', 'hundredths'], out);
  if (ctx.guarded.size) await compareGuardedControleGrades(ctx);
}

/** Guarded candidates' contrôle grades against the value last imported (or in force): differences are listed. */
async function compareGuardedControleGrades(ctx: ImportContext): Promise<void> {
  const ids = [...ctx.guarded.keys()];
  const stored = new Map<number, Map<string, { kind: string; hundredths: number | null; orig_kind: string | null; orig_hundredths: number | null; updated_at: string | null }>>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await ctx.tx.trx.selectFrom('controle_grade').select(['candidate_id', 'epreuve_code', 'kind', 'hundredths', 'orig_kind', 'orig_hundredths', 'updated_at'])
      .where('candidate_id', 'in', ids.slice(i, i + 1000)).execute();
    indexByCandidate(rows, stored);
  }
  for (const [id, info] of ctx.guarded) {
    const db = stored.get(id) ?? new Map();
    const file = ctx.guardedControleGrades.get(id) ?? new Map();
    const jury = info.guardJury!;
    for (const e of [...new Set([...db.keys(), ...file.keys()])].sort()) {
      const row = db.get(e);
      const current = row ? gradeFromRow(row.kind, row.hundredths) : undefined;
      const imported = row && row.updated_at !== null ? gradeFromRow(row.orig_kind, row.orig_hundredths) : current;
      const f = file.get(e);
      if (gradeEquals(imported, f) || gradeEquals(current, f)) continue;
      ctx.changes.push({
        jury, etat: etatText(ctx.protectedJuries.get(jury)!.etat), candidat: info.label!, champ: `note de contrôle ${e}`,
        avant: formatGrade(current) || '(aucune)', apres: formatGrade(f) || '(aucune)', refus: SECOND_GROUP_REFUSAL,
      });
    }
  }
}
