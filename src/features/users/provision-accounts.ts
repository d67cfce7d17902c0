// Provisioning after an import (issue #19 point 2): one académie action, run as a background job,
// creates or refreshes the accounts of every centre de délibération (`centre-<UAI>`), centre
// d'épreuve (`epreuve-<UAI>`) and jury (`jury-<code>`) of the session with one-time passwords, and
// produces for each établissement a PDF of access sheets. As the papillon of the plan de secours:
// only hashes are stored (ADR 0010 cost: random 92-bit secrets), a new run revokes the former
// passwords and the sessions opened with them, the sheets say how to keep them.
//
// Établissement by établissement, each in one transaction with its journal entry, then its PDF. A
// run interrupted by a crash resumes after the établissements whose PDF is recorded: the others get
// new passwords again (those of the interrupted attempt were never printed).
import { sql } from 'kysely';
import type { Db, DbHandle } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { listJuries, type JuryView } from '../../db/repositories/juries.js';
import { deleteSessionsOf } from '../../db/repositories/sessions.js';
import { getExamSession, listEtablissements } from '../../db/repositories/session.js';
import { deactivateJuryAccounts, findUsers, upsertProvisionedAccounts, type ProvisionedAccount } from '../../db/repositories/users.js';
import { renderAccessSheets, type AccessSheet } from '../../documents/accounts/access-sheets.js';
import type { EditionHeader } from '../../documents/model.js';
import type { Actor, Role } from '../../domain/types.js';
import { localMinute } from '../../jobs/local-time.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { hashOneTimePassword, isPersonalRole, newOneTimePassword } from '../auth/one-time-password.js';
import { academieLabel } from '../editions/snapshot/context.js';
import { canManageUsers } from './policies.js';

export const ACCOUNTS_TO_PROVISION = "Comptes à créer : les centres de délibération, centres d'épreuve et jurys de la session n'ont pas encore de compte. "
  + "Créez-les avec « delib provision --out <dossier> » ou l'écran Académie - Utilisateurs (« Créer ou renouveler les comptes de la session »).";

export const NO_SESSION = "Aucune session n'est importée : importez la session avant de créer les comptes.";

export const centreLogin = (uai: string) => `centre-${uai}`;
export const epreuveLogin = (uai: string) => `epreuve-${uai}`;
export const juryLogin = (code: string) => `jury-${code}`;

export interface EtablissementAccounts {
  readonly uai: string;
  readonly libelle: string;
  readonly ville: string;
  readonly isCentre: boolean;
  readonly isEpreuve: boolean;
  readonly juries: readonly JuryView[];
}

/** The établissements that get accounts: centres de délibération (with their juries) and centres d'épreuve. */
export async function provisioningTargets(db: Db): Promise<EtablissementAccounts[]> {
  const [etabs, juries, epreuves] = await Promise.all([
    listEtablissements(db),
    listJuries(db),
    db.selectFrom('candidate').select('centre_epreuve_uai').distinct().execute(),
  ]);
  const epreuveSet = new Set(epreuves.map((r) => r.centre_epreuve_uai));
  const juriesBy = new Map<string, JuryView[]>();
  for (const j of juries) juriesBy.set(j.centreUai, [...(juriesBy.get(j.centreUai) ?? []), j]);
  return etabs
    .filter((e) => juriesBy.has(e.uai) || epreuveSet.has(e.uai))
    .map((e) => ({ uai: e.uai, libelle: e.libelle, ville: e.ville, isCentre: juriesBy.has(e.uai), isEpreuve: epreuveSet.has(e.uai), juries: juriesBy.get(e.uai) ?? [] }));
}

export function accessSheetsFileName(uai: string): string {
  return `acces-delib-${uai}.pdf`;
}

interface Planned {
  readonly account: Omit<ProvisionedAccount, 'passwordHash'>;
  readonly sheet: Omit<AccessSheet, 'password'>;
}

function plan(e: EtablissementAccounts): Planned[] {
  const out: Planned[] = [];
  const personal = (role: Role, login: string, name: string) => out.push({
    account: { login, name, role, scope: e.uai, mustChangePassword: isPersonalRole(role) },
    sheet: { kind: role === 'centre' ? 'centre' : 'centre_epreuve', login },
  });
  if (e.isCentre) personal('centre', centreLogin(e.uai), `Chef de centre — ${e.libelle} (${e.uai})`);
  if (e.isEpreuve) personal('centre_epreuve', epreuveLogin(e.uai), `Centre d'épreuve — ${e.libelle} (${e.uai})`);
  for (const j of e.juries) {
    out.push({
      account: { login: juryLogin(j.code), name: `Jury ${j.code}`, role: 'jury', scope: j.code, mustChangePassword: false },
      sheet: {
        kind: 'jury', login: juryLogin(j.code),
        jury: { code: j.code, specialiteCode: j.specialiteCode, specialiteLibelle: j.specialiteLibelle, president: j.president, vicePresident: j.vicePresident },
      },
    });
  }
  return out;
}

export interface ProvisioningSink {
  /** files an interrupted run already recorded (skipped) */
  readonly done: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  log(line: string): Promise<void>;
  progress(percent: number, label?: string): Promise<void>;
  emit(name: string, data: Buffer): Promise<void>;
}

