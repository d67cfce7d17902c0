// Small reference files of the exchange format: session, établissements, spécialités, épreuves,
// jurys. They are read whole (they are small), checked, then written.
import { parseCoefficient } from '../../domain/grades.js';
import { isValidUai } from '../../domain/ids.js';
import { JURY_STATES, type JuryState } from '../../domain/types.js';
import { stateAtMost } from '../../domain/jury-state.js';
import { parseBool, parseDateTime, readRows, required, type Row } from './format.js';
import type { ImportContext, UnitInfo } from './context.js';

export async function readSession(ctx: ImportContext): Promise<void> {
  const rows: Row<'session'>[] = [];
  for await (const r of readRows(ctx.path('session'), 'session', ctx.errors)) rows.push(r);
  if (rows.length !== 1) {
    if (!ctx.errors.any || rows.length > 1) ctx.errors.add('session.csv', rows[1]?.__line ?? 2, `le fichier doit contenir exactement une ligne de données (${rows.length} trouvée(s))`);
    return;
  }
  const r = rows[0]!;
  for (const c of ['domaine', 'session', 'academie_code', 'academie_libelle'] as const) {
    const v = required(r[c], c);
    if (!v.ok) ctx.errors.add('session.csv', r.__line, v.error);
  }
  if (r.domaine && r.domaine !== 'BTS') ctx.errors.add('session.csv', r.__line, `domaine « ${r.domaine} » non pris en charge (BTS attendu)`);
  if (r.session && !/^\d{4}-\d{2}$/.test(r.session)) ctx.errors.add('session.csv', r.__line, `session « ${r.session} » invalide (format aaaa-mm, ex. 2023-06)`);
  ctx.session = r.session;
  if (ctx.errors.any) return;
  await ctx.tx.upsert('exam_session', ['id', 'domaine', 'session', 'academie_code', 'academie_libelle', 'service_examen_libelle', 'service_examen_adresse', 'service_examen_mail', 'service_examen_telephone'],
    [[1, r.domaine, r.session, r.academie_code, r.academie_libelle, r.service_examen_libelle, r.service_examen_adresse, r.service_examen_mail, r.service_examen_telephone]], ['id']);
}

export async function readEtablissements(ctx: ImportContext): Promise<void> {
  const out: string[][] = [];
  const seen = new Set<string>();
  for await (const r of readRows(ctx.path('etablissements'), 'etablissements', ctx.errors)) {
    const f = 'etablissements.csv';
    if (!isValidUai(r.uai)) ctx.errors.add(f, r.__line, `UAI « ${r.uai} » invalide (7 chiffres et une lettre de contrôle correcte)`);
    else if (seen.has(r.uai)) ctx.errors.add(f, r.__line, `UAI « ${r.uai} » en double`);
    const lib = required(r.libelle, 'libelle');
    if (!lib.ok) ctx.errors.add(f, r.__line, lib.error);
    seen.add(r.uai);
    ctx.etablissements.add(r.uai);
    out.push([r.uai, r.libelle, r.ville]);
  }
  ctx.counts.etablissements = out.length;
  if (!ctx.errors.any) await ctx.tx.upsert('etablissement', ['uai', 'libelle', 'ville'], out, ['uai']);
}

export async function readSpecialites(ctx: ImportContext): Promise<void> {
  const out: string[][] = [];
  const seen = new Set<string>();
  for await (const r of readRows(ctx.path('specialites'), 'specialites', ctx.errors)) {
    const f = 'specialites.csv';
    if (r.code === '') ctx.errors.add(f, r.__line, 'code : valeur obligatoire manquante');
    else if (seen.has(r.code)) ctx.errors.add(f, r.__line, `spécialité « ${r.code} » en double`);
    if (r.libelle === '') ctx.errors.add(f, r.__line, 'libelle : valeur obligatoire manquante');
    seen.add(r.code);
    ctx.specialites.add(r.code);
    out.push([r.code, r.libelle]);
  }
  ctx.counts.specialites = out.length;
  if (!ctx.errors.any) await ctx.tx.upsert('specialite', ['code', 'libelle'], out, ['code']);
}

