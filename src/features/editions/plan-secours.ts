// "Générer le plan de secours" (memo §3.1, §6.1): one zip per jury, named
// DELIB_<UAI>_BTS_<session>_GRD_<group>_<jury>.zip, with the PVI of every candidate (2nd group: the
// CONTROLE candidates), the statistics before deliberation (1st group) and the papillon carrying the
// jury's emergency login, a FRESH password (the previous one is revoked) and the address where they are
// accepted (the emergency portal, <address>/secours), plus MANIFEST.sha256.
// Resumable: a jury whose zip an interrupted run already produced is not produced again.
//
// Speed (an académie: ≈ 400 juries, 15 000 candidates): each fresh password is hashed (≈ 6 ms of
// CPU), in libuv's thread pool, for the next juries while the event loop draws the current jury's
// documents (HashedPasswords); the PDFs are stored in the jury's zip, not deflated a
// second time; each zip is emitted (job document, or the command line's output file) as soon as it
// is made, and nothing of it is kept: memory depends on the largest jury, not on the académie.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import type { JuryView } from '../../db/repositories/juries.js';
import type { Database } from '../../db/schema.js';
import { renderStatsByDecision } from '../../documents/lists/stats.js';
import { juryZipName } from '../../documents/naming.js';
import { renderPapillons } from '../../documents/second-group/papillon.js';
import { renderPvi } from '../../documents/transcript/pvi.js';
import { zipFiles, type ZipEntry } from '../../documents/zip.js';
import { emergencyLoginOf, HashedPasswords, setFreshEmergencyPassword } from '../deliberation/emergency-access.js';
import { checkAborted, type EditionSink } from './output.js';
import { emergencyPortalUrl } from './portal-url.js';
import { juryRef, type EditionContext } from './snapshot/context.js';
import { loadStatsByDecision, SpecialiteDecisionCounts } from './snapshot/stats.js';
import { loadPviEntries } from './snapshot/transcripts.js';
import { withVerificationCodes } from '../verification/attach.js';
import { publicBaseOf } from '../verification/code.js';

function isRootDb(db: Db): db is Kysely<Database> {
  return !db.isTransaction;
}

/** Passwords hashed ahead of the jury being drawn. */
const HASH_AHEAD = 2;

/** A fresh emergency password (hashed beforehand), stored and journaled in one transaction; returns the plaintext. */
async function freshPassword(ctx: EditionContext, jury: JuryView, passwords: HashedPasswords): Promise<string> {
  const fresh = await passwords.take();
  const run = async (trx: Db) => {
    const password = await setFreshEmergencyPassword(trx, jury.code, fresh, ctx.now);
    await appendJournal(trx, [{
      at: ctx.now, actor: ctx.actor, action: 'PLAN_SECOURS', juryCode: jury.code, subject: `jury:${jury.code}`,
      after: { groupe: ctx.group, identifiant: emergencyLoginOf(jury.code) },
    }]);
    return password;
  };
  return isRootDb(ctx.db) ? ctx.db.transaction().execute(run) : run(ctx.db);
}

export function planFileName(ctx: EditionContext, jury: JuryView): string {
  return juryZipName({ uai: jury.centreUai, session: ctx.session.session, group: ctx.group, jury: jury.code }, ctx.session.domaine.toUpperCase());
}

interface PlanShared {
  readonly passwords: HashedPasswords;
  readonly counts: SpecialiteDecisionCounts;
}

async function planOf(ctx: EditionContext, jury: JuryView, sink: EditionSink, portalUrl: string, shared: PlanShared): Promise<Buffer> {
  const one: EditionContext = { ...ctx, juries: [jury] };
  await sink.log('Edition des PVI');
  const entries = await withVerificationCodes(one, 'pvi', ctx.group, await loadPviEntries(one, jury), publicBaseOf(portalUrl));
  const files: ZipEntry[] = [{ name: `PVI_${jury.code}.pdf`, data: renderPvi({ header: ctx.header, entries }) }];
  await sink.log(`${entries.length} procès-verbal(aux) individuel(s)`);
  if (ctx.group === 1) {
    await sink.log('Edition des statistiques avant délibération');
    files.push({ name: `Statistiques_${jury.code}.pdf`, data: renderStatsByDecision(await loadStatsByDecision(one, shared.counts)) });
  }
  checkAborted(sink);
  await sink.log('Edition des papillons de connexion');
  const password = await freshPassword(ctx, jury, shared.passwords);
  files.push({
    name: `Papillon_${jury.code}.pdf`,
    data: renderPapillons({ header: ctx.header, papillons: [{ jury: juryRef(jury), url: emergencyPortalUrl(portalUrl), login: emergencyLoginOf(jury.code), password }] }),
  });
  return zipFiles(files, { mtime: ctx.header.editedAt });
}

export async function generateEmergencyPlans(ctx: EditionContext, sink: EditionSink, o: { portalUrl: string }): Promise<void> {
  await sink.log(`Groupe de décision : ${ctx.group}`);
  await sink.log('Récupération de la liste des jurys');
  await sink.log(`jurys : ${ctx.juries.map((j) => j.code).join(', ')}`);
  const todo = ctx.juries.filter((j) => !sink.done.has(planFileName(ctx, j))).length;
  const passwords = new HashedPasswords(todo, HASH_AHEAD);
  const counts = new SpecialiteDecisionCounts(ctx.db, ctx.session);
  try {
    let n = 0;
    for (const jury of ctx.juries) {
      checkAborted(sink);
      const name = planFileName(ctx, jury);
      await sink.progress((100 * n) / ctx.juries.length, `Jury ${jury.code}`);
      n++;
      if (sink.done.has(name)) {
        await sink.log(`Plan de secours déjà généré pour le jury : ${jury.code} (reprise du traitement)`);
        continue;
      }
      await sink.log(`Préparation du plan de secours pour le jury : ${jury.code}`);
      const data = await planOf(ctx, jury, sink, o.portalUrl, { passwords, counts });
      await sink.emit({ name, mediaType: 'application/zip', data });
    }
  } finally {
    passwords.close();
  }
  await sink.progress(100);
  await sink.log('Plan de secours généré');
  await sink.log('Plan de secours disponible');
}
