// Snapshots of the result lists (affichage) and of the PV de tenue de délibération. Display lists
// never carry a candidate on liste rouge or présumé fraudeur; the PV carries every candidate, its
// "notes modifiées" are the journal's grade modifications of that jury and group, and it prints the
// journal's anchor (with a warning when the journal does not verify).
import type { Db } from '../../../db/connect.js';
import { describeProblem, formatAnchor, journalHead, verifyJournal, type JournalHead } from '../../../db/repositories/journal.js';
import { describeDifference, verifyJournalData } from '../../journal/data-ledger.js';
import type { JuryView } from '../../../db/repositories/juries.js';
import type {
  Etablissement, GradeChangeRow, PvSignataire, JournalSeal, PvCandidateRow, PvTenueModel, ResultListKind, ResultListModel, ResultRow,
} from '../../../documents/model.js';
import type { Group } from '../../../domain/index.js';
import type { CandidateResult } from '../../../domain/rules/result.js';
import { DECISION_LABELS, type GradeValue } from '../../../domain/types.js';
import { frenchDate, localMinute } from '../../../jobs/local-time.js';
import { formatDateTime } from '../../juries/present-jury.js';
import { AppError } from '../../../errors/app-error.js';
import type { CentreEpreuveList } from '../catalog.js';
import { epreuveLabels, listEditionCandidates, listGradeChanges, type EditionCandidate, type GradeChangeEntry } from '../data/candidates.js';
import { centreOf, evaluateJuries, evaluationOf, juryRef, type EditionContext } from './context.js';

type Outcome = 'admis' | 'controle' | 'non-admis' | null;

/** Where a candidate stands for a group's lists (null: not on any list, e.g. still incomplete). */
export function outcomeOf(r: CandidateResult, group: Group): Outcome {
  if (group === 1) {
    const d = r.group1.decision;
    return d === 'ADMIS' ? 'admis' : d === 'CONTROLE' ? 'controle' : d === 'REFUSE' ? 'non-admis' : null;
  }
  if (r.group1.decision !== 'CONTROLE' || !r.group2) return null;
  return r.group2.decision === 'ADMIS' ? 'admis' : r.group2.decision === 'REFUSE' ? 'non-admis' : null;
}

const LABEL: Readonly<Record<Exclude<Outcome, null>, string>> = {
  admis: DECISION_LABELS.ADMIS,
  controle: DECISION_LABELS.CONTROLE,
  'non-admis': DECISION_LABELS.REFUSE,
};

export function resultListKind(list: CentreEpreuveList, group: Group): ResultListKind {
  if (group === 2) {
    if (list === 'controle') throw new AppError('VALIDATION', "La liste des admis à l'épreuve de contrôle n'existe qu'au 1er groupe.");
    return list === 'admis' ? 'admis2' : 'nonAdmis2';
  }
  return list === 'admis' ? 'admis1' : list === 'controle' ? 'controle1' : 'nonAdmis1';
}

/** The list of an edition kind ("resultats-admis" → admis). */
export function listOfKind(kind: string, list: CentreEpreuveList): CentreEpreuveList {
  if (kind === 'resultats-admis') return 'admis';
  if (kind === 'resultats-controle') return 'controle';
  if (kind === 'resultats-non-admis') return 'non-admis';
  return list;
}

const displayable = (c: EditionCandidate): boolean => !c.listeRouge && !c.presumeFraudeur;

function resultRow(c: EditionCandidate, outcome: Exclude<Outcome, null>): ResultRow {
  return { nom: c.nom, prenoms: c.prenoms, decision: LABEL[outcome], listeRouge: c.listeRouge, presumeFraudeur: c.presumeFraudeur };
}

