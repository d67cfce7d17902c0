// The journal accounts for the data (issue #13 point 2, ADR 0013). Each import journals, in each
// jury's chain, a canonical snapshot of what it wrote for that jury (IMPORT_JURY: state, candidates'
// flags, grades and bénéfices, 2nd-group choices and grades); every later change is journaled with
// its after-value. Replaying a jury's chain from its last snapshot therefore gives what its data
// must be; verifyJournalData compares that with the tables and names each difference (table, jury,
// candidate, field, expected, found). The snapshot is inside the chain, so it is covered by the
// chain's hashes (and by the key, ADR 0013) like any entry.
import type { Db } from '../../db/connect.js';
import { appendJournal, type JournalEntryInput } from '../../db/repositories/journal.js';
import { decodeGrades, gradeFromRow } from '../../db/repositories/candidate-inputs.js';
import { formatGrade, parseGrade } from '../../domain/grades.js';

export const SNAPSHOT_ACTION = 'IMPORT_JURY';
export const SNAPSHOT_FORMAT = 1;

/** Actions whose after.note sets a grade in force (subject grade:<id>:<épreuve> or controle_grade:<id>:<épreuve>). */
const GRADE_ACTIONS = new Set([
  'NOTE_MODIFIEE', 'NOTE_CONTROLE_SAISIE', 'NOTE_CONTROLE_DOUBLE_SAISIE_CONCORDANTE', 'NOTE_CONTROLE_DISCORDANCE_RESOLUE',
  'NOTE_CONTROLE_MISE_EN_DOUBLE_SAISIE', 'CORRECTION_ACADEMIE',
]);
/** Actions whose after.etat sets the jury's state. */
const STATE_ACTIONS = new Set(['JURY_TRANSITION', 'JURY_ETAT_EXCEPTIONNEL', 'JURY_ETAT']);
const CHOICE_ACTION = 'CHOIX_CONTROLE_SAISI';
const REPLAYED = [SNAPSHOT_ACTION, CHOICE_ACTION, ...GRADE_ACTIONS, ...STATE_ACTIONS];

interface CandidateData {
  numero: string;
  listeRouge: number;
  presumeFraudeur: number;
  /** épreuve → [note, bénéfice]; a missing grade has no key */
  grades: Map<string, [string, string | null]>;
  choice: [string, string] | null;
  /** épreuve → note in force */
  controle: Map<string, string>;
  /** épreuve → note, as packed in candidate_grades (what the results read: ADR 0021) */
  packed: Map<string, string>;
}

interface JuryData {
  etat: string | null; // null: no such jury
  candidates: Map<number, CandidateData>;
}

/** The snapshot as journaled: [id, numéro, liste rouge, présumé fraudeur, [[épreuve, note, bénéfice]], choix, [[épreuve, note]]]. */
type SnapshotCandidate = [number, string, number, number, [string, string, string | null][], [string, string] | null, [string, string][]];
interface Snapshot {
  format: number;
  etat: string;
  candidats: SnapshotCandidate[];
}

const BATCH = 250;

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function gradeText(kind: string | null, hundredths: number | null): string {
  return formatGrade(gradeFromRow(kind, hundredths));
}

/** A journaled note ("9,34", "ABS", null) in the form the tables give ('' for none). */
function noteText(note: unknown): string {
  if (note === null || note === undefined || note === '') return '';
  const text = String(note);
  const parsed = parseGrade(text);
  return parsed.ok ? formatGrade(parsed.value) : text;
}

