// The parameters a user memorised for an edition screen ("Mémoriser ces résultats"), one row per
// user and edition, replaced on each save.
import type { Db } from '../../../db/connect.js';

export interface EditionPreference {
  readonly params: unknown;
  readonly updatedAt: string;
}

export async function getPreference(db: Db, login: string, edition: string): Promise<EditionPreference | undefined> {
  const row = await db
    .selectFrom('edition_preference')
    .select(['params_json', 'updated_at'])
    .where('user_login', '=', login)
    .where('edition', '=', edition)
    .executeTakeFirst();
  if (!row) return undefined;
  let params: unknown = null;
  try {
    params = JSON.parse(row.params_json) as unknown;
  } catch {
    params = null; // a damaged row reads as "nothing memorised" rather than failing the screen
  }
  return { params, updatedAt: row.updated_at };
}

export async function savePreference(db: Db, login: string, edition: string, params: unknown, now: Date): Promise<void> {
  const values = { user_login: login, edition, params_json: JSON.stringify(params), updated_at: now.toISOString() };
  await db
    .insertInto('edition_preference')
    .values(values)
    .onConflict((oc) => oc.columns(['user_login', 'edition']).doUpdateSet({ params_json: values.params_json, updated_at: values.updated_at }))
    .execute();
}
