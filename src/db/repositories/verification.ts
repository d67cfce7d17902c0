// Verification codes of documents (migration 0015, issue #15). Caller owns the transaction.
import type { Db } from '../connect.js';
import type { VerificationCodeTable } from '../schema-verification.js';
import '../schema-verification.js';

export type VerificationCodeRow = Omit<VerificationCodeTable, 'id'> & { id: number };
export type NewVerificationCode = Omit<VerificationCodeTable, 'id' | 'replaced_at'>;

const CHUNK = 400;

export async function insertVerificationCodes(db: Db, rows: readonly NewVerificationCode[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto('verification_code').values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, replaced_at: null }))).execute();
  }
}

/** The codes still current of these candidates' documents of a kind and group. */
export async function currentCodes(db: Db, kind: 'rln' | 'pvi', group: number, candidateIds: readonly number[]): Promise<{ id: number; candidate_id: number; content_hash: string }[]> {
  const out: { id: number; candidate_id: number; content_hash: string }[] = [];
  for (let i = 0; i < candidateIds.length; i += CHUNK) {
    out.push(...await db.selectFrom('verification_code').select(['id', 'candidate_id', 'content_hash'])
      .where('kind', '=', kind).where('groupe', '=', group).where('replaced_at', 'is', null)
      .where('candidate_id', 'in', candidateIds.slice(i, i + CHUNK)).execute());
  }
  return out;
}

export async function markReplaced(db: Db, ids: readonly number[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.updateTable('verification_code').set({ replaced_at: at }).where('id', 'in', ids.slice(i, i + CHUNK)).where('replaced_at', 'is', null).execute();
  }
}

export async function findByCodeHash(db: Db, hash: string): Promise<VerificationCodeRow | undefined> {
  return db.selectFrom('verification_code').selectAll().where('code_hash', '=', hash).executeTakeFirst() as Promise<VerificationCodeRow | undefined>;
}