/** The data of these juries as stored, read in a few queries. */
async function readJuries(db: Db, codes: readonly string[]): Promise<Map<string, JuryData>> {
  const out = new Map<string, JuryData>(codes.map((c) => [c, { etat: null, candidates: new Map() }]));
  if (codes.length === 0) return out;
  const list = [...codes];
  for (const j of await db.selectFrom('jury').select(['code', 'etat']).where('code', 'in', list).execute()) out.get(j.code)!.etat = j.etat;
  const juryOf = new Map<number, CandidateData>();
  const candidates = await db.selectFrom('candidate')
    .select(['id', 'jury_code', 'numero_candidat', 'liste_rouge', 'presume_fraudeur']).where('jury_code', 'in', list).execute();
  for (const c of candidates) {
    const data: CandidateData = {
      numero: c.numero_candidat, listeRouge: Number(c.liste_rouge), presumeFraudeur: Number(c.presume_fraudeur),
      grades: new Map(), choice: null, controle: new Map(), packed: new Map(),
    };
    out.get(c.jury_code)!.candidates.set(c.id, data);
    juryOf.set(c.id, data);
  }
  const grades = await db.selectFrom('grade').innerJoin('candidate', 'candidate.id', 'grade.candidate_id')
    .select(['grade.candidate_id', 'grade.epreuve_code', 'grade.kind', 'grade.hundredths', 'grade.benefice'])
    .where('candidate.jury_code', 'in', list).execute();
  for (const g of grades) {
    const note = gradeText(g.kind, g.hundredths);
    if (note !== '' || g.benefice !== null) juryOf.get(g.candidate_id)?.grades.set(g.epreuve_code, [note, g.benefice]);
  }
  const packed = await db.selectFrom('candidate_grades').innerJoin('candidate', 'candidate.id', 'candidate_grades.candidate_id')
    .select(['candidate_grades.candidate_id', 'candidate_grades.packed']).where('candidate.jury_code', 'in', list).execute();
  for (const p of packed) {
    const data = juryOf.get(p.candidate_id);
    if (!data) continue;
    for (const [ep, value] of Object.entries(decodeGrades(p.packed))) {
      const note = formatGrade(value);
      if (note !== '') data.packed.set(ep, note);
    }
  }
  const choices = await db.selectFrom('controle_choice').innerJoin('candidate', 'candidate.id', 'controle_choice.candidate_id')
    .select(['controle_choice.candidate_id', 'controle_choice.epreuve_1', 'controle_choice.epreuve_2'])
    .where('candidate.jury_code', 'in', list).execute();
  for (const c of choices) {
    const data = juryOf.get(c.candidate_id);
    if (data) data.choice = [c.epreuve_1, c.epreuve_2];
  }
  const controle = await db.selectFrom('controle_grade').innerJoin('candidate', 'candidate.id', 'controle_grade.candidate_id')
    .select(['controle_grade.candidate_id', 'controle_grade.epreuve_code', 'controle_grade.kind', 'controle_grade.hundredths'])
    .where('candidate.jury_code', 'in', list).execute();
  for (const g of controle) {
    const note = gradeText(g.kind, g.hundredths);
    if (note !== '') juryOf.get(g.candidate_id)?.controle.set(g.epreuve_code, note);
  }
  return out;
}

function toSnapshot(j: JuryData): Snapshot {
  const ids = [...j.candidates.keys()].sort((a, b) => a - b);
  return {
    format: SNAPSHOT_FORMAT,
    etat: j.etat ?? '',
    candidats: ids.map((id) => {
      const c = j.candidates.get(id)!;
      const grades = [...c.grades].sort(([a], [b]) => byCodeUnits(a, b)).map(([e, [note, benefice]]) => [e, note, benefice] as [string, string, string | null]);
      const controle = [...c.controle].sort(([a], [b]) => byCodeUnits(a, b)) as [string, string][];
      return [id, c.numero, c.listeRouge, c.presumeFraudeur, grades, c.choice, controle];
    }),
  };
}

function fromSnapshot(s: Snapshot): JuryData {
  const candidates = new Map<number, CandidateData>();
  for (const [id, numero, listeRouge, presumeFraudeur, grades, choice, controle] of s.candidats) {
    candidates.set(id, {
      numero, listeRouge, presumeFraudeur,
      grades: new Map(grades.map(([e, note, benefice]) => [e, [note, benefice]])),
      choice, controle: new Map(controle), packed: new Map(),
    });
  }
  return { etat: s.etat, candidates };
}

/**
 * Journals, in each jury's chain, the canonical snapshot of its data as it now is in the
 * transaction: the import calls it for the juries it wrote, after writing them. The snapshot is the
 * starting point from which `delib journal verify` replays the jury's changes.
 */
export async function journalJurySnapshots(trx: Db, actor: JournalEntryInput['actor'], at: Date, juryCodes: readonly string[]): Promise<void> {
  const codes = [...new Set(juryCodes)].sort(byCodeUnits);
  for (let i = 0; i < codes.length; i += BATCH) {
    const data = await readJuries(trx, codes.slice(i, i + BATCH));
    const entries: JournalEntryInput[] = [];
    for (const [code, j] of data) {
      if (j.etat === null) continue;
      entries.push({ at, actor, action: SNAPSHOT_ACTION, juryCode: code, subject: `jury:${code}`, after: toSnapshot(j) });
    }
    await appendJournal(trx, entries);
  }
}

