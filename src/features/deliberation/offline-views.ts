// The jury portal computed from the offline bundle (issue #9, ADR 0009): the candidate list, each
// PVI and the statistics, with the changes queued offline laid over the grades. Pure: the browser
// runs this module (imported through Vite), with the same rules engine (rulesFor → compile →
// evaluate) and the same presenters as the server's screens — nothing here is a copy.
import type { DeliberationCandidate } from '../../db/repositories/deliberation.js';
import type { StoredGrade } from '../../db/repositories/grades.js';
import { gradeEquals } from '../../domain/grades.js';
import { stateLabel, type Group } from '../../domain/jury-state.js';
import { rulesFor, type CandidateResult } from '../../domain/rules/index.js';
import type { CandidateInput, ControleGradeValue, GradeValue, JuryState, Ruleset } from '../../domain/types.js';
import { ACTING_MEMBER_REQUIRED, BENEFICE_LOCKED, parseChangeValue } from './grade-input.js';
import { presentCandidateList, presentRow } from './present-list.js';
import { presentPvi } from './present-pvi.js';
import type { CandidateListDto, GradeCellDto, JuryHeaderDto, PviDto, StatisticsDto } from './schemas.js';
import { presentStatistics, type OtherJuriesDecisions } from './statistics.js';

export interface OfflineCandidate {
  readonly candidate: DeliberationCandidate;
  /** at least one grade is a bénéfice (list flag) */
  readonly benefice: boolean;
  readonly input: CandidateInput;
  readonly leafGrades: readonly StoredGrade[];
  readonly controleGrades: readonly StoredGrade[];
}

/** What GET /api/deliberation/juries/:code/offline-bundle answers (offline-schemas.ts). */
export interface OfflineBundle {
  readonly format: 1;
  readonly generatedAt: string;
  readonly domaine: string;
  readonly jury: JuryHeaderDto;
  readonly ruleset: Ruleset;
  readonly candidates: readonly OfflineCandidate[];
  /** the other juries of the spécialité, as counted when the bundle was made (absent in older bundles) */
  readonly otherJuries?: OtherJuriesDecisions;
}

/** A change the jury made offline, waiting for the network (sent as OfflineChangeDto). */
export interface QueuedChange {
  readonly id: string;
  readonly candidateId: number;
  readonly group: Group;
  readonly epreuve: string;
  readonly value: string;
  /** the version of the grade the change was based on */
  readonly version: number;
  readonly comment?: string;
  readonly enteredAt: string;
  readonly expectedEtat: JuryState;
  /** the member who made it (shown until the server has it) */
  readonly memberName: string;
}

interface Evaluated {
  readonly c: OfflineCandidate;
  readonly input: CandidateInput;
  readonly result: CandidateResult;
}

function evaluateAll(b: OfflineBundle): Evaluated[] {
  const rules = rulesFor(b.domaine);
  const compiled = rules.compile(b.ruleset);
  return b.candidates.map((c) => ({ c, input: c.input, result: rules.evaluate(compiled, c.input) }));
}

export function offlineCandidateList(b: OfflineBundle): CandidateListDto {
  return presentCandidateList(b.jury, evaluateAll(b).map((e) => presentRow(e.c.candidate, e.result, e.c.benefice)));
}

export function offlineStatistics(b: OfflineBundle): StatisticsDto {
  return presentStatistics(b.jury, b.ruleset, evaluateAll(b), b.otherJuries);
}

/** The PVI of one candidate of the bundle, or null when he is not in it. */
export function offlinePvi(b: OfflineBundle, candidateId: number): PviDto | null {
  const c = b.candidates.find((x) => x.candidate.id === candidateId);
  if (!c) return null;
  const rules = rulesFor(b.domaine);
  const result = rules.evaluate(rules.compile(b.ruleset), c.input);
  return presentPvi({
    header: b.jury, candidate: c.candidate, ruleset: b.ruleset, input: c.input, result,
    leafGrades: c.leafGrades, controleGrades: c.controleGrades, rulesVersion: result.rulesVersion,
  });
}