/** A display list: per jury (centre de délibération) or per jury and centre d'épreuve. */
export async function loadResultList(ctx: EditionContext, list: CentreEpreuveList): Promise<ResultListModel> {
  const kind = resultListKind(list, ctx.group);
  const byEpreuve = ctx.kind === 'resultats-centre-epreuve';
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code), centreEpreuve: ctx.centreEpreuve });
  const evaluations = await evaluateJuries(ctx.db, ctx.session, ctx.juries);
  const groups: ResultListModel['groups'][number][] = [];
  for (const j of ctx.juries) {
    const selected = candidates.filter((c) => c.juryCode === j.code && displayable(c) && outcomeOf(evaluationOf(evaluations, c.id).result, ctx.group) === list);
    if (!byEpreuve) {
      groups.push({ jury: juryRef(j), centreKind: 'deliberation', centre: centreOf(j), rows: selected.map((c) => resultRow(c, list)) });
      continue;
    }
    const centres = new Map<string, { centre: Etablissement; rows: ResultRow[] }>();
    for (const c of selected) {
      const centre = c.centreEpreuve ?? { uai: '', libelle: "Centre d'épreuve inconnu", ville: '' };
      const g = centres.get(centre.uai) ?? { centre, rows: [] };
      g.rows.push(resultRow(c, list));
      centres.set(centre.uai, g);
    }
    for (const g of [...centres.values()].sort((a, b) => a.centre.uai.localeCompare(b.centre.uai))) {
      groups.push({ jury: juryRef(j), centreKind: 'epreuve', centre: g.centre, rows: g.rows });
    }
  }
  return { header: ctx.header, kind, groups };
}

// ---- PV de tenue -------------------------------------------------------------------------------

/** "DUBOIS Pierre" -> "Dubois Pierre" (the memo's signature line). */
export function personName(name: string): string {
  return name.split(/(\s+|-)/).map((w) => (/^[\p{Lu}]{2,}$/u.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w)).join('');
}

function gradeOf(v: unknown): GradeValue | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const s = v.trim().toUpperCase();
    if (s === 'ABS' || s === 'AJ' || s === 'DI') return { kind: s };
    const n = Number(s.replace(',', '.'));
    return Number.isFinite(n) && s !== '' ? { kind: 'NOTE', hundredths: Math.round(n * 100) } : null;
  }
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  for (const key of ['grade', 'note', 'value', 'valeur']) if (key in o && o[key] !== undefined) return gradeOf(o[key]);
  if (o.kind === 'NOTE' && typeof o.hundredths === 'number') return { kind: 'NOTE', hundredths: o.hundredths };
  if (o.kind === 'ABS' || o.kind === 'AJ' || o.kind === 'DI') return { kind: o.kind };
  return null;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return null;
  }
}

export interface ParsedGradeChange {
  readonly candidateId: number | null;
  readonly epreuve: string;
  readonly group: Group;
  readonly before: GradeValue | null;
  readonly after: GradeValue | null;
}

/**
 * A journal grade modification (NOTE_MODIFIEE, src/features/deliberation/change-grade.ts): subject
 * "grade:<candidate>:<épreuve>" or "controle_grade:<candidate>:<unit>", before/after {note: "12,5"}
 * (or {kind, hundredths}), the group in after.groupe.
 */
export function parseGradeChange(e: GradeChangeEntry): ParsedGradeChange {
  const before = parse(e.beforeJson);
  const after = parse(e.afterJson);
  const parts = e.subject.split(':');
  const fromSubject = parts.length >= 3 ? Number(parts[1]) : NaN;
  const g = Number(after?.groupe ?? after?.group ?? before?.groupe ?? before?.group ?? (/controle/i.test(parts[0] ?? '') ? 2 : 1));
  const epreuve = String(after?.epreuve ?? after?.epreuveCode ?? before?.epreuve ?? parts[2] ?? '');
  return {
    candidateId: e.candidateId ?? (Number.isInteger(fromSubject) ? fromSubject : null),
    epreuve,
    group: g === 2 ? 2 : 1,
    before: gradeOf(before),
    after: gradeOf(after),
  };
}

/** The journal action codes of grade modifications in deliberation. */
export const GRADE_CHANGE_ACTIONS = ['NOTE_MODIFIEE'] as const;

function memberLabel(jury: JuryView, name: string): string {
  const n = name.trim().toLowerCase();
  if (n === jury.president.trim().toLowerCase()) return `${name} (président)`;
  if (n === jury.vicePresident.trim().toLowerCase()) return `${name} (vice-président)`;
  return name;
}

/**
 * Who signs the PV (memo §4.2): the member(s) who modified grades in this group — président first —,
 * the président when nobody did.
 */