interface ReplayEntry {
  chain: string;
  action: string;
  subject: string;
  after_json: string | null;
}

type Replayed = { data: JuryData } | { data: null };

/** Each jury's data as its chain says it must be: the last snapshot, then the changes after it. */
async function replayJuries(db: Db, codes: readonly string[]): Promise<Map<string, Replayed>> {
  const out = new Map<string, Replayed>(codes.map((c) => [c, { data: null }]));
  const rows: ReplayEntry[] = await db.selectFrom('journal').select(['chain', 'action', 'subject', 'after_json'])
    .where('chain', 'in', [...codes]).where('action', 'in', REPLAYED).orderBy('chain').orderBy('seq').execute();
  for (const r of rows) {
    const slot = out.get(r.chain)!;
    let after: Record<string, unknown> | null = null;
    try {
      after = r.after_json === null ? null : (JSON.parse(r.after_json) as Record<string, unknown>);
    } catch {
      after = null;
    }
    if (r.action === SNAPSHOT_ACTION) {
      slot.data = after && (after as unknown as Snapshot).format === SNAPSHOT_FORMAT ? fromSnapshot(after as unknown as Snapshot) : null;
      continue;
    }
    const data = slot.data;
    if (!data) continue;
    if (STATE_ACTIONS.has(r.action)) {
      if (after && typeof after.etat === 'string') data.etat = after.etat;
      continue;
    }
    const [table, id, epreuve] = r.subject.split(':');
    const c = data.candidates.get(Number(id));
    if (!c) continue;
    if (r.action === CHOICE_ACTION && table === 'controle_choice') {
      c.choice = after && typeof after.epreuve1 === 'string' && typeof after.epreuve2 === 'string' ? [after.epreuve1, after.epreuve2] : null;
    } else if (GRADE_ACTIONS.has(r.action) && epreuve && after && 'note' in after) {
      const note = noteText(after.note);
      if (table === 'grade') {
        // a grade change keeps the bénéfice (a bénéfice is never changed by a jury); a correction sets both
        const benefice = r.action === 'CORRECTION_ACADEMIE' ? ((after.benefice as string | undefined) ?? null) : (c.grades.get(epreuve)?.[1] ?? null);
        if (note === '' && benefice === null) c.grades.delete(epreuve);
        else c.grades.set(epreuve, [note, benefice]);
      } else if (table === 'controle_grade') {
        if (note === '') c.controle.delete(epreuve);
        else c.controle.set(epreuve, note);
      }
    }
  }
  return out;
}

/** One difference between what the journal accounts for and what the tables hold. */
export interface DataDifference {
  readonly table: 'jury' | 'candidate' | 'grade' | 'candidate_grades' | 'controle_choice' | 'controle_grade';
  readonly jury: string;
  readonly candidateId: number | null;
  /** numéro candidat, as imported */
  readonly numero: string | null;
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

const NONE = '(aucune)';
const show = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? NONE : v);

function compareJury(code: string, expected: JuryData, found: JuryData, out: DataDifference[]): void {
  const d = (table: DataDifference['table'], candidateId: number | null, numero: string | null, field: string, e: string, f: string) => {
    out.push({ table, jury: code, candidateId, numero, field, expected: e, found: f });
  };
  if (found.etat === null) {
    d('jury', null, null, 'jury', 'présent', 'absent de la table jury');
    return;
  }
  if (expected.etat !== found.etat) d('jury', null, null, 'etat', show(expected.etat), show(found.etat));
  for (const [id, e] of expected.candidates) {
    const f = found.candidates.get(id);
    if (!f) {
      d('candidate', id, e.numero, 'jury', code, 'absent du jury');
      continue;
    }
    if (e.listeRouge !== f.listeRouge) d('candidate', id, e.numero, 'liste_rouge', String(e.listeRouge), String(f.listeRouge));
    if (e.presumeFraudeur !== f.presumeFraudeur) d('candidate', id, e.numero, 'presume_fraudeur', String(e.presumeFraudeur), String(f.presumeFraudeur));
    for (const ep of [...new Set([...e.grades.keys(), ...f.grades.keys()])].sort(byCodeUnits)) {
      const [en, eb] = e.grades.get(ep) ?? ['', null];
      const [fn, fb] = f.grades.get(ep) ?? ['', null];
      if (en !== fn) d('grade', id, e.numero, `note ${ep}`, show(en), f.grades.has(ep) ? show(fn) : `${NONE} (ligne absente)`);
      if (eb !== fb) d('grade', id, e.numero, `bénéfice ${ep}`, show(eb), show(fb));
    }
    const ec = e.choice ? e.choice.join(' + ') : '';
    const fc = f.choice ? f.choice.join(' + ') : '';
    if (ec !== fc) d('controle_choice', id, e.numero, 'choix des épreuves', show(ec), show(fc));
    for (const ep of [...new Set([...e.controle.keys(), ...f.controle.keys()])].sort(byCodeUnits)) {
      const en = e.controle.get(ep) ?? '';
      const fn = f.controle.get(ep) ?? '';
      if (en !== fn) d('controle_grade', id, e.numero, `note ${ep}`, show(en), show(fn));
    }
  }
  for (const [id, f] of found.candidates) {
    if (!expected.candidates.has(id)) d('candidate', id, f.numero, 'jury', 'absent du jury', code);
  }
}

