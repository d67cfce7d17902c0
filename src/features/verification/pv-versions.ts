// Versions of a jury's PV de tenue (issue #15, point 2; ADR 0017). The first PV produced is version 1;
// a correction after it (pv-corrections.ts) makes the next PV produced version 2, with its
// "Modifications après signature" part, and so on. Each version's model is kept when it is first
// produced, so `delib edition pv-tenue --version N` prints version N as it was; the latest version
// is drawn from the database as before. PVs and result lists produced are recorded: a correction
// after them is what supersedes them.
import type { Db } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import type { JuryView } from '../../db/repositories/juries.js';
import '../../db/schema-verification.js';
import type { JournalSeal, PostSignatureRow, PvTenueModel } from '../../documents/model.js';
import type { Actor } from '../../domain/types.js';
import { localMinute } from '../../jobs/local-time.js';
import { AppError } from '../../errors/app-error.js';
import type { EditionContext } from '../editions/snapshot/context.js';
import { loadPvTenue } from '../editions/snapshot/results.js';
import { latestPvVersion, listPvCorrections } from './pv-corrections.js';

/** Records that these juries' PV or result lists (of a group) were produced now. */
export async function recordProduction(db: Db, juryCodes: readonly string[], group: 1 | 2, kind: string, actor: Actor, now: Date): Promise<void> {
  if (juryCodes.length === 0) return;
  await db.insertInto('document_production')
    .values(juryCodes.map((code) => ({ jury_code: code, groupe: group, kind, produced_at: now.toISOString(), produced_by: actor.name })))
    .execute();
}

/** The rows of the "Modifications après signature" part: one per corrected grade and changed candidate. */
export async function postSignatureRows(db: Db, juryCode: string, group: 1 | 2, upTo: number): Promise<PostSignatureRow[]> {
  const rows: PostSignatureRow[] = [];
  for (const c of await listPvCorrections(db, juryCode, group, upTo)) {
    for (const [i, d] of c.changes.entries()) {
      rows.push({
        candidat: `${d.numeroCandidat} ${d.nom} ${d.prenoms}`.trim(),
        epreuve: i === 0 ? c.epreuve : '(conséquence)',
        noteAvant: i === 0 ? c.noteAvant ?? '' : '',
        noteApres: i === 0 ? c.noteApres ?? '' : '',
        decisionAvant: d.decisionAvant,
        decisionApres: d.decisionApres,
        moyenneAvant: d.moyenneAvant,
        moyenneApres: d.moyenneApres,
        par: c.auteur,
        le: localMinute(new Date(c.at)),
        motif: c.motif ?? '',
        version: c.pvVersion,
      });
    }
  }
  return rows;
}

/** "PV v2 à faire signer" when corrections after the PV make a new version due (or produced, v ≥ 2). */
export async function pvToSign(db: Db, juryCode: string, group: 1 | 2): Promise<string | null> {
  const latest = await latestPvVersion(db, juryCode, group);
  const pending = await db.selectFrom('pv_correction').select('id').where('jury_code', '=', juryCode).where('groupe', '=', group)
    .where('pv_version', '>', latest).limit(1).executeTakeFirst();
  const n = pending ? latest + 1 : latest;
  return n >= 2 ? `PV v${n} à faire signer` : null;
}

/**
 * The PV model of a jury for an edition: version `requested` as it was produced, or (default) the
 * latest — a new version when the jury has none yet or corrections came after the latest one.
 */
export async function pvTenueVersion(ctx: EditionContext, jury: JuryView, seal: JournalSeal, requested?: number): Promise<PvTenueModel> {
  const group = ctx.group;
  const latest = await latestPvVersion(ctx.db, jury.code, group);
  const pending = await ctx.db.selectFrom('pv_correction').select('id').where('jury_code', '=', jury.code).where('groupe', '=', group)
    .where('pv_version', '>', latest).limit(1).executeTakeFirst();
  const newest = latest === 0 || pending ? latest + 1 : latest;
  if (requested !== undefined) {
    if (requested < 1 || requested > newest) {
      throw new AppError('VALIDATION', `Le PV du ${group === 1 ? '1er' : '2nd'} groupe du jury ${jury.code} n'existe qu'en version${newest > 1 ? `s 1 à ${newest}` : ' 1'} : version ${requested} inconnue.`);
    }
    if (requested <= latest && (requested < latest || pending)) {
      const row = await ctx.db.selectFrom('pv_version').select('model_json').where('jury_code', '=', jury.code).where('groupe', '=', group)
        .where('version', '=', requested).executeTakeFirstOrThrow();
      return JSON.parse(row.model_json) as PvTenueModel;
    }
  }
  const live = await loadPvTenue(ctx, jury, seal);
  const model: PvTenueModel = { ...live, version: newest, apresSignature: newest > 1 ? await postSignatureRows(ctx.db, jury.code, group, newest) : [] };
  if (newest > latest) {
    const store = async (trx: Db) => {
      await trx.insertInto('pv_version').values({
        jury_code: jury.code, groupe: group, version: newest, produced_at: ctx.now.toISOString(), produced_by: ctx.actor.name, model_json: JSON.stringify(model),
      }).execute();
      if (newest > 1) {
        await appendJournal(trx, [{
          at: ctx.now, actor: ctx.actor, action: 'PV_VERSION_EDITEE', juryCode: jury.code, subject: `pv:${jury.code}:${group}`,
          after: { groupe: group, version: newest, modificationsApresSignature: model.apresSignature?.length ?? 0 },
        }]);
      }
    };
    if (ctx.db.isTransaction) await store(ctx.db);
    else await ctx.db.transaction().execute(store);
  }
  return model;
}