export function pvSignataires(jury: Pick<JuryView, 'president' | 'vicePresident'>, authors: readonly string[]): PvSignataire[] {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const president = { name: personName(jury.president), role: 'president' } as const;
  const vice = { name: personName(jury.vicePresident), role: 'vice_president' } as const;
  const out: PvSignataire[] = [];
  if (authors.some((a) => same(a, jury.president))) out.push(president);
  if (jury.vicePresident.trim() && authors.some((a) => same(a, jury.vicePresident))) out.push(vice);
  return out.length ? out : [president];
}

interface GradeChanges {
  readonly rows: GradeChangeRow[];
  /** the authors' names, as journaled */
  readonly authors: string[];
}

async function gradeChanges(ctx: EditionContext, jury: JuryView, candidates: ReadonlyMap<number, EditionCandidate>): Promise<GradeChanges> {
  const entries = await listGradeChanges(ctx.db, jury.code, GRADE_CHANGE_ACTIONS);
  const labels = (await epreuveLabels(ctx.db, [jury.specialiteCode])).get(jury.specialiteCode) ?? new Map<string, string>();
  const rows: GradeChangeRow[] = [];
  const authors: string[] = [];
  for (const e of entries) {
    const p = parseGradeChange(e);
    if (p.group !== ctx.group) continue;
    authors.push(e.actorName);
    const c = p.candidateId === null ? undefined : candidates.get(p.candidateId);
    rows.push({
      numeroCandidat: c?.numeroCandidat ?? '',
      numeroInscription: c?.numeroInscription ?? '',
      nom: c?.nom ?? '',
      prenoms: c?.prenoms ?? '',
      epreuve: `${p.epreuve} ${labels.get(p.epreuve) ?? ''}`.trim(),
      ancienneNote: p.before,
      nouvelleNote: p.after,
      modifiePar: memberLabel(jury, e.actorName),
      date: localMinute(new Date(e.at)),
    });
  }
  return { rows, authors };
}

/** The session anchor printed on the PVs of one edition (recorded: `--anchor` finds its heads). */
export async function loadSessionAnchor(db: Db): Promise<JournalHead | null> {
  return journalHead(db);
}

/**
 * The journal's seal for one jury's PV (ADR 0013): the jury's chain verified up to the session
 * anchor printed and beyond, then its data replayed from the journal and compared with the tables.
 * Any problem or difference is listed: the PV then says why it is not "vérifié".
 */
export async function loadJournalSeal(db: Db, juryCode: string, head: JournalHead | null): Promise<JournalSeal> {
  const { problems } = await verifyJournal(db, head ? { expected: head, chains: [juryCode] } : { chains: [juryCode] });
  const { differences } = await verifyJournalData(db, { juries: [juryCode] });
  return {
    anchor: head ? formatAnchor(head) : null,
    problems: [...problems.map(describeProblem), ...differences.map((d) => `donnée modifiée hors journal : ${describeDifference(d)}`)],
  };
}

/** The PV of one jury: every candidate (flagged ones included), the grade modifications, the journal's seal. */
export async function loadPvTenue(ctx: EditionContext, jury: JuryView, seal?: JournalSeal): Promise<PvTenueModel> {
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: [jury.code] });
  const evaluations = await evaluateJuries(ctx.db, ctx.session, [jury]);
  const parts: Record<Exclude<Outcome, null>, PvCandidateRow[]> = { admis: [], controle: [], 'non-admis': [] };
  for (const c of candidates) {
    const o = outcomeOf(evaluationOf(evaluations, c.id).result, ctx.group);
    if (o) parts[o].push({ numeroCandidat: c.numeroCandidat, numeroInscription: c.numeroInscription, nom: c.nom, prenoms: c.prenoms, decision: LABEL[o] });
  }
  const date = ctx.group === 1 ? jury.debutDeliberation : jury.finDeliberation;
  const changes = await gradeChanges(ctx, jury, new Map(candidates.map((c) => [c.id, c])));
  return {
    header: ctx.header,
    group: ctx.group,
    jury: juryRef(jury),
    dateDeliberation: formatDateTime(date) ?? '',
    centre: centreOf(jury),
    signataires: pvSignataires(jury, changes.authors),
    signature: { lieu: jury.centreVille, date: frenchDate(ctx.now) },
    admis: parts.admis,
    controle: ctx.group === 1 ? parts.controle : [],
    modifications: changes.rows,
    nonAdmis: parts['non-admis'],
    journal: seal ?? (await loadJournalSeal(ctx.db, jury.code, await loadSessionAnchor(ctx.db))),
  };
}
