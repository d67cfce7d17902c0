// The journal: append-only, one hash chain per jury plus one for the session (ADR 0013; a database
// holds one exam session, ADR 0004). Written in the same transaction as the change it records.
// The chains' heads, combined into a Merkle root, are the session anchor printed on PVs and kept in
// backups; `verifyJournal` walks every chain and checks it against its head and against an anchor.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../connect.js';
import type { JournalRow } from '../schema.js';
import '../schema-anchor.js';
import { isPostgres } from '../migrations/util.js';
import { hmacHex, journalKeyring, type JournalKeyring } from './journal-keys.js';

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
/** The chain of the entries that concern no jury (import summary, accounts, schedules). */
export const SESSION_CHAIN = '';

/** The chain an entry belongs to: its jury's, or the session's. */
export function chainOf(e: Pick<JournalEntryInput, 'juryCode'>): string {
  return e.juryCode ?? SESSION_CHAIN;
}

type HashedFields = Omit<JournalRow, 'id' | 'hash'>;

/**
 * Canonical text hashed for an entry: every recorded field, in a fixed order. The chain and the key
 * id are appended since ADR 0013; entries of the session chain without a key (all those written
 * before it) keep the original form, so their hashes and the anchors printed then still verify.
 */
export function entryDigestInput(e: HashedFields): string {
  const fields: unknown[] = [
    e.seq, e.at, e.actor_login, e.actor_name, e.actor_role, e.action, e.jury_code, e.candidate_id,
    e.subject, e.before_json, e.after_json, e.reason, e.prev_hash,
  ];
  if (e.chain !== SESSION_CHAIN || e.key_id !== null) fields.push(e.chain, e.key_id);
  return JSON.stringify(fields);
}

export class UnknownJournalKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`clé du journal « ${keyId} » inconnue`);
  }
}

/** SHA-256 of the entry, or its HMAC-SHA256 under the key it names (key_id). */
export function hashEntry(e: HashedFields, keyring: JournalKeyring = journalKeyring()): string {
  const text = entryDigestInput(e);
  if (e.key_id === null) return createHash('sha256').update(text).digest('hex');
  const key = keyring.byId.get(e.key_id);
  if (!key) throw new UnknownJournalKeyError(e.key_id);
  return hmacHex(key, text);
}

/** The head of one chain: its name, and the number and hash of its last entry. */
export interface ChainHead {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

/**
 * Appends entries to their chains and moves the chains' heads (ADR 0013). Call inside the
 * transaction that performs the change; called outside one, it opens its own (the chains and their
 * heads move together). Only the chains written to are locked: different juries never wait on each
 * other.
 */
export async function appendJournal(trx: Db, entries: readonly JournalEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  if (!trx.isTransaction) {
    await trx.transaction().execute((t) => appendJournal(t, entries));
    return;
  }
  const keyring = journalKeyring();
  const chains = [...new Set(entries.map(chainOf))].sort(byCodeUnits);
  if (isPostgres(trx)) {
    await appendPostgres(trx, entries, chains, keyring);
    return;
  }
  // SQLite has a single writer: the transaction already serializes the writers of every chain.
  const heads = await readHeads(trx, chains);
  const rows = chain(entries, heads, keyring);
  for (let i = 0; i < rows.length; i += 500) {
    await trx.insertInto('journal').values(rows.slice(i, i + 500)).execute();
  }
  for (const h of lastOfEachChain(rows)) {
    await trx
      .insertInto('journal_head')
      .values(h)
      .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: h.seq, hash: h.hash, updated_at: h.updated_at }))
      .execute();
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readHeads(db: Db, chains: readonly string[]): Promise<Map<string, ChainHead>> {
  const heads = new Map<string, ChainHead>();
  for (let i = 0; i < chains.length; i += 1000) {
    const rows = await db.selectFrom('journal_head').select(['chain', 'seq', 'hash']).where('chain', 'in', chains.slice(i, i + 1000)).execute();
    for (const r of rows) if (r.seq > 0) heads.set(r.chain, r);
  }
  return heads;
}

