// Optional files of the 2nd group: contrôle choices and contrôle grades.
import { parseControleGrade } from '../../domain/grades.js';
import { readRows } from './format.js';
import { clearForImportedCandidates } from './candidate-files.js';
import type { ImportContext } from './context.js';

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
    out.push([cand.id, r.epreuve_1, r.epreuve_2]);
  }
  ctx.counts.choixControle = out.length;
  if (ctx.writing) await ctx.tx.append('controle_choice', ['candidate_id', 'epreuve_1', 'epreuve_2'], out);
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
    out.push([cand.id, r.epreuve, g.value.kind, g.value.kind === 'NOTE' ? g.value.hundredths : null]);
  }
  ctx.counts.notesControle = out.length;
  if (ctx.writing) await ctx.tx.append('controle_grade', ['candidate_id', 'epreuve_code', 'kind', 'hundredths'], out);
}
