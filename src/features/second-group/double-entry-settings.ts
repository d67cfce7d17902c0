// Use case: which épreuves of a jury require the blind second entry (centre de délibération or
// académie, juries at 198–200). Journaled.
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { loadRulesets } from '../../db/repositories/rulesets.js';
import { doubleEntryKey, listDoubleEntries, setDoubleEntry } from '../../db/repositories/second-group-grades.js';
import { holdJuriesInStates } from '../../db/repositories/second-group.js';
import { canEnterControleChoices } from '../../domain/jury-state.js';
import { JURY_STATE_LABELS, type Actor, type UnitDef } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { loadVisibleJury, STATE_CHANGED } from '../juries/apply-state-change.js';
import { juriesInScope, type ScopedJury } from '../juries/jury-scope.js';
import { CHOICE_STATES, doubleEntryVerdict, screenVerdict } from './policies.js';
import type { DoubleEntryJuryDto } from './schemas.js';

const controleUnits = (units: readonly UnitDef[]) => units.filter((u) => u.controle && !u.facultative);

async function present(db: Db, juries: readonly ScopedJury[]): Promise<DoubleEntryJuryDto[]> {
  const rulesets = await loadRulesets(db, [...new Set(juries.map((j) => j.specialiteCode))]);
  const enabled = await listDoubleEntries(db, juries.map((j) => j.code));
  return juries.map((j) => ({
    juryCode: j.code,
    specialiteLibelle: j.specialiteLibelle,
    etat: j.etat,
    etatLibelle: JURY_STATE_LABELS[j.etat],
    units: controleUnits(rulesets.get(j.specialiteCode)?.ruleset.units ?? []).map((u) => ({
      code: u.code, libelle: u.libelle, enabled: enabled.has(doubleEntryKey(j.code, u.code)),
    })),
  }));
}

export async function listDoubleEntrySettings(db: Db, actor: Actor): Promise<{ juries: DoubleEntryJuryDto[] }> {
  enforce(screenVerdict(actor, 'double-entry'));
  const juries = (await juriesInScope(db, actor)).filter((j) => canEnterControleChoices(j.etat));
  return { juries: await present(db, juries) };
}

export async function setDoubleEntrySetting(
  handle: DbHandle, actor: Actor, body: { juryCode: string; epreuveCode: string; enabled: boolean }, now: Date,
): Promise<DoubleEntryJuryDto> {
  enforce(screenVerdict(actor, 'double-entry'));
  return handle.db.transaction().execute(async (trx) => {
    const jury = await loadVisibleJury(trx, actor, body.juryCode);
    enforce(doubleEntryVerdict(actor, jury), { forbidden: `La double saisie se paramètre pour les jurys aux états 198 et 200 (jury ${jury.code} à l’état ${jury.etat}).` });
    const units = controleUnits((await loadRulesets(trx, [jury.specialiteCode])).get(jury.specialiteCode)?.ruleset.units ?? []);
    const unit = units.find((u) => u.code === body.epreuveCode);
    if (!unit) throw new AppError('VALIDATION', `L’épreuve « ${body.epreuveCode} » n’est pas une épreuve de contrôle de la spécialité du jury ${jury.code}.`);
    if ((await holdJuriesInStates(trx, [jury.code], CHOICE_STATES)).length > 0) throw new AppError('CONFLICT', STATE_CHANGED);
    if (await setDoubleEntry(trx, jury.code, unit.code, body.enabled, now.toISOString(), actor.name)) {
      await appendJournal(trx, [{
        at: now, actor, action: 'DOUBLE_SAISIE_CONTROLE', juryCode: jury.code, subject: `controle_double_entry:${jury.code}:${unit.code}`,
        before: { doubleSaisie: !body.enabled }, after: { doubleSaisie: body.enabled },
      }]);
    }
    return (await present(trx, [jury]))[0]!;
  });
}
