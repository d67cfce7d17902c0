// Loads candidates with their grades, contrôle choices and contrôle grades, in bounded chunks, as
// the engine's CandidateInput. Memory stays flat whatever the number of candidates.
//
// Grades are the bulk (≈ 12 per candidate): each candidate's grades are kept packed in one short text
// (`code␟value␞code␟value…`, table candidate_grades, derived from `grade` by the database's triggers:
// ADR 0021), read with the candidate and decoded here without a row object per grade — returning 2,4
// million grade rows one by one, or aggregating them at each reading, costs several times more than
// the whole evaluation. The same SQL runs on SQLite and PostgreSQL, through the caller's connection
// or transaction.
import { sql } from 'kysely';
import { arrayRowsOf, type Db } from '../connect.js';
import { PACK_RECORD_SEP, PACK_UNIT_SEP } from '../grade-packing.js';
import type { CandidateInput, ControleGradeValue, GradeValue } from '../../domain/types.js';

export interface CandidateKey {
  readonly id: number;
  readonly numeroCandidat: string;
  readonly numeroInscription: string;
  readonly juryCode: string;
}

export interface LoadedCandidate {
  readonly candidate: CandidateKey;
  readonly input: CandidateInput;
}

export interface CandidateScope {
  /** only these juries */
  readonly juryCodes?: readonly string[];
  /** only these candidates */
  readonly candidateIds?: readonly number[];
  /** only ids above this one (a range of the session: see src/features/results/parallel-lines.ts) */
  readonly afterId?: number;
  /** only ids up to this one, included */
  readonly lastId?: number;
  /** candidates per chunk */
  readonly chunk?: number;
}

// Grade values are immutable: candidates share them (one object per possible grade, not per row).
const ABS: GradeValue = Object.freeze({ kind: 'ABS' });
const AJ: GradeValue = Object.freeze({ kind: 'AJ' });
const DI: GradeValue = Object.freeze({ kind: 'DI' });
const NOTES: GradeValue[] = Array.from({ length: 2001 }, (_, h) => Object.freeze({ kind: 'NOTE', hundredths: h }));

function noteOf(hundredths: number): GradeValue {
  return Number.isInteger(hundredths) && hundredths >= 0 && hundredths <= 2000 ? NOTES[hundredths]! : { kind: 'NOTE', hundredths };
}

export function gradeFromRow(kind: string | null, hundredths: number | null): GradeValue | undefined {
  switch (kind) {
    case 'NOTE':
      return noteOf(hundredths!);
    case 'ABS':
      return ABS;
    case 'AJ':
      return AJ;
    case 'DI':
      return DI;
    default:
      return undefined;
  }
}

function controleFromRow(kind: string, hundredths: number | null): ControleGradeValue {
  return kind === 'ABS' ? { kind: 'ABS' } : { kind: 'NOTE', hundredths: hundredths! };
}

/** between a leaf code and its value, and between grades: control characters, never in a code */
const UNIT_SEP = PACK_UNIT_SEP;
const RECORD_SEP = PACK_RECORD_SEP;

/**
 * Leaf codes seen so far, by a hash of their characters: a code is read from the text without making a
 * new string each time (millions of grades, a few hundred distinct codes), and the record's keys are
 * the same strings for every candidate.
 */
const CODES = new Map<number, string>();
const MAX_CODES = 10_000;

function codeAt(text: string, start: number, end: number): string {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const known = CODES.get(h);
  if (known !== undefined && known.length === end - start && text.startsWith(known, start)) return known;
  const code = text.slice(start, end);
  if (known === undefined && CODES.size < MAX_CODES) CODES.set(h, code);
  return code;
}

/** Decodes the aggregated grades of one candidate into the engine's record. */
export function decodeGrades(text: string | null): Record<string, GradeValue | undefined> {
  const grades: Record<string, GradeValue | undefined> = {};
  if (!text) return grades;
  let start = 0;
  const end = text.length;
  while (start < end) {
    let stop = text.indexOf(RECORD_SEP, start);
    if (stop < 0) stop = end;
    const sep = text.lastIndexOf(UNIT_SEP, stop - 1);
    const code = codeAt(text, start, sep);
    const first = sep + 1 < stop ? text.charCodeAt(sep + 1) : -1;
    let value: GradeValue | undefined;
    if (first >= 48 && first <= 57) {
      let h = 0;
      for (let i = sep + 1; i < stop; i++) h = h * 10 + (text.charCodeAt(i) - 48);
      value = noteOf(h);
    } else if (first === 65) value = ABS;
    else if (first === 74) value = AJ;
    else if (first === 68) value = DI;
    grades[code] = value;
    start = stop + 1;
  }
  return grades;
}

