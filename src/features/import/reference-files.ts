// Small reference files of the exchange format: session, établissements, spécialités, épreuves,
// jurys. They are read whole (they are small), checked, then written.
import { parseCoefficient } from '../../domain/grades.js';
import { isValidUai } from '../../domain/ids.js';
import { JURY_STATES, type JuryState } from '../../domain/types.js';
import { CORRECTION_ACTION, etatText, sameCell, type PendingChange } from './protected-juries.js';
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
  // the épreuves of a spécialité one of whose juries deliberates are its rules: compared, never replaced
  const guarded = new Map<string, string[]>();
  for (const [code, j] of ctx.protectedJuries) guarded.set(j.specialite, [...(guarded.get(j.specialite) ?? []), code]);
  const kept = out.filter((e) => !guarded.has(e[0] as string));
  for (const [spec, juries] of guarded) {
    if (!position.has(spec)) continue;
    await compareEpreuves(ctx, spec, juries, out.filter((e) => e[0] === spec));
  }
  if (ctx.errors.any) return;
  const specs = [...position.keys()].filter((spec) => !guarded.has(spec));
  for (let i = 0; i < specs.length; i += 500) {
    await ctx.tx.trx.deleteFrom('epreuve').where('specialite_code', 'in', specs.slice(i, i + 500)).execute();
  }
  await ctx.tx.append('epreuve', ['specialite_code', 'code', 'libelle', 'coef_centi', 'domaine', 'controle', 'facultative', 'parent_code', 'ects', 'position'], kept);
}

const EPREUVE_FIELDS = ['libelle', 'coef_centi', 'domaine', 'controle', 'facultative', 'parent_code', 'ects'] as const;

/** Lists (not correctable) every difference between the file's épreuves of a spécialité and the stored ones. */
async function compareEpreuves(ctx: ImportContext, spec: string, juries: readonly string[], rows: readonly (string | number | null)[][]): Promise<void> {
  const stored = new Map((await ctx.tx.trx.selectFrom('epreuve').select(['code', ...EPREUVE_FIELDS]).where('specialite_code', '=', spec).execute())
    .map((e) => [e.code, e]));
  const jury = juries[0]!;
  const etat = etatText(ctx.protectedJuries.get(jury)!.etat);
  const refus = `les épreuves de la spécialité ${spec} sont les règles de la délibération ouverte (jury${juries.length > 1 ? 's' : ''} ${juries.join(', ')}) : elles ne changent pas par import`;
  const seen = new Set<string>();
  for (const r of rows) {
    const code = r[1] as string;
    seen.add(code);
    const e = stored.get(code);
    if (!e) {
      ctx.changes.push({ jury, etat, candidat: '', champ: `épreuve ${code}`, avant: '(absente)', apres: String(r[2]), refus });
      continue;
    }
    EPREUVE_FIELDS.forEach((field, i) => {
      if (!sameCell(e[field], r[i + 2])) ctx.changes.push({ jury, etat, candidat: '', champ: `épreuve ${code} : ${field}`, avant: String(e[field] ?? '(vide)'), apres: String(r[i + 2] ?? '(vide)'), refus });
    });
  }
  for (const code of stored.keys()) {
    if (!seen.has(code)) ctx.changes.push({ jury, etat, candidat: '', champ: `épreuve ${code}`, avant: stored.get(code)!.libelle, apres: '(absente du fichier)', refus });
  }
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

const JURY_FIELDS = [
  ['specialite_code', 'spécialité'], ['centre_uai', 'centre de délibération'], ['president', 'président'],
  ['vice_president', 'vice-président'], ['debut_deliberation', 'début de délibération'], ['fin_deliberation', 'fin de délibération'],
] as const;

export async function readJurys(ctx: ImportContext): Promise<void> {
  const f = 'jurys.csv';
  const out: (string | null)[][] = [];
  const stored = new Map((await ctx.tx.trx.selectFrom('jury')
    .select(['code', 'etat', 'specialite_code', 'centre_uai', 'president', 'vice_president', 'debut_deliberation', 'fin_deliberation']).execute())
    .map((j) => [j.code, j]));
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
    const current = stored.get(r.code);
    // the file's state is the state of a jury the import creates; an existing jury's state moves
    // only through the state machine (transitions, exceptional changes), never by an import
    if (current && JURY_STATES.includes(etat) && etat !== current.etat) {
      const now = current.etat as JuryState;
      ctx.errors.add(f, r.__line, `état « ${r.etat || '000'} » : le jury ${r.code} est à l'état ${etatText(now)}. Un import ne change jamais l'état d'un jury existant : les états changent par l'avancement des jurys (transitions, changement d'état exceptionnel de l'académie). Indiquez ${now} dans la colonne etat.`);
    }
    ctx.juries.set(r.code, { specialite: r.specialite });
    const row = [r.code, r.specialite, r.centre_deliberation, r.president, r.vice_president,
      debut?.ok ? debut.value : null, fin?.ok ? fin.value : null, current ? current.etat : etat];
    const guard = ctx.protectedJuries.get(r.code);
    if (guard && current) {
      // a deliberating jury: compared, written only as corrections
      const values = row.slice(1, 7);
      JURY_FIELDS.forEach(([column, label], i) => {
        const before = current[column];
        const after = values[i] ?? null;
        if (sameCell(before, after)) return;
        const change: PendingChange = {
          jury: r.code, etat: etatText(guard.etat), candidat: '', champ: label, avant: before ?? '(vide)', apres: after ?? '(vide)',
          refus: column === 'specialite_code' ? 'un jury en délibération ne change pas de spécialité' : null,
        };
        ctx.changes.push(column === 'specialite_code' ? change : {
          ...change,
          apply: async (trx, c) => {
            await trx.updateTable('jury').set({ [column]: after }).where('code', '=', r.code).execute();
            return {
              at: c.at, actor: c.actor, action: CORRECTION_ACTION, juryCode: r.code, subject: `jury:${r.code}`,
              before: { [column]: before }, after: { [column]: after }, reason: c.motif,
            };
          },
        });
      });
      continue;
    }
    out.push(row);
  }
  ctx.counts.jurys = out.length + [...ctx.protectedJuries.keys()].filter((c) => ctx.juries.has(c)).length;
  if (!ctx.errors.any) {
    await ctx.tx.upsert('jury', ['code', 'specialite_code', 'centre_uai', 'president', 'vice_president', 'debut_deliberation', 'fin_deliberation', 'etat'], out, ['code']);
  }
}
