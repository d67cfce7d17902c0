// The journal: append-only, one hash chain per database (= per exam session, ADR 0004).
// Written in the same transaction as the change it records.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../connect.js';
import type { JournalRow } from '../schema.js';
import '../schema-anchor.js';
import { isPostgres } from '../migrations/util.js';

export interface JournalEntryInput {
  readonly at: Date;
  readonly actor: { readonly login: string; readonly name: string; readonly role: string };
  readonly action: string;
  readonly juryCode?: string | null;
  readonly candidateId?: number | null;
  readonly subject: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical text hashed for an entry: every recorded field, in a fixed order. */
export function entryDigestInput(e: Omit<JournalRow, 'id' | 'hash'>): string {
  return JSON.stringify([
    e.seq, e.at, e.actor_login, e.actor_name, e.actor_role, e.action, e.jury_code, e.candidate_id,
    e.subject, e.before_json, e.after_json, e.reason, e.prev_hash,
  ]);
}

export function hashEntry(e: Omit<JournalRow, 'id' | 'hash'>): string {
  return createHash('sha256').update(entryDigestInput(e)).digest('hex');
}

/**
 * Appends entries to the chain and moves its anchor (ADR 0007). Call inside the transaction that
 * performs the change; called outside one, it opens its own (the chain and its anchor move together).
 */
export async function appendJournal(trx: Db, entries: readonly JournalEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  if (!trx.isTransaction) {
    await trx.transaction().execute((t) => appendJournal(t, entries));
    return;
  }
  if (isPostgres(trx)) {
    await appendPostgres(trx, entries);
    return;
  }
  // SQLite has a single writer: the transaction already serializes the writers of the chain.
  const rows = chain(entries, await lastEntry(trx));
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('journal').values(rows.slice(i, i + 500)).execute();
  }
  const head = rows[rows.length - 1]!;
  await trx
    .insertInto('journal_anchor')
    .values({ id: 1, seq: head.seq, hash: head.hash, updated_at: head.at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq: head.seq, hash: head.hash, updated_at: head.at }))
    .execute();
}

async function lastEntry(db: Db): Promise<JournalHead | undefined> {
  return db.selectFrom('journal').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

type ChainedRow = Omit<JournalRow, 'id'>;

/** The entries as rows chained after `last` (seq and prev_hash), each with its hash. */
function chain(entries: readonly JournalEntryInput[], last: JournalHead | undefined): ChainedRow[] {
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  return entries.map((e) => {
    seq += 1;
    const row = {
      seq,
      at: e.at.toISOString(),
      actor_login: e.actor.login,
      actor_name: e.actor.name,
      actor_role: e.actor.role,
      action: e.action,
      jury_code: e.juryCode ?? null,
      candidate_id: e.candidateId ?? null,
      subject: e.subject,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
      prev_hash: prev,
    };
    const hash = hashEntry(row);
    prev = hash;
    return { ...row, hash };
  });
}

/**
 * PostgreSQL: writers are serialized by a transaction-scoped advisory lock held until the commit, by
 * journal_append (migration 0009). The entries are chained to the head read without the lock, then
 * sent with it: the function takes the lock and inserts them only if the head has not moved (else it
 * returns the new head, and the entries are chained again: the lock is held now, the second call
 * succeeds). The lock is thus held for one round trip to Node (the commit), not three.
 */
async function appendPostgres(trx: Db, entries: readonly JournalEntryInput[]): Promise<void> {
  let head = await lastEntry(trx);
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = chain(entries, head);
    const col = <K extends keyof ChainedRow>(k: K) => rows.map((r) => r[k]);
    const { rows: [r] } = await sql<{ appended: boolean; head_seq: number | null; head_hash: string | null }>`SELECT appended, head_seq, head_hash
      FROM journal_append(${head?.seq ?? null}::integer, ${head?.hash ?? null}::text, ${col('seq')}::integer[], ${col('at')}::text[],
        ${col('actor_login')}::text[], ${col('actor_name')}::text[], ${col('actor_role')}::text[], ${col('action')}::text[],
        ${col('jury_code')}::text[], ${col('candidate_id')}::integer[], ${col('subject')}::text[], ${col('before_json')}::text[],
        ${col('after_json')}::text[], ${col('reason')}::text[], ${col('prev_hash')}::text[], ${col('hash')}::text[])`.execute(trx);
    if (r?.appended) return;
    head = r?.head_seq === null || r?.head_seq === undefined ? undefined : { seq: r.head_seq, hash: r.head_hash! };
  }
  throw new Error('journal : la tête de la chaîne change sans cesse malgré le verrou');
}

/** The head of the chain: number and hash of its last entry (null while the journal is empty). */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * The anchor as recorded with the chain (table journal_anchor). Print it on every PV and keep it
 * with every backup: checked later with verifyJournal(db, { expected }), it reveals a journal cut
 * at its tail or rewritten after it, even by someone who also rewrote the anchor table.
 */
