// Use case: which épreuves of a jury require the blind double entry (centre de délibération or
// académie, juries at 198–200). Enabling it turns the values already in force of that épreuve into
// first entries awaiting their second one. Switching it off over open entries is refused with their
// list; the académie may confirm it with a reason, and those rows stay open (and listed) until they
// are completed or arbitrated. Every change journaled.
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal, type JournalEntryInput } from '../../db/repositories/journal.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { doubleEntryKey, listDoubleEntries, moveInForceToFirstEntry, setDoubleEntry } from '../../db/repositories/second-group-grades.js';
import { holdJuriesInStates } from '../../db/repositories/second-group.js';
import { canEnterControleChoices } from '../../domain/jury-state.js';
import { JURY_STATE_LABELS, type Actor, type UnitDef } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { loadVisibleJury, STATE_CHANGED } from '../juries/apply-state-change.js';
import { juriesInScope, type ScopedJury } from '../juries/jury-scope.js';
import { listOpenDoubleEntries, type OpenDoubleEntry } from './double-entry.js';
import { gradeText } from './format.js';
import { CHOICE_STATES, doubleEntryVerdict, screenVerdict } from './policies.js';
import type { DoubleEntryJuryDto, SetDoubleEntryBody } from './schemas.js';

const controleUnits = (units: readonly UnitDef[]) => units.filter((u) => u.controle && !u.facultative);

async function present(db: Db, juries: readonly ScopedJury[]): Promise<DoubleEntryJuryDto[]> {
  const rulesets = await loadRulesets(db, [...new Set(juries.map((j) => j.specialiteCode))]);
  const enabled = await listDoubleEntries(db, juries.map((j) => j.code));
  const open = await listOpenDoubleEntries(db, juries.map((j) => j.code));
  return juries.map((j) => ({
    juryCode: j.code,
    specialiteLibelle: j.specialiteLibelle,
    etat: j.etat,
    etatLibelle: JURY_STATE_LABELS[j.etat],
    units: controleUnits(rulesets.get(j.specialiteCode)?.ruleset.units ?? []).map((u) => ({
      code: u.code, libelle: u.libelle, enabled: enabled.has(doubleEntryKey(j.code, u.code)),
      open: open.filter((o) => o.juryCode === j.code && o.epreuveCode === u.code).map((o) => o.description),
    })),
  }));
}

export async function listDoubleEntrySettings(db: Db, actor: Actor): Promise<{ juries: DoubleEntryJuryDto[] }> {
  enforce(screenVerdict(actor, 'double-entry'));
  const juries = (await juriesInScope(db, actor)).filter((j) => canEnterControleChoices(j.etat));
  return { juries: await present(db, juries) };
}

/** Switching off over open rows: refused with their list, unless the académie confirms with a reason. */
function checkSwitchOff(actor: Actor, body: SetDoubleEntryBody, open: readonly OpenDoubleEntry[]): void {
  if (open.length === 0) return;
  const list = open.map((o) => o.description);
  if (actor.role === 'academie' && body.override === true) {
    if (!body.reason?.trim()) throw new AppError('VALIDATION', 'Le motif est obligatoire pour désactiver la double saisie sur des saisies en cours.');
    return;
  }
  const how = actor.role === 'academie'
    ? 'complétez-les (seconde saisie) ou arbitrez-les, ou confirmez la désactivation avec son motif : elles resteront ouvertes et listées jusqu’à leur résolution'
    : 'complétez-les (seconde saisie) ou arbitrez-les d’abord';
  throw new AppError('GUARD_REFUSED', `Désactivation refusée : ${open.length} note(s) en double saisie non résolue(s) pour cette épreuve ; ${how}.`, list.map((message) => ({ message })));
}

export async function setDoubleEntrySetting(handle: DbHandle, actor: Actor, body: SetDoubleEntryBody, now: Date): Promise<DoubleEntryJuryDto> {
  enforce(screenVerdict(actor, 'double-entry'));
  return handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, body.juryCode);
    enforce(doubleEntryVerdict(actor, jury), { forbidden: `La double saisie se paramètre pour les jurys aux états 198 et 200 (jury ${jury.code} à l’état ${jury.etat}).` });
    const units = controleUnits((await loadRulesets(trx, [jury.specialiteCode])).get(jury.specialiteCode)?.ruleset.units ?? []);
    const unit = units.find((u) => u.code === body.epreuveCode);
    if (!unit) throw new AppError('VALIDATION', `L’épreuve « ${body.epreuveCode} » n’est pas une épreuve de contrôle de la spécialité du jury ${jury.code}.`);
    if ((await holdJuriesInStates(trx, [jury.code], CHOICE_STATES)).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
    const open = body.enabled ? [] : await listOpenDoubleEntries(trx, [jury.code], unit.code);
    checkSwitchOff(actor, body, open);
    if (await setDoubleEntry(trx, jury.code, unit.code, body.enabled, now.toISOString(), actor.name)) {
      const entries: JournalEntryInput[] = [{
        at: now, actor, action: 'DOUBLE_SAISIE_CONTROLE', juryCode: jury.code, subject: `controle_double_entry:${jury.code}:${unit.code}`,
        before: { doubleSaisie: !body.enabled },
        after: open.length > 0 ? { doubleSaisie: body.enabled, saisiesEnCours: open.map((o) => o.description) } : { doubleSaisie: body.enabled },
        reason: open.length > 0 ? body.reason!.trim() : null,
      }];
      // the values already in force await their second entry: they stop counting until then
      for (const moved of body.enabled ? await moveInForceToFirstEntry(trx, jury.code, unit.code) : []) {
        entries.push({
          at: now, actor, action: 'NOTE_CONTROLE_MISE_EN_DOUBLE_SAISIE', juryCode: jury.code, candidateId: moved.candidateId,
          subject: `controle_grade:${moved.candidateId}:${unit.code}`,
          before: { note: gradeText(moved.value) }, after: { note: null, premiereSaisie: gradeText(moved.value) },
        });
      }
      await appendJournal(trx, entries);
    }
    return (await present(trx, [jury]))[0]!;
  });
}