/**
 * The packed grades (what the results read) against the grade rows of the same database: the
 * triggers keep them equal (ADR 0021), so a difference is an edit that went round them.
 */
function comparePacked(code: string, found: JuryData, out: DataDifference[]): void {
  for (const [id, f] of found.candidates) {
    const notes = new Map<string, string>();
    for (const [ep, [note]] of f.grades) if (note !== '') notes.set(ep, note);
    for (const ep of [...new Set([...notes.keys(), ...f.packed.keys()])].sort(byCodeUnits)) {
      const e = notes.get(ep) ?? '';
      const p = f.packed.get(ep) ?? '';
      if (e !== p) {
        out.push({ table: 'candidate_grades', jury: code, candidateId: id, numero: f.numero, field: `note ${ep} (notes regroupées lues par les résultats)`, expected: show(e), found: show(p) });
      }
    }
  }
}

export interface DataReport {
  readonly juries: number;
  readonly differences: DataDifference[];
}

/**
 * Replays each jury's chain (every jury, or those asked) and compares the result with the tables:
 * jury state, candidates' flags, grades and bénéfices, 2nd-group choices and grades in force. A jury
 * whose chain holds no import snapshot is reported (its data is not accounted for).
 */
export async function verifyJournalData(db: Db, options: { juries?: readonly string[] } = {}): Promise<DataReport> {
  let codes: string[];
  if (options.juries) {
    codes = [...new Set(options.juries)];
  } else {
    const inTable = (await db.selectFrom('jury').select('code').execute()).map((r) => r.code);
    const inJournal = (await db.selectFrom('journal_head').select('chain').where('chain', '<>', '').execute()).map((r) => r.chain);
    codes = [...new Set([...inTable, ...inJournal])];
  }
  codes.sort(byCodeUnits);
  const differences: DataDifference[] = [];
  for (let i = 0; i < codes.length; i += BATCH) {
    const batch = codes.slice(i, i + BATCH);
    const [expected, found] = await Promise.all([replayJuries(db, batch), readJuries(db, batch)]);
    for (const code of batch) {
      const e = expected.get(code)!.data;
      const f = found.get(code)!;
      comparePacked(code, f, differences);
      if (!e) {
        if (f.etat !== null || f.candidates.size > 0) {
          differences.push({ table: 'jury', jury: code, candidateId: null, numero: null, field: 'import', expected: 'données importées journalisées (IMPORT_JURY)', found: 'aucune dans la chaîne du jury : données non couvertes par le journal' });
        }
        continue;
      }
      compareJury(code, e, f, differences);
    }
  }
  return { juries: codes.length, differences };
}

/** "grade, jury 31310, candidat 12 (n° 02500000012), note U1 : attendu 9,00, trouvé 20,00" */
export function describeDifference(d: DataDifference): string {
  const who = d.candidateId === null ? '' : `, candidat ${d.candidateId}${d.numero ? ` (n° ${d.numero})` : ''}`;
  return `${d.table}, jury ${d.jury}${who}, ${d.field} : attendu ${d.expected}, trouvé ${d.found}`;
}

/** A short description of a snapshot entry for the journal screen. */
export function describeSnapshot(afterJson: string | null): string | null {
  try {
    const s = JSON.parse(afterJson ?? 'null') as Snapshot | null;
    if (!s || s.format !== SNAPSHOT_FORMAT) return null;
    const grades = s.candidats.reduce((n, c) => n + c[4].length + c[6].length, 0);
    return `état ${s.etat}, ${s.candidats.length} candidat(s), ${grades} note(s) importée(s)`;
  } catch {
    return null;
  }
}