type ChainedRow = Omit<JournalRow, 'id'>;

/** The entries as rows chained after their chain's head (seq and prev_hash), each with its hash. */
function chain(entries: readonly JournalEntryInput[], heads: ReadonlyMap<string, ChainHead>, keyring: JournalKeyring): ChainedRow[] {
  const state = new Map<string, { seq: number; prev: string }>();
  const keyId = keyring.signing?.id ?? null;
  return entries.map((e) => {
    const name = chainOf(e);
    let s = state.get(name);
    if (!s) {
      const h = heads.get(name);
      s = { seq: h?.seq ?? 0, prev: h?.hash ?? GENESIS_HASH };
      state.set(name, s);
    }
    s.seq += 1;
    const row: HashedFields = {
      chain: name,
      seq: s.seq,
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
      prev_hash: s.prev,
      key_id: keyId,
    };
    const hash = hashEntry(row, keyring);
    s.prev = hash;
    return { ...row, hash };
  });
}

function lastOfEachChain(rows: readonly ChainedRow[]): { chain: string; seq: number; hash: string; updated_at: string }[] {
  const last = new Map<string, ChainedRow>();
  for (const r of rows) last.set(r.chain, r);
  return [...last.values()].map((r) => ({ chain: r.chain, seq: r.seq, hash: r.hash, updated_at: r.at }));
}

/**
 * PostgreSQL: the writers of a chain are serialized by the lock on its head's row, held until the
 * commit, taken by journal_append_chains (migration 0011). The entries are chained to the heads read
 * without the lock, then sent with them: the function locks the heads and inserts the entries only
 * if no head has moved (else it returns the current heads, and the entries are chained again: the
 * locks are held now, the second call succeeds). A chain's lock is thus held for one round trip to
 * Node (the commit), and only by writers of that chain.
 */
async function appendPostgres(trx: Db, entries: readonly JournalEntryInput[], chains: readonly string[], keyring: JournalKeyring): Promise<void> {
  let heads = await readHeads(trx, chains);
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = chain(entries, heads, keyring);
    const col = <K extends keyof ChainedRow>(k: K) => rows.map((r) => r[k]);
    const expectedSeq = chains.map((c) => heads.get(c)?.seq ?? 0);
    const expectedHash = chains.map((c) => heads.get(c)?.hash ?? GENESIS_HASH);
    const { rows: result } = await sql<{ appended: boolean; head_chain: string | null; head_seq: number | null; head_hash: string | null }>`SELECT appended, head_chain, head_seq, head_hash
      FROM journal_append_chains(${chains}::text[], ${expectedSeq}::integer[], ${expectedHash}::text[],
        ${col('chain')}::text[], ${col('seq')}::integer[], ${col('at')}::text[],
        ${col('actor_login')}::text[], ${col('actor_name')}::text[], ${col('actor_role')}::text[], ${col('action')}::text[],
        ${col('jury_code')}::text[], ${col('candidate_id')}::integer[], ${col('subject')}::text[], ${col('before_json')}::text[],
        ${col('after_json')}::text[], ${col('reason')}::text[], ${col('prev_hash')}::text[], ${col('hash')}::text[], ${col('key_id')}::text[])`.execute(trx);
    if (result[0]?.appended) return;
    heads = new Map();
    for (const r of result) if (r.head_chain !== null && r.head_seq !== null && r.head_seq > 0) heads.set(r.head_chain, { chain: r.head_chain, seq: r.head_seq, hash: r.head_hash! });
  }
  throw new Error('journal : la tête de la chaîne change sans cesse malgré le verrou');
}