function storedGrade(c: OfflineCandidate, group: Group, epreuve: string): StoredGrade {
  const found = (group === 1 ? c.leafGrades : c.controleGrades).find((g) => g.epreuveCode === epreuve);
  return found ?? { candidateId: c.candidate.id, epreuveCode: epreuve, value: undefined, benefice: null, original: null, version: 0, updatedAt: null, updatedBy: null };
}

/** The grade as written by the server's compare-and-set (grades.ts writeGradeIfUnchanged): next version, first value kept. */
function overlay(c: OfflineCandidate, ch: QueuedChange, value: GradeValue): OfflineCandidate {
  const cur = storedGrade(c, ch.group, ch.epreuve);
  const next: StoredGrade = {
    ...cur, value, version: cur.version + 1, updatedAt: ch.enteredAt, updatedBy: ch.memberName, original: cur.original ?? { value: cur.value },
  };
  const replace = (list: readonly StoredGrade[]) => [...list.filter((g) => g.epreuveCode !== ch.epreuve), next];
  if (ch.group === 1) {
    return { ...c, leafGrades: replace(c.leafGrades), input: { ...c.input, grades: { ...c.input.grades, [ch.epreuve]: value } } };
  }
  const controleGrades = { ...(c.input.controleGrades ?? {}), [ch.epreuve]: value as ControleGradeValue };
  return { ...c, controleGrades: replace(c.controleGrades), input: { ...c.input, controleGrades } };
}

/** The bundle with the queued changes applied in order (what the server will hold once they are sent). */
export function withChanges(b: OfflineBundle, changes: readonly QueuedChange[]): OfflineBundle {
  if (changes.length === 0) return b;
  const byId = new Map(b.candidates.map((c) => [c.candidate.id, c]));
  for (const ch of changes) {
    const c = byId.get(ch.candidateId);
    const parsed = parseChangeValue(ch.group, ch.value);
    if (c && parsed.ok) byId.set(c.candidate.id, overlay(c, ch, parsed.value));
  }
  return { ...b, candidates: b.candidates.map((c) => byId.get(c.candidate.id)!) };
}

export interface OfflineChangeRequest {
  readonly group: Group;
  readonly epreuve: string;
  readonly value: string;
  readonly version: number;
}

export type OfflineCheck =
  | { readonly ok: true; readonly unchanged: boolean }
  | { readonly ok: false; readonly message: string; readonly current?: GradeCellDto };

/**
 * The server's checks of a grade change (change-grade.ts), made on the bundle before a change is
 * queued: the state and the actions the server sent, the acting member, the value, the épreuve,
 * the version, a bénéfice. The server checks everything again when the change reaches it.
 */
export function checkOfflineChange(b: OfflineBundle, candidateId: number, r: OfflineChangeRequest): OfflineCheck {
  const c = b.candidates.find((x) => x.candidate.id === candidateId);
  if (!c) return { ok: false, message: 'Candidat introuvable.' };
  const a = b.jury.actions;
  if (!a.canModifyGrades || a.modifiableGroup !== r.group) {
    const what = r.group === 1 ? 'Les notes du 1er groupe' : 'Les notes des épreuves de contrôle';
    return { ok: false, message: `${what} ne peuvent pas être modifiées : le jury est à l'état ${stateLabel(b.jury.etat)}.` };
  }
  if (a.needsActingMember) return { ok: false, message: ACTING_MEMBER_REQUIRED };
  const parsed = parseChangeValue(r.group, r.value);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const exists = r.group === 1
    ? b.ruleset.units.some((u) => u.leaves.some((l) => l.code === r.epreuve))
    : (c.input.controleChoices ?? ([] as readonly string[])).includes(r.epreuve);
  if (!exists) return { ok: false, message: `L'épreuve « ${r.epreuve} » n'est pas modifiable pour ce candidat.` };
  const cur = storedGrade(c, r.group, r.epreuve);
  if (cur.version !== r.version) return { ok: false, message: 'Cette note a changé entre-temps : rouvrez le procès-verbal.' };
  if (cur.benefice !== null) return { ok: false, message: BENEFICE_LOCKED };
  return { ok: true, unchanged: gradeEquals(cur.value, parsed.value) };
}