export async function journalHead(db: Db): Promise<JournalHead | null> {
  const a = await db.selectFrom('journal_anchor').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return a ? { seq: a.seq, hash: a.hash } : null;
}

/** "<seq>:<hash>" — the printable form of an anchor. */
export function formatAnchor(h: JournalHead): string {
  return `${h.seq}:${h.hash}`;
}

export function parseAnchor(text: string): JournalHead | null {
  const m = /^(\d{1,12}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

export interface JournalFilter {
  readonly juryCodes?: readonly string[] | null; // null = no restriction
  readonly juryCode?: string;
  readonly action?: string;
  readonly actor?: string;
  readonly from?: string; // ISO date (inclusive)
  readonly to?: string; // ISO date (inclusive, whole day)
  readonly candidateId?: number;
  readonly limit?: number;
  readonly offset?: number;
}

export async function listJournal(db: Db, f: JournalFilter): Promise<{ rows: JournalRow[]; total: number }> {
  let q = db.selectFrom('journal');
  if (f.juryCodes) {
    if (f.juryCodes.length === 0) return { rows: [], total: 0 };
    q = q.where('jury_code', 'in', [...f.juryCodes]);
  }
  if (f.juryCode) q = q.where('jury_code', '=', f.juryCode);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where((eb) => eb.or([eb('actor_login', '=', f.actor!), eb('actor_name', '=', f.actor!)]));
  if (f.candidateId !== undefined) q = q.where('candidate_id', '=', f.candidateId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', nextDay(f.to));
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return { rows, total: Number(total) };
}

function nextDay(isoDate: string): string {
  const d = new Date(isoDate.slice(0, 10) + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export interface ChainProblem {
  readonly seq: number;
  readonly problem: string;
}

export interface VerifyOptions {
  /** an anchor kept outside the database (printed on a PV, in a backup's manifest) */
  readonly expected?: JournalHead;
}

/**
 * Walks the whole chain and reports every edited, deleted or reordered entry; then compares its end
 * with the anchor (a deleted last entry) and, when given, with an anchor kept outside the database.
 */
export async function verifyJournal(db: Db, options: VerifyOptions = {}): Promise<{ entries: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let last: JournalHead | null = null;
  let atExpected: string | undefined;
  const pageSize = 5000;
  let lastId = 0;
  for (;;) {
    const page = await db.selectFrom('journal').selectAll().where('id', '>', lastId).orderBy('id').limit(pageSize).execute();
    if (page.length === 0) break;
    for (const row of page) {
      entries++;
      lastId = row.id;
      if (row.seq !== expectedSeq) problems.push({ seq: row.seq, problem: `numéro ${row.seq} à la place de ${expectedSeq} (entrée supprimée ou déplacée)` });
      if (row.prev_hash !== prev) problems.push({ seq: row.seq, problem: 'chaînage rompu (entrée précédente modifiée, supprimée ou déplacée)' });
      const { id: _id, hash, ...rest } = row;
      if (hashEntry(rest) !== hash) problems.push({ seq: row.seq, problem: 'contenu modifié (empreinte invalide)' });
      if (options.expected && row.seq === options.expected.seq) atExpected = hash;
      prev = hash;
      expectedSeq = row.seq + 1;
      last = { seq: row.seq, hash };
    }
  }
  problems.push(...anchorProblems(last, await journalHead(db)));
  if (options.expected) problems.push(...externalAnchorProblems(options.expected, atExpected));
  return { entries, problems };
}

function anchorProblems(last: JournalHead | null, anchor: JournalHead | null): ChainProblem[] {
  if (!anchor) return last ? [{ seq: last.seq, problem: "ancre du journal absente (table journal_anchor vidée ou modifiée)" }] : [];
  if (!last) return [{ seq: anchor.seq, problem: `journal vidé : l'ancre attend ${anchor.seq} entrée(s)` }];
  if (anchor.seq > last.seq) {
    return [{ seq: last.seq + 1, problem: `fin du journal supprimée : entrées n° ${last.seq + 1} à ${anchor.seq} absentes (l'ancre attend ${anchor.seq} entrée(s))` }];
  }
  if (anchor.seq < last.seq) return [{ seq: anchor.seq + 1, problem: `entrées n° ${anchor.seq + 1} à ${last.seq} ajoutées hors de l'application (ancre non mise à jour)` }];
  if (anchor.hash !== last.hash) return [{ seq: last.seq, problem: "dernière entrée remplacée ou ancre modifiée (empreinte différente de l'ancre)" }];
  return [];
}

function externalAnchorProblems(expected: JournalHead, found: string | undefined): ChainProblem[] {
  if (found === undefined) {
    return [{ seq: expected.seq, problem: `entrée n° ${expected.seq} de l'ancre externe absente : le journal a été tronqué` }];
  }
  if (found !== expected.hash) {
    return [{ seq: expected.seq, problem: `entrée n° ${expected.seq} différente de l'ancre externe : le journal a été réécrit` }];
  }
  return [];
}