/** A session anchor: the number of entries it covers and the Merkle root of the chains' heads. */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The Merkle root of the chains' heads, taken in chain order: leaves H(0x00 ‖ [chain, seq, hash]),
 * nodes H(0x01 ‖ left ‖ right), an odd node goes up as is. Null without any chain.
 */
export function merkleRoot(heads: readonly ChainHead[]): string | null {
  let level = [...heads].sort((a, b) => byCodeUnits(a.chain, b.chain)).map((h) => sha256('\u0000' + JSON.stringify([h.chain, h.seq, h.hash])));
  if (level.length === 0) return null;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256('\u0001' + level[i]! + level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** Every chain's head as recorded with the chains (table journal_head), in chain order. */
export async function chainHeads(db: Db): Promise<ChainHead[]> {
  const rows = await db.selectFrom('journal_head').select(['chain', 'seq', 'hash']).where('seq', '>', 0).execute();
  return rows.sort((a, b) => byCodeUnits(a.chain, b.chain));
}

/** The number of the last entry of each of these chains (0: empty), read in batches. */
export async function chainPositions(db: Db, chains: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = Object.fromEntries(chains.map((c) => [c, 0]));
  const heads = await readHeads(db, [...new Set(chains)]);
  for (const [chain, h] of heads) out[chain] = h.seq;
  return out;
}

function anchorOf(heads: readonly ChainHead[]): JournalHead | null {
  const root = merkleRoot(heads);
  return root === null ? null : { seq: heads.reduce((n, h) => n + h.seq, 0), hash: root };
}

/** The session anchor of the chains as they are, without recording it (read-only transactions). */
export async function sessionAnchor(db: Db): Promise<JournalHead | null> {
  return anchorOf(await chainHeads(db));
}

/**
 * The session anchor, recorded with the heads it combines (table journal_checkpoint) so that
 * `verifyJournal(db, { expected })` can later find the entries it names. Print it on every PV and
 * keep it with every backup: it reveals any chain cut at its tail or rewritten after it, even by
 * someone who also rewrote the heads table.
 */
export async function journalHead(db: Db): Promise<JournalHead | null> {
  const heads = await chainHeads(db);
  const anchor = anchorOf(heads);
  if (anchor) {
    await db.insertInto('journal_checkpoint')
      .values({ root: anchor.hash, entries: anchor.seq, heads: JSON.stringify(heads.map((h) => [h.chain, h.seq, h.hash])), at: new Date().toISOString() })
      .onConflict((oc) => oc.column('root').doNothing())
      .execute();
  }
  return anchor;
}

/** "<entries>:<root>" — the printable form of an anchor. */
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
    .orderBy('id', 'desc')
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
  /** the jury's code, or '' for the session chain */
  readonly chain: string;
  readonly seq: number;
  readonly problem: string;
}

export interface VerifyOptions {
  /** an anchor kept outside the database (printed on a PV, in a backup's manifest) */
  readonly expected?: JournalHead;
  /** only these chains (a jury's PV: its chain), default every chain */
  readonly chains?: readonly string[];
  /** default: the environment's (DELIB_JOURNAL_KEY, DELIB_JOURNAL_OLD_KEYS) */
  readonly keyring?: JournalKeyring;
}

export interface VerifyReport {
  readonly entries: number;
  readonly problems: ChainProblem[];
}

interface ChainWalk {
  nextSeq: number;
  prev: string;
  last: ChainHead | null;
}

/** "la chaîne du jury 31310" / "la chaîne de la session" */
export function chainLabel(chain: string): string {
  return chain === SESSION_CHAIN ? 'chaîne de la session' : `chaîne du jury ${chain}`;
}

/**
 * Walks every chain (or those asked) and reports every edited, deleted or reordered entry, every
 * entry not sealed by a configured key or sealed by an unknown one; then compares each chain's end
 * with its head (a deleted last entry) and, when given, the chains with an anchor kept outside the
 * database (resolved into the heads it combines: see resolveAnchor).
 */
export async function verifyJournal(db: Db, options: VerifyOptions = {}): Promise<VerifyReport> {
  const keyring = options.keyring ?? journalKeyring();
  const only = options.chains ? new Set(options.chains) : null;
  const problems: ChainProblem[] = [];
  const walks = new Map<string, ChainWalk>();
  const resolved = options.expected ? await resolveAnchor(db, options.expected) : null;
  const watched = new Map<string, Map<number, string | undefined>>();
  for (const h of resolved?.heads ?? []) {
    if (only && !only.has(h.chain)) continue;
    if (!watched.has(h.chain)) watched.set(h.chain, new Map());
    watched.get(h.chain)!.set(h.seq, undefined);
  }
  let entries = 0;
  // an import snapshot is a few kB per jury: pages of 1 000 keep the walk's memory small
  const pageSize = 1000;
  let lastId = 0;
  for (;;) {
    let q = db.selectFrom('journal').selectAll().where('id', '>', lastId);
    if (options.chains) q = q.where('chain', 'in', [...options.chains]);
    const page = await q.orderBy('id').limit(pageSize).execute();
    if (page.length === 0) break;
    for (const row of page) {
      entries++;
      lastId = row.id;
      let w = walks.get(row.chain);
      if (!w) walks.set(row.chain, (w = { nextSeq: 1, prev: GENESIS_HASH, last: null }));
      const at = (problem: string) => problems.push({ chain: row.chain, seq: row.seq, problem });
      if (row.seq !== w.nextSeq) at(`numéro ${row.seq} à la place de ${w.nextSeq} (entrée supprimée ou déplacée)`);
      if (row.prev_hash !== w.prev) at('chaînage rompu (entrée précédente modifiée, supprimée ou déplacée)');
      const { id: _id, hash, ...rest } = row;
      if (row.key_id === null && keyring.signing) {
        at(`entrée non scellée alors que le journal l'est (clé « ${keyring.signing.id} ») : écrite hors de l'application ou avant la mise en place de la clé`);
      }
      try {
        if (hashEntry(rest, keyring) !== hash) at('contenu modifié (empreinte invalide)');
      } catch (e) {
        if (!(e instanceof UnknownJournalKeyError)) throw e;
        at(`scellée par la clé « ${e.keyId} », absente de DELIB_JOURNAL_KEY et DELIB_JOURNAL_OLD_KEYS : vérification impossible`);
      }
      const seen = watched.get(row.chain);
      if (seen?.has(row.seq)) seen.set(row.seq, hash);
      w.prev = hash;
      w.nextSeq = row.seq + 1;
      w.last = { chain: row.chain, seq: row.seq, hash };
    }
  }
  let heads = await chainHeads(db);
  if (only) heads = heads.filter((h) => only.has(h.chain));
  const headOf = new Map(heads.map((h) => [h.chain, h]));
  const names = [...new Set([...walks.keys(), ...headOf.keys()])].sort(byCodeUnits);
  for (const name of names) problems.push(...headProblems(name, walks.get(name)?.last ?? null, headOf.get(name) ?? null));
  if (resolved) problems.push(...resolved.problems);
  for (const [name, seqs] of watched) {
    for (const [seq, found] of seqs) {
      const expectedHash = resolved!.heads.find((h) => h.chain === name && h.seq === seq)!.hash;
      problems.push(...externalAnchorProblems({ chain: name, seq, hash: expectedHash }, found));
    }
  }
  return { entries, problems };
}

function headProblems(chain: string, last: ChainHead | null, head: ChainHead | null): ChainProblem[] {
  const p = (seq: number, problem: string): ChainProblem[] => [{ chain, seq, problem }];
  if (!head) return last ? p(last.seq, `ancre du journal absente pour la ${chainLabel(chain)} (table journal_head vidée ou modifiée)`) : [];
  if (!last) return p(head.seq, `journal vidé : l'ancre de la ${chainLabel(chain)} attend ${head.seq} entrée(s)`);
  if (head.seq > last.seq) {
    return p(last.seq + 1, `fin du journal supprimée : entrées n° ${last.seq + 1} à ${head.seq} de la ${chainLabel(chain)} absentes (l'ancre attend ${head.seq} entrée(s))`);
  }
  if (head.seq < last.seq) return p(head.seq + 1, `entrées n° ${head.seq + 1} à ${last.seq} de la ${chainLabel(chain)} ajoutées hors de l'application (ancre non mise à jour)`);
  if (head.hash !== last.hash) return p(last.seq, `dernière entrée remplacée ou ancre modifiée (empreinte différente de l'ancre de la ${chainLabel(chain)})`);
  return [];
}

function externalAnchorProblems(expected: ChainHead, found: string | undefined): ChainProblem[] {
  if (found === undefined) {
    return [{ chain: expected.chain, seq: expected.seq, problem: `entrée n° ${expected.seq} de la ${chainLabel(expected.chain)}, nommée par l'ancre externe, absente : le journal a été tronqué` }];
  }
  if (found !== expected.hash) {
    return [{ chain: expected.chain, seq: expected.seq, problem: `entrée n° ${expected.seq} de la ${chainLabel(expected.chain)} différente de l'ancre externe : le journal a été réécrit` }];
  }
  return [];
}

/**
 * The heads an anchor kept outside the database combines. Looked up in the anchors handed out
 * (journal_checkpoint, recorded by journalHead), else the current heads; a record whose heads do not
 * give the root back was edited. An anchor printed before ADR 0013 ("<seq>:<hash>" of the single
 * chain, now the session chain) names that entry of the session chain.
 */
async function resolveAnchor(db: Db, anchor: JournalHead): Promise<{ heads: ChainHead[]; problems: ChainProblem[] }> {
  const record = await db.selectFrom('journal_checkpoint').select(['entries', 'heads']).where('root', '=', anchor.hash).executeTakeFirst();
  if (record) {
    let heads: ChainHead[] = [];
    try {
      heads = (JSON.parse(record.heads) as [string, number, string][]).map(([chain, seq, hash]) => ({ chain, seq, hash }));
    } catch {
      heads = [];
    }
    const ok = heads.length > 0 && merkleRoot(heads) === anchor.hash && heads.reduce((n, h) => n + h.seq, 0) === anchor.seq && record.entries === anchor.seq;
    if (ok) return { heads, problems: [] };
    return { heads: [], problems: [{ chain: SESSION_CHAIN, seq: anchor.seq, problem: "ancre externe enregistrée avec des têtes de chaîne modifiées (table journal_checkpoint altérée) : le journal a été réécrit" }] };
  }
  const current = await chainHeads(db);
  const now = anchorOf(current);
  if (now && now.hash === anchor.hash && now.seq === anchor.seq) return { heads: current, problems: [] };
  // an anchor of the single chain of before ADR 0013: entry <seq> of the session chain
  const legacy = await db.selectFrom('journal').select('hash').where('chain', '=', SESSION_CHAIN).where('seq', '=', anchor.seq).executeTakeFirst();
  if (legacy?.hash === anchor.hash) return { heads: [{ chain: SESSION_CHAIN, seq: anchor.seq, hash: anchor.hash }], problems: [] };
  return {
    heads: [],
    problems: [{
      chain: SESSION_CHAIN, seq: anchor.seq,
      problem: "ancre externe introuvable (ni dans le registre des ancres, ni tête actuelle, ni entrée de la chaîne de la session) : le journal a été tronqué ou réécrit",
    }],
  };
}

/** "jury 31310, entrée n° 6 : …" — one line of a report. */
export function describeProblem(p: ChainProblem): string {
  return `${p.chain === SESSION_CHAIN ? 'session' : `jury ${p.chain}`}, entrée n° ${p.seq} : ${p.problem}`;
}
