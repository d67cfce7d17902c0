// Use cases of the centre d'épreuve: the date, time and room of each 2nd-group épreuve it hosts (one
// row per spécialité × contrôle unit of its CONTROLE candidates in juries at 198–200), and their
// saving (per row, optimistic concurrency, journaled). The académie sees and sets every centre's; a
// centre de délibération those of its own candidates (wherever they sit), except an épreuve that
// candidates of another centre de délibération also sit.
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { listSchedule, scheduleKey, writeScheduleIfUnchanged, type ScheduleEntry } from '../../db/repositories/second-group-schedule.js';
import { listChoices, listSecondGroupCandidates, type SecondGroupCandidate } from '../../db/repositories/second-group.js';
import { canEnterControleChoices } from '../../domain/jury-state.js';
import { isControle } from '../../domain/rules/index.js';
import type { Actor } from '../../domain/types.js';
import { enforce } from '../auth/authorize.js';
import { specialiteLabel } from './format.js';
import { loadControleCandidates, resultsOf } from './load-candidates.js';
import { scheduleVerdict, screenVerdict } from './policies.js';
import type { SaveScheduleResultDto, ScheduleInput, ScheduleRowDto } from './schemas.js';

type Row = Omit<ScheduleRowDto, 'date' | 'heure' | 'salle' | 'version' | 'updatedBy' | 'updatedAt'>;

function present(base: Row, s: ScheduleEntry | undefined): ScheduleRowDto {
  return { ...base, date: s?.date ?? '', heure: s?.heure ?? '', salle: s?.salle ?? '', version: s?.version ?? 0, updatedBy: s?.updatedBy ?? null, updatedAt: s?.updatedAt ?? null };
}

/** The épreuves the actor may schedule, by scheduleKey, with their number of candidates. */
async function scheduledEpreuves(db: Db, actor: Actor): Promise<Map<string, Row>> {
  const candidates = (await loadControleCandidates(db, actor, canEnterControleChoices)).map((x) => x.candidate);
  const rulesets = await loadRulesets(db, [...new Set(candidates.map((c) => c.specialiteCode))]);
  const choices = await listChoices(db, candidates.map((c) => c.id));
  const out = new Map<string, Row>();
  for (const c of candidates) {
    const ce = c.centreEpreuve;
    for (const u of rulesets.get(c.specialiteCode)?.ruleset.units ?? []) {
      if (!u.controle || u.facultative) continue;
      const key = scheduleKey(ce.uai, c.specialiteCode, u.code);
      if (!out.has(key)) {
        out.set(key, {
          centreEpreuveUai: ce.uai, centreEpreuve: `${ce.libelle} – ${ce.ville} (${ce.uai})`, specialiteCode: c.specialiteCode, specialite: specialiteLabel(c),
          epreuveCode: u.code, epreuveLibelle: u.libelle, candidats: 0,
        });
      }
    }
    const choice = choices.get(c.id);
    for (const unit of choice ? new Set([choice.epreuve1, choice.epreuve2]) : []) {
      const row = out.get(scheduleKey(ce.uai, c.specialiteCode, unit));
      if (row) out.set(scheduleKey(ce.uai, c.specialiteCode, unit), { ...row, candidats: row.candidats + 1 });
    }
  }
  return out;
}

export const SHARED_EPREUVE = "Cette épreuve accueille aussi des candidats d'autres centres de délibération dans ce centre d'épreuve : "
  + "sa date est saisie par le centre d'épreuve ou l'académie.";

/**
 * For a centre de délibération: the keys of `rows` that CONTROLE candidates of another centre de
 * délibération also sit (same centre d'épreuve, spécialité, jury at 198–200): their date is not its own.
 */
async function sharedWithOtherCentres(db: Db, actor: Actor, rows: ReadonlyMap<string, Row>): Promise<Set<string>> {
  const out = new Set<string>();
  if (actor.role !== 'centre') return out;
  const pairs = new Set([...rows.values()].map((r) => `${r.centreEpreuveUai}|${r.specialiteCode}`));
  const others: SecondGroupCandidate[] = [];
  for (const uai of new Set([...rows.values()].map((r) => r.centreEpreuveUai))) {
    others.push(...(await listSecondGroupCandidates(db, { centreEpreuveUai: uai })).filter((c) =>
      c.centreDeliberationUai !== actor.scope && canEnterControleChoices(c.juryEtat) && pairs.has(`${c.centreEpreuve.uai}|${c.specialiteCode}`)));
  }
  const results = await resultsOf(db, others.map((c) => c.id));
  const sharedPairs = new Set(others.filter((c) => { const r = results.get(c.id); return r !== undefined && isControle(r); })
    .map((c) => `${c.centreEpreuve.uai}|${c.specialiteCode}`));
  for (const [key, r] of rows) if (sharedPairs.has(`${r.centreEpreuveUai}|${r.specialiteCode}`)) out.add(key);
  return out;
}

