// Presenter: the procès-verbal individuel (PVI) on screen — every unit and sub-épreuve with its
// coefficient, grade and points, the totals and averages (truncated), the decision with the rule
// that gave it, the 2nd group, and for each grade whether this user may change it now (with the
// version to send back). Pure (type imports only outside src/domain): the browser runs it too, for
// the offline jury portal (offline-views.ts).
import type { DeliberationCandidate } from '../../db/repositories/deliberation.js';
import type { StoredGrade } from '../../db/repositories/grades.js';
import { isSingleLeaf, leafDetails, type CandidateResult, type UnitResult } from '../../domain/rules/index.js';
import type { Group } from '../../domain/jury-state.js';
import type { CandidateInput, Ruleset, UnitDef } from '../../domain/types.js';
import { coefText, decisionLabel, gradeText, ratText, unitGradeText } from './format.js';
import type { GradeCellDto, JuryHeaderDto, PviDto } from './schemas.js';

export interface PviSnapshot {
  readonly header: JuryHeaderDto;
  readonly candidate: DeliberationCandidate;
  readonly ruleset: Ruleset;
  readonly input: CandidateInput;
  readonly result: CandidateResult;
  readonly leafGrades: readonly StoredGrade[];
  readonly controleGrades: readonly StoredGrade[];
  readonly rulesVersion: string;
}

/** A grade without a value yet (version 0), as the concurrency check sees it. */
function noGrade(candidateId: number, epreuveCode: string): StoredGrade {
  return { candidateId, epreuveCode, value: undefined, benefice: null, original: null, version: 0, updatedAt: null, updatedBy: null };
}

/** One grade as sent to the screen, with its version and whether this user may change it. */
export function presentCell(group: Group, code: string, stored: StoredGrade, editable: boolean): GradeCellDto {
  return {
    group,
    epreuve: code,
    value: gradeText(stored.value),
    version: stored.version,
    editable,
    original: stored.original ? gradeText(stored.original.value) : null,
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt,
    benefice: stored.benefice,
  };
}

/** The grades this user may change now, by group (a bénéfice is never changed). */
function editableIn(header: JuryHeaderDto, group: Group): boolean {
  return header.actions.canModifyGrades && header.actions.modifiableGroup === group && !header.actions.needsActingMember;
}

function presentUnit(s: PviSnapshot, def: UnitDef, u: UnitResult, stored: ReadonlyMap<string, StoredGrade>): PviDto['units'][number] {
  const editable = editableIn(s.header, 1);
  const cellOf = (code: string) => {
    const g = stored.get(code) ?? noGrade(s.candidate.id, code);
    return presentCell(1, code, g, editable && g.benefice === null);
  };
  const single = isSingleLeaf(def);
  return {
    code: u.code,
    libelle: u.libelle,
    coef: coefText(u.coefCenti),
    domaine: u.domaine,
    facultative: u.facultative,
    controleEligible: u.controleEligible,
    grade: unitGradeText(u.grade),
    points: ratText(u.points),
    bonus: ratText(u.bonus),
    ects: u.ects,
    cell: single ? cellOf(def.code) : null,
    leaves: single
      ? []
      : leafDetails(def, s.input.grades).map((l) => ({ code: l.code, libelle: l.libelle, coef: coefText(l.coefCenti), points: ratText(l.points), cell: cellOf(l.code) })),
  };
}

function presentGroup2(s: PviSnapshot): PviDto['group2'] {
  const g2 = s.result.group2;
  if (!g2) return null;
  const stored = new Map(s.controleGrades.map((g) => [g.epreuveCode, g]));
  const editable = editableIn(s.header, 2);
  return {
    decision: g2.decision,
    decisionLabel: decisionLabel(g2.decision),
    rule: g2.trace.message,
    moyenne: ratText(g2.moyenne),
    totalCoef: coefText(g2.totalCoefCenti),
    totalPoints: ratText(g2.totalPoints),
    choices: (g2.choices ?? []).map((code) => {
      const u = s.result.units.find((x) => x.code === code);
      return {
        code,
        libelle: u?.libelle ?? code,
        coef: u ? coefText(u.coefCenti) : '',
        initial: unitGradeText(u?.grade),
        cell: presentCell(2, code, stored.get(code) ?? noGrade(s.candidate.id, code), editable && u !== undefined),
        retained: unitGradeText(u?.controle?.retained ?? null),
        points: ratText(u?.controle?.points),
        meilleureNoteRetenue: u?.controle?.meilleureNoteRetenue ?? false,
      };
    }),
  };
}

export function presentPvi(s: PviSnapshot): PviDto {
  const { result, candidate: c } = s;
  const g1 = result.group1;
  const stored = new Map(s.leafGrades.map((g) => [g.epreuveCode, g]));
  const units = s.ruleset.units.map((def, i) => presentUnit(s, def, result.units[i]!, stored));
  const benefices = s.leafGrades.filter((g) => g.benefice !== null).map((g) => ({ code: g.epreuveCode, session: g.benefice! }));
  return {
    jury: s.header,
    candidate: {
      id: c.id,
      numeroAnonymat: c.numeroAnonymat,
      categorie: c.categorie,
      formePassage: c.formePassage,
      flags: {
        livret: c.livret,
        handicap: c.handicap.trim(),
        benefice: benefices.length > 0,
        dispense: result.units.some((u) => u.grade === 'DI'),
        presumeFraudeur: c.presumeFraudeur,
        listeRouge: c.listeRouge,
      },
      benefices,
      dispenses: result.units.filter((u) => u.grade === 'DI').map((u) => u.code),
    },
    units,
    group1: {
      decision: g1.decision,
      decisionLabel: decisionLabel(g1.decision),
      rule: g1.trace.message,
      moyenne: ratText(g1.moyenne),
      moyennePro: ratText(g1.moyennePro),
      totalCoef: coefText(g1.totalCoefCenti),
      totalPoints: ratText(g1.totalPoints),
      totalCoefPro: coefText(g1.totalCoefProCenti),
      totalPointsPro: ratText(g1.totalPointsPro),
      bonus: ratText(g1.bonus) ?? '0,00',
      missingUnits: [...g1.missingUnits],
    },
    group2: presentGroup2(s),
    finalDecision: result.finalDecision,
    finalDecisionLabel: decisionLabel(result.finalDecision),
    ects: result.ects,
    rulesVersion: s.rulesVersion,
  };
}