/** A candidate as read: id, numéro candidat, numéro d'inscription, jury, packed grades (null: none). */
type CandRow = [number, string, string, string, string | null];

interface RawChunk {
  /** arrays, not objects: 200 000 rows for the whole session */
  readonly cands: CandRow[];
  readonly choices: { candidate_id: number; epreuve_1: string; epreuve_2: string }[];
  readonly cgrades: { candidate_id: number; epreuve_code: string; kind: string; hundredths: number | null }[];
}

/** A contrôle grade as text: its kind, then its hundredths (empty when null). */
const controleText = sql<string>`kind || ${UNIT_SEP} || coalesce(CAST(hundredths AS TEXT), '')`;

/**
 * The next `chunk` candidates of a scope (a jury, some candidates) with their grades, choices and
 * contrôle grades in one query: a request of the jury portal makes one round trip to the database
 * instead of four (on PostgreSQL, each round trip costs a context switch on a busy machine).
 * Per-candidate subqueries use the (candidate_id, …) primary keys.
 */
async function fetchScopedChunk(db: Db, scope: CandidateScope, after: number, chunk: number): Promise<RawChunk | null> {
  let q = db
    .selectFrom('candidate as c')
    .select((eb) => [
      'c.id', 'c.numero_candidat', 'c.numero_inscription', 'c.jury_code',
      eb.selectFrom('candidate_grades').select('packed').whereRef('candidate_grades.candidate_id', '=', 'c.id').as('grades'),
      eb.selectFrom('controle_choice').select(sql<string>`epreuve_1 || ${UNIT_SEP} || epreuve_2`.as('t')).whereRef('controle_choice.candidate_id', '=', 'c.id').as('choice'),
      eb.selectFrom('controle_grade').select(sql<string>`string_agg(epreuve_code || ${UNIT_SEP} || ${controleText}, ${RECORD_SEP})`.as('t'))
        .whereRef('controle_grade.candidate_id', '=', 'c.id').as('cgrades'),
    ])
    .where('c.id', '>', after)
    .orderBy('c.id')
    .limit(chunk);
  if (scope.juryCodes) q = q.where('c.jury_code', 'in', [...scope.juryCodes]);
  if (scope.candidateIds) q = q.where('c.id', 'in', [...scope.candidateIds]);
  if (scope.lastId !== undefined) q = q.where('c.id', '<=', scope.lastId);
  const rows = await q.execute();
  if (rows.length === 0) return null;
  const choices: RawChunk['choices'][number][] = [];
  const cgrades: RawChunk['cgrades'][number][] = [];
  for (const r of rows) {
    if (r.choice !== null) {
      const [epreuve_1, epreuve_2] = r.choice.split(UNIT_SEP) as [string, string];
      choices.push({ candidate_id: r.id, epreuve_1, epreuve_2 });
    }
    if (r.cgrades) {
      for (const g of r.cgrades.split(RECORD_SEP)) {
        const [epreuve_code, kind, h] = g.split(UNIT_SEP) as [string, string, string];
        cgrades.push({ candidate_id: r.id, epreuve_code, kind, hundredths: h === '' ? null : Number(h) });
      }
    }
  }
  return { cands: rows.map((r): CandRow => [r.id, r.numero_candidat, r.numero_inscription, r.jury_code, r.grades]), choices, cgrades };
}