async function presentAll(db: Db, rows: Map<string, Row>): Promise<Map<string, ScheduleRowDto>> {
  const list = [...rows.values()];
  const saved = await listSchedule(db, { centreEpreuveUais: [...new Set(list.map((r) => r.centreEpreuveUai))], specialiteCodes: [...new Set(list.map((r) => r.specialiteCode))] });
  return new Map([...rows].map(([k, r]) => [k, present(r, saved.get(k))]));
}

export async function listScheduleRows(db: Db, actor: Actor): Promise<{ rows: ScheduleRowDto[] }> {
  enforce(screenVerdict(actor, 'schedule'));
  const rows = [...(await presentAll(db, await scheduledEpreuves(db, actor))).values()];
  return { rows };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const TIME = /^(\d{1,2})[:hH](\d{2})$/;

/** '' → null; 'YYYY-MM-DD' or 'dd/mm/yyyy' → ISO; else the French error. */
export function parseDate(text: string): { ok: true; value: string | null } | { ok: false; message: string } {
  if (text === '') return { ok: true, value: null };
  const iso = ISO_DATE.exec(text);
  const fr = FR_DATE.exec(text);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : fr ? [fr[3]!, fr[2]!, fr[1]!] : [];
  if (y === undefined || m === undefined || d === undefined) return { ok: false, message: `Date « ${text} » invalide : format jj/mm/aaaa attendu.` };
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return { ok: false, message: `La date « ${text} » n’existe pas.` };
  }
  return { ok: true, value: `${y}-${m}-${d}` };
}

/** '' → null; 'HH:MM' (or 9h30) → 'HH:MM'; else the French error. */
export function parseTime(text: string): { ok: true; value: string | null } | { ok: false; message: string } {
  if (text === '') return { ok: true, value: null };
  const t = TIME.exec(text);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) return { ok: false, message: `Heure « ${text} » invalide : format hh:mm attendu (ex. 09:30).` };
  return { ok: true, value: `${t[1]!.padStart(2, '0')}:${t[2]}` };
}

type Result = SaveScheduleResultDto['results'][number];

export async function saveScheduleRows(handle: DbHandle, actor: Actor, inputs: readonly ScheduleInput[], now: Date): Promise<SaveScheduleResultDto> {
  enforce(screenVerdict(actor, 'schedule'));
  for (const i of inputs) enforce(scheduleVerdict(actor, i.centreEpreuveUai));
  return handle.db.transaction().execute(async (trx) => {
    const allowed = await scheduledEpreuves(trx, actor);
    const current = await presentAll(trx, allowed);
    const shared = await sharedWithOtherCentres(trx, actor, allowed);
    const out: Result[] = [];
    for (const i of inputs) {
      const key = scheduleKey(i.centreEpreuveUai, i.specialiteCode, i.epreuveCode);
      const row = current.get(key);
      const error = (message: string): Result => ({ key, status: 'error', message, row: row ?? null });
      if (!row) {
        out.push(error('Cette épreuve n’a pas de candidat du 2nd groupe dans ce centre pour un jury aux états 198 ou 200.'));
        continue;
      }
      if (shared.has(key)) {
        out.push(error(SHARED_EPREUVE));
        continue;
      }
      const date = parseDate(i.date);
      const heure = parseTime(i.heure);
      if (!date.ok || !heure.ok) {
        out.push(error([date, heure].map((p) => (p.ok ? '' : p.message)).filter(Boolean).join(' ')));
        continue;
      }
      if (row.version !== i.expectedVersion) {
        out.push({ key, status: 'conflict', message: `Cette ligne a été modifiée entre-temps${row.updatedBy ? ` par ${row.updatedBy}` : ''} : votre saisie n’a pas été enregistrée ; vérifiez-la puis enregistrez de nouveau.`, row });
        continue;
      }
      if ((row.date || null) === date.value && (row.heure || null) === heure.value && row.salle === i.salle) {
        out.push({ key, status: 'unchanged', message: 'Inchangée.', row });
        continue;
      }
      const ok = await writeScheduleIfUnchanged(trx, {
        centreEpreuveUai: i.centreEpreuveUai, specialiteCode: i.specialiteCode, epreuveCode: i.epreuveCode, expectedVersion: i.expectedVersion,
        date: date.value, heure: heure.value, salle: i.salle, at: now.toISOString(), by: actor.name,
      });
      if (!ok) {
        out.push({ key, status: 'conflict', message: 'Cette ligne a été modifiée entre-temps : votre saisie n’a pas été enregistrée.', row });
        continue;
      }
      await appendJournal(trx, [{
        at: now, actor, action: 'DATES_CONTROLE_SAISIES', subject: `controle_schedule:${i.centreEpreuveUai}:${i.specialiteCode}:${i.epreuveCode}`,
        before: { date: row.date || null, heure: row.heure || null, salle: row.salle }, after: { date: date.value, heure: heure.value, salle: i.salle },
      }]);
      out.push({ key, status: 'saved', message: 'Enregistrée.', row: null });
    }
    const after = await presentAll(trx, allowed);
    return { results: out.map((r) => (r.status === 'saved' ? { ...r, row: after.get(r.key) ?? null } : r)) };
  });
}