export interface ProvisioningResult {
  readonly etablissements: number;
  readonly created: number;
  readonly refreshed: number;
  readonly skipped: readonly string[];
  readonly documents: readonly string[];
}

/** Checks who asks and that a session is there (the screen and the command line fail fast with it). */
export async function assertCanProvision(db: Db, actor: Actor): Promise<void> {
  enforce(canManageUsers(actor));
  if (!(await getExamSession(db))) throw new AppError('VALIDATION', NO_SESSION);
}

export async function provisionAccounts(handle: DbHandle, actor: Actor, url: string, now: Date, sink: ProvisioningSink): Promise<ProvisioningResult> {
  const db = handle.db;
  await assertCanProvision(db, actor);
  const session = (await getExamSession(db))!;
  const targets = await provisioningTargets(db);
  const editedAt = localMinute(now);
  let created = 0;
  let refreshed = 0;
  const skipped: string[] = [];
  const documents: string[] = [];
  await sink.log(`${targets.length} établissement(s) : ${targets.filter((t) => t.isCentre).length} centre(s) de délibération, `
    + `${targets.filter((t) => t.isEpreuve).length} centre(s) d'épreuve, ${targets.reduce((n, t) => n + t.juries.length, 0)} jury(s)`);
  for (const [i, e] of targets.entries()) {
    if (sink.signal?.aborted) throw new Error('Traitement interrompu.');
    const file = accessSheetsFileName(e.uai);
    if (sink.done.has(file)) {
      documents.push(file);
      continue;
    }
    await sink.progress(Math.floor((i * 100) / Math.max(targets.length, 1)), `${e.libelle} (${e.uai})`);
    const planned = plan(e);
    // a login taken by an account of another role or scope (created by hand) is left alone
    const existing = new Map((await findUsers(db, planned.map((p) => p.account.login))).map((u) => [u.login, u]));
    const kept = planned.filter((p) => {
      const u = existing.get(p.account.login);
      if (u && (u.role !== p.account.role || u.scope !== p.account.scope)) {
        skipped.push(p.account.login);
        return false;
      }
      return true;
    });
    for (const p of planned) if (!kept.includes(p)) await sink.log(`${p.account.login} : identifiant déjà pris par un compte d'un autre rôle ou périmètre, non modifié`);
    const passwords = kept.map(() => newOneTimePassword());
    const hashes = await Promise.all(passwords.map((p) => hashOneTimePassword(p)));
    const accounts = kept.map((p, k) => ({ ...p.account, passwordHash: hashes[k]! }));
    const logins = accounts.map((a) => a.login);
    const nNew = logins.filter((l) => !existing.has(l)).length;
    await db.transaction().execute(async (trx) => {
      await upsertProvisionedAccounts(trx, accounts, now.toISOString());
      await deleteSessionsOf(trx, logins.filter((l) => existing.has(l)));
      await appendJournal(trx, [{
        at: now, actor, action: 'COMPTES_PROVISIONNES', subject: `etablissement:${e.uai}`,
        after: { etablissement: `${e.libelle} (${e.uai})`, comptesCrees: logins.filter((l) => !existing.has(l)), comptesRenouveles: logins.filter((l) => existing.has(l)) },
      }]);
    });
    created += nNew;
    refreshed += logins.length - nNew;
    const header: EditionHeader = {
      domaine: session.domaine.toUpperCase() === 'BTS' ? 'BREVET DE TECHNICIEN SUPÉRIEUR' : session.domaine,
      academie: academieLabel(session.academie_libelle),
      centre: { uai: e.uai, libelle: e.libelle, ville: e.ville },
      session: session.session,
      editedAt,
    };
    const sheets = kept.map((p, k) => ({ ...p.sheet, password: passwords[k]! }));
    await sink.emit(file, renderAccessSheets({ header, url, sheets }));
    documents.push(file);
    await sink.log(`${e.libelle} (${e.uai}) : ${logins.length} compte(s) (${nNew} créé(s), ${logins.length - nNew} renouvelé(s)) → ${file}`);
  }
  await sink.progress(100, 'Terminé');
  await sink.log(`Comptes créés : ${created}, renouvelés : ${refreshed}${skipped.length ? `, non modifiés : ${skipped.length}` : ''}. `
    + 'Les anciens mots de passe de ces comptes ne fonctionnent plus.');
  return { etablissements: targets.length, created, refreshed, skipped, documents };
}

/** End of the session: every jury account deactivated at once, its sessions closed. Journaled. */
export async function disableJuryAccounts(handle: DbHandle, actor: Actor, now: Date): Promise<{ disabled: number }> {
  enforce(canManageUsers(actor));
  const disabled = await handle.db.transaction().execute(async (trx) => {
    const logins = await deactivateJuryAccounts(trx, now.toISOString());
    await sql`DELETE FROM app_session WHERE user_login IN (SELECT login FROM app_user WHERE role = 'jury')`.execute(trx);
    await appendJournal(trx, [{
      at: now, actor, action: 'COMPTES_JURYS_DESACTIVES', subject: 'jurys',
      after: { comptesDesactives: logins.length },
    }]);
    return logins.length;
  });
  return { disabled };
}
