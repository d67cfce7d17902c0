// The offline changes the server has dealt with (migration 0008): a change resent by the browser
// (its answer was lost) is recognised by its id and not applied twice. Caller owns the transaction.
import type { Db } from '../connect.js';
import type { OfflineChangeTable } from '../schema-offline.js';

export type OfflineChangeRecord = OfflineChangeTable;

export async function findOfflineChange(db: Db, id: string): Promise<OfflineChangeRecord | undefined> {
  return db.selectFrom('offline_change').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordOfflineChange(db: Db, r: OfflineChangeRecord): Promise<void> {
  await db.insertInto('offline_change').values(r).execute();
}