/** The rows of the next `chunk` candidates after id `after` (null when there are none). */
async function fetchChunk(db: Db, scope: CandidateScope, after: number, chunk: number): Promise<RawChunk | null> {
  if (scope.juryCodes || scope.candidateIds) return fetchScopedChunk(db, scope, after, chunk);
  // The whole session: a range of ids, each candidate with its packed grades (one row each), then the
  // few contrôle rows of the same range.
  let cq = db
    .selectFrom('candidate as c')
    // the range repeated on the packed rows: PostgreSQL's merge join otherwise scans them from the
    // first id at each chunk (it does not carry c.id > after over to p.candidate_id)
    .leftJoin('candidate_grades as p', (j) => j.onRef('p.candidate_id', '=', 'c.id').on('p.candidate_id', '>', after))
    .select(['c.id', 'c.numero_candidat', 'c.numero_inscription', 'c.jury_code', 'p.packed as grades'])
    .where('c.id', '>', after);
  if (scope.lastId !== undefined) cq = cq.where('c.id', '<=', scope.lastId);
  cq = cq.orderBy('c.id').limit(chunk);
  // rows as arrays when the connection can give them (outside a transaction): no object per row
  const arrays = arrayRowsOf(db);
  let cands: CandRow[];
  if (arrays) {
    const compiled = cq.compile();
    cands = (await arrays.all(compiled.sql, compiled.parameters)) as CandRow[];
  } else {
    cands = (await cq.execute()).map((r): CandRow => [r.id, r.numero_candidat, r.numero_inscription, r.jury_code, r.grades]);
  }
  if (cands.length === 0) return null;
  const first = cands[0]![0];
  const last = cands[cands.length - 1]![0];
  // Contiguous id ranges use the primary-key range; ids with large gaps use the id list.
  const dense = last - first + 1 <= cands.length * 2;
  const ids = cands.map((c) => c[0]);
  const chq = db.selectFrom('controle_choice').select(['candidate_id', 'epreuve_1', 'epreuve_2']);
  const cgq = db.selectFrom('controle_grade').select(['candidate_id', 'epreuve_code', 'kind', 'hundredths']);
  const [choices, cgrades] = await Promise.all([
    (dense ? chq.where('candidate_id', '>=', first).where('candidate_id', '<=', last) : chq.where('candidate_id', 'in', ids)).execute(),
    (dense ? cgq.where('candidate_id', '>=', first).where('candidate_id', '<=', last) : cgq.where('candidate_id', 'in', ids)).execute(),
  ]);
  return { cands, choices, cgrades };
}

/** most candidates have no contrôle grade: one shared empty record */
const NO_CONTROLE_GRADES: Readonly<Record<string, ControleGradeValue | undefined>> = Object.freeze({});

function toInputs({ cands, choices, cgrades }: RawChunk): LoadedCandidate[] {
  const choiceOf = new Map<number, [string, string]>();
  for (const ch of choices) choiceOf.set(ch.candidate_id, [ch.epreuve_1, ch.epreuve_2]);
  const controleOf = new Map<number, Record<string, ControleGradeValue | undefined>>();
  for (const g of cgrades) {
    let cg = controleOf.get(g.candidate_id);
    if (!cg) controleOf.set(g.candidate_id, (cg = {}));
    cg[g.epreuve_code] = controleFromRow(g.kind, g.hundredths);
  }
  const out: LoadedCandidate[] = new Array<LoadedCandidate>(cands.length);
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const id = c[0];
    out[i] = {
      candidate: { id, numeroCandidat: c[1], numeroInscription: c[2], juryCode: c[3] },
      input: { grades: decodeGrades(c[4]), controleChoices: choiceOf.get(id) ?? null, controleGrades: controleOf.get(id) ?? NO_CONTROLE_GRADES },
    };
  }
  return out;
}

/**
 * Yields chunks of candidates (ordered by id) with their engine inputs. Outside a transaction the
 * next chunk is already being read while the caller works on this one (PostgreSQL answers on
 * another core meanwhile); in a transaction, reads wait for the caller (one connection).
 */
export async function* loadCandidateInputs(db: Db, scope: CandidateScope = {}): AsyncGenerator<LoadedCandidate[]> {
  const chunk = scope.chunk ?? 5000;
  if (scope.juryCodes?.length === 0 || scope.candidateIds?.length === 0) return;
  const ahead = !db.isTransaction;
  let next: Promise<RawChunk | null> | null = fetchChunk(db, scope, scope.afterId ?? 0, chunk);
  while (next) {
    const raw: RawChunk | null = await next;
    if (!raw) return;
    const more = raw.cands.length === chunk;
    const after = raw.cands[raw.cands.length - 1]![0];
    next = null;
    if (more && ahead) {
      next = fetchChunk(db, scope, after, chunk);
      next.catch(() => undefined); // an error is thrown by the await above, at the next turn
    }
    yield toInputs(raw);
    if (more && !ahead) next = fetchChunk(db, scope, after, chunk);
  }
}

/**
 * Splits the session into ranges of `size` candidates (by id): the last id of each full range, in
 * order. Range i is (edges[i-1], edges[i]] with edges[-1] = 0; the candidates after the last edge
 * form the final range (fewer than `size`, possibly none).
 */
export async function candidateIdEdges(db: Db, size: number): Promise<number[]> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`taille de tranche invalide : ${size}`);
  const rows = await db
    .selectFrom(db.selectFrom('candidate').select(['id', sql<number>`row_number() over (order by id)`.as('rn')]).where('id', '>', 0).as('c'))
    .select('c.id')
    .where(sql<boolean>`c.rn % ${size} = 0`)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => r.id);
}