export async function readEpreuves(ctx: ImportContext): Promise<void> {
  const f = 'epreuves.csv';
  const rows: Row<'epreuves'>[] = [];
  const seen = new Set<string>();
  for await (const r of readRows(ctx.path('epreuves'), 'epreuves', ctx.errors)) {
    const key = r.specialite + ';' + r.code;
    if (!ctx.specialites.has(r.specialite)) ctx.errors.add(f, r.__line, `spécialité « ${r.specialite} » inconnue`);
    if (r.code === '') ctx.errors.add(f, r.__line, 'code : valeur obligatoire manquante');
    else if (seen.has(key)) ctx.errors.add(f, r.__line, `épreuve « ${r.code} » en double pour la spécialité ${r.specialite}`);
    seen.add(key);
    rows.push(r);
  }
  const byKey = new Map(rows.map((r) => [r.specialite + ';' + r.code, r]));
  const out: (string | number | null)[][] = [];
  const position = new Map<string, number>();
  for (const r of rows) {
    const coef = parseCoefficient(r.coefficient);
    if (!coef.ok) ctx.errors.add(f, r.__line, `coefficient : ${coef.error}`);
    if (r.domaine !== 'general' && r.domaine !== 'professionnel') ctx.errors.add(f, r.__line, `domaine « ${r.domaine} » invalide (general ou professionnel)`);
    const controle = parseBool(r.controle, 'controle');
    const facultative = parseBool(r.facultative, 'facultative');
    if (!controle.ok) ctx.errors.add(f, r.__line, controle.error);
    if (!facultative.ok) ctx.errors.add(f, r.__line, facultative.error);
    if (r.ects !== '' && !/^\d{1,3}$/.test(r.ects)) ctx.errors.add(f, r.__line, `ects « ${r.ects} » invalide (nombre entier)`);
    if (r.parent !== '') {
      const parent = byKey.get(r.specialite + ';' + r.parent);
      if (!parent) ctx.errors.add(f, r.__line, `épreuve parente « ${r.parent} » inconnue pour la spécialité ${r.specialite}`);
      else if (parent.parent !== '') ctx.errors.add(f, r.__line, `l'épreuve parente « ${r.parent} » est elle-même une sous-épreuve`);
    }
    const pos = (position.get(r.specialite) ?? 0) + 1;
    position.set(r.specialite, pos);
    out.push([r.specialite, r.code, r.libelle, coef.ok ? coef.value : 0, r.domaine, controle.ok && controle.value ? 1 : 0,
      facultative.ok && facultative.value ? 1 : 0, r.parent || null, r.ects === '' ? null : Number(r.ects), pos]);
  }
  buildUnits(ctx, rows);
  ctx.counts.epreuves = out.length;
  if (ctx.errors.any) return;
  const specs = [...position.keys()];
  for (let i = 0; i < specs.length; i += 500) {
    await ctx.tx.trx.deleteFrom('epreuve').where('specialite_code', 'in', specs.slice(i, i + 500)).execute();
  }
  await ctx.tx.append('epreuve', ['specialite_code', 'code', 'libelle', 'coef_centi', 'domaine', 'controle', 'facultative', 'parent_code', 'ects', 'position'], out);
}

/** Units and leaves per spécialité, for the checks of notes and contrôle choices. */
function buildUnits(ctx: ImportContext, rows: Row<'epreuves'>[]): void {
  for (const r of rows) {
    if (r.parent !== '') continue;
    let units = ctx.units.get(r.specialite);
    if (!units) ctx.units.set(r.specialite, (units = new Map<string, UnitInfo>()));
    units.set(r.code, { code: r.code, controle: r.controle.toLowerCase() === 'oui', facultative: r.facultative.toLowerCase() === 'oui', leaves: [] });
  }
  for (const r of rows) {
    if (r.parent === '') continue;
    ctx.units.get(r.specialite)?.get(r.parent)?.leaves.push(r.code);
  }
  for (const [spec, units] of ctx.units) {
    const leaves = new Map<string, string>();
    const ids = new Map<string, number>();
    for (const u of units.values()) {
      if (u.leaves.length === 0) u.leaves.push(u.code);
      for (const l of u.leaves) {
        leaves.set(l, u.code);
        ids.set(l, ids.size);
      }
    }
    ctx.leaves.set(spec, leaves);
    ctx.leafIds.set(spec, ids);
  }
}

export async function readJurys(ctx: ImportContext): Promise<void> {
  const f = 'jurys.csv';
  const out: (string | null)[][] = [];
  const existing = new Map((await ctx.tx.trx.selectFrom('jury').select(['code', 'etat']).execute()).map((j) => [j.code, j.etat as JuryState]));
  for await (const r of readRows(ctx.path('jurys'), 'jurys', ctx.errors)) {
    if (r.code === '') ctx.errors.add(f, r.__line, 'code : valeur obligatoire manquante');
    else if (ctx.juries.has(r.code)) ctx.errors.add(f, r.__line, `jury « ${r.code} » en double`);
    if (!ctx.specialites.has(r.specialite)) ctx.errors.add(f, r.__line, `spécialité « ${r.specialite} » inconnue`);
    if (!ctx.etablissements.has(r.centre_deliberation)) ctx.errors.add(f, r.__line, `centre de délibération « ${r.centre_deliberation} » inconnu (absent de etablissements.csv)`);
    for (const c of ['president', 'vice_president'] as const) {
      const v = required(r[c], c);
      if (!v.ok) ctx.errors.add(f, r.__line, v.error);
    }
    const debut = r.debut_deliberation === '' ? null : parseDateTime(r.debut_deliberation, 'debut_deliberation');
    const fin = r.fin_deliberation === '' ? null : parseDateTime(r.fin_deliberation, 'fin_deliberation');
    if (debut && !debut.ok) ctx.errors.add(f, r.__line, debut.error);
    if (fin && !fin.ok) ctx.errors.add(f, r.__line, fin.error);
    const etat = (r.etat === '' ? '000' : r.etat) as JuryState;
    if (!JURY_STATES.includes(etat)) ctx.errors.add(f, r.__line, `état « ${r.etat} » inconnu (${JURY_STATES.join(', ')})`);
    const current = existing.get(r.code);
    // a closed deliberation (130 and beyond) is never overwritten by a late file
    if (current && !stateAtMost(current, '110')) {
      ctx.errors.add(f, r.__line, `le jury ${r.code} est à l'état ${current} : sa délibération est close, il ne peut plus être réimporté`);
    }
    ctx.juries.set(r.code, { specialite: r.specialite });
    out.push([r.code, r.specialite, r.centre_deliberation, r.president, r.vice_president,
      debut?.ok ? debut.value : null, fin?.ok ? fin.value : null, etat]);
  }
  ctx.counts.jurys = out.length;
  if (!ctx.errors.any) {
    await ctx.tx.upsert('jury', ['code', 'specialite_code', 'centre_uai', 'president', 'vice_president', 'debut_deliberation', 'fin_deliberation', 'etat'], out, ['code']);
  }
}
