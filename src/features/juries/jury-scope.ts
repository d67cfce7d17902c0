// The juries an actor may see, by the domain's scope policy (read with a query narrowed to the scope, then filtered).
import type { Db } from '../../db/connect.js';
import { findJury, juriesHostedBy, listJuries, type JuryView } from '../../db/repositories/juries.js';
import type { Actor } from '../../domain/types.js';
import { juryVisibility, seesWholeJournal, type JuryScopeFacts } from './policies.js';

export type ScopedJury = JuryView & Pick<JuryScopeFacts, 'centresEpreuve'>;

/** Adds the facts the scope policy needs (the centres d'épreuve, only for a centre d'épreuve). */
async function withFacts(db: Db, actor: Actor, juries: JuryView[]): Promise<ScopedJury[]> {
  if (actor.role !== 'centre_epreuve') return juries;
  const hosted = await juriesHostedBy(db, actor.scope);
  return juries.map((j) => ({ ...j, centresEpreuve: hosted.has(j.code) ? [actor.scope] : [] }));
}

/**
 * The juries in the actor's scope, read with a targeted query (a national session has thousands of
 * juries: reading them all on every request of a centre or a jury cost more than the request
 * itself). The scope policy still decides.
 */
export async function juriesInScope(db: Db, actor: Actor): Promise<ScopedJury[]> {
  let juries: ScopedJury[];
  switch (actor.role) {
    case 'academie':
      juries = await listJuries(db);
      break;
    case 'centre':
      juries = await listJuries(db, { centreUai: actor.scope });
      break;
    case 'jury':
      juries = await listJuries(db, { codes: [actor.scope] });
      break;
    case 'centre_epreuve': {
      const hosted = await juriesHostedBy(db, actor.scope);
      juries = (await listJuries(db, { codes: [...hosted] })).map((j) => ({ ...j, centresEpreuve: [actor.scope] }));
      break;
    }
  }
  return juries.filter((j) => juryVisibility(actor, j) === 'allowed');
}

/** The jury if the actor may see it, else undefined (the caller answers 404). */
export async function findJuryInScope(db: Db, actor: Actor, code: string): Promise<ScopedJury | undefined> {
  const jury = await findJury(db, code);
  if (!jury) return undefined;
  const [scoped] = await withFacts(db, actor, [jury]);
  return juryVisibility(actor, scoped!) === 'allowed' ? scoped : undefined;
}

/** Juries of the actor's journal: null = the whole journal. */
export async function journalScope(db: Db, actor: Actor): Promise<string[] | null> {
  if (seesWholeJournal(actor)) return null;
  return (await juriesInScope(db, actor)).map((j) => j.code);
}
