// Snapshots of the procès-verbaux individuels (PVI: plan de secours) and of the relevés de notes of
// the admissible candidates (RLN, SPEC §6 criteria, grouping and sorting). Units and results are
// exactly what the engine decided (src/documents/from-result.ts).
import type { JuryView } from '../../../db/repositories/juries.js';
import { etablissementLabel } from '../../../documents/format.js';
import { transcriptResult, transcriptUnits } from '../../../documents/from-result.js';
import type { LivretStatus, PviEntry, TranscriptBatchModel, TranscriptEntry } from '../../../documents/model.js';
import { AppError } from '../../../errors/app-error.js';
import { criterionProblems, matchesDecision, mentions, type Criterion } from '../criteria.js';
import { loadBenefices, listEditionCandidates, type EditionCandidate } from '../data/candidates.js';
import { compileCriteria } from '../data/criteria-sql.js';
import type { RlnOptions } from '../schemas.js';
import { byAnonymat } from './lists.js';
import { evaluateJuries, evaluationOf, juryRef, serviceExamen, transcriptCandidate, type EditionContext, type Evaluations } from './context.js';

function livret(v: number | null): LivretStatus {
  return v === 1 ? 'recu' : v === 0 ? 'absent' : null;
}

export function entryOf(c: EditionCandidate, jury: JuryView, e: Evaluations, benefices: ReadonlyMap<number, Record<string, string>>): TranscriptEntry {
  const { input, result } = evaluationOf(e, c.id);
  const rs = e.rulesets.get(jury.specialiteCode);
  if (!rs) throw new Error(`aucune épreuve définie pour la spécialité ${jury.specialiteCode}`);
  return {
    candidate: transcriptCandidate(c),
    specialite: jury.specialiteLibelle,
    units: transcriptUnits(rs.ruleset, input, result, benefices.get(c.id) ?? {}),
    result: transcriptResult(result),
  };
}

/** A document's entry with the id of its candidate (verification codes, issue #15). */
export type Identified<T> = T & { readonly candidateId: number };

/**
 * A 1st-group document shows the 1st group only: the contrôle choices a CONTROLE candidate may
 * already have are not a 2nd-group result ("Note de contrôle manquante … résultat incomplet").
 */
function firstGroupOnly(group: 1 | 2, e: TranscriptEntry): TranscriptEntry {
  if (group === 2 || !e.result.group2) return e;
  return { ...e, result: { ...e.result, group2: null, finalDecision: e.result.group1.decision } };
}

/** PVI of a jury's candidates (group 1: the 1st group only; group 2: the CONTROLE candidates only). */
export async function loadPviEntries(ctx: EditionContext, jury: JuryView): Promise<Identified<PviEntry>[]> {
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: [jury.code] });
  const evaluations = await evaluateJuries(ctx.db, ctx.session, [jury]);
  // PVIs of the plan de secours are anonymous documents: in N° anonymat order, like the liste anonyme
  const selected = (ctx.group === 2 ? candidates.filter((c) => evaluationOf(evaluations, c.id).result.group1.decision === 'CONTROLE') : [...candidates]).sort(byAnonymat);
  const benefices = await loadBenefices(ctx.db, selected.map((c) => c.id));
  return selected.map((c) => ({
    ...firstGroupOnly(ctx.group, entryOf(c, jury, evaluations, benefices)),
    numeroAnonymat: c.numeroAnonymat,
    jury: juryRef(jury),
    livret: livret(c.livret),
    handicap: c.handicap.trim() || null,
    flags: { listeRouge: c.listeRouge, presumeFraudeur: c.presumeFraudeur },
    candidateId: c.id,
  }));
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

function groupKey(c: EditionCandidate, groupBy: RlnOptions['groupBy']): string {
  switch (groupBy) {
    case 'jury':
      return c.juryCode;
    case 'etablissement':
      return etablissementLabel(c.etablissement);
    case 'centre-epreuve':
      return etablissementLabel(c.centreEpreuve);
    case 'aucun':
      return '';
  }
}

/**
 * The heading of a relevé's group, printed before the group (null: no heading — no grouping, or by
 * jury, which every relevé prints).
 */
function groupHeading(c: EditionCandidate, groupBy: RlnOptions['groupBy']): string | null {
  switch (groupBy) {
    case 'etablissement':
      return `Etablissement d'inscription : ${etablissementLabel(c.etablissement) || 'non renseigné'}`;
    case 'centre-epreuve':
      return `Centre d'épreuve : ${etablissementLabel(c.centreEpreuve) || 'non renseigné'}`;
    case 'jury':
    case 'aucun':
      return null;
  }
}

function compareBy(sortBy: RlnOptions['sortBy']) {
  return (a: EditionCandidate, b: EditionCandidate): number => {
    if (sortBy === 'numero-candidat') return a.numeroCandidat.localeCompare(b.numeroCandidat) || a.numeroInscription.localeCompare(b.numeroInscription);
    if (sortBy === 'numero-anonymat') return a.numeroAnonymat.localeCompare(b.numeroAnonymat);
    return collator.compare(a.nom, b.nom) || collator.compare(a.prenoms, b.prenoms) || a.numeroCandidat.localeCompare(b.numeroCandidat);
  };
}

/** Checks the criteria (French 400 with every problem). */
export function checkCriteria(criteria: readonly Criterion[]): void {
  const problems = criteria.flatMap(criterionProblems);
  if (problems.length) throw new AppError('VALIDATION', problems.join(' ; '), problems.map((message) => ({ message })));
}

/**
 * The RLN of the admissible candidates (1st-group decision CONTROLE) of the juries, filtered by the
 * criteria (présumés fraudeurs only when a criterion selects them), grouped then sorted.
 */
export async function loadRlnBatch(ctx: EditionContext, o: RlnOptions): Promise<TranscriptBatchModel & { transcripts: readonly Identified<TranscriptEntry>[] }> {
  checkCriteria(o.criteria);
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code), where: compileCriteria(o.criteria) });
  const evaluations = await evaluateJuries(ctx.db, ctx.session, ctx.juries);
  const withFraudeurs = mentions(o.criteria, 'presume-fraudeur');
  const selected = candidates
    .filter((c) => evaluationOf(evaluations, c.id).result.group1.decision === 'CONTROLE')
    .filter((c) => withFraudeurs || !c.presumeFraudeur)
    .filter((c) => matchesDecision(o.criteria, evaluationOf(evaluations, c.id).result.finalDecision));
  const cmp = compareBy(o.sortBy);
  selected.sort((a, b) => collator.compare(groupKey(a, o.groupBy), groupKey(b, o.groupBy)) || cmp(a, b));
  const benefices = await loadBenefices(ctx.db, selected.map((c) => c.id));
  const juries = new Map(ctx.juries.map((j) => [j.code, j]));
  const groupSizes = new Map<string, number>();
  for (const c of selected) {
    const heading = groupHeading(c, o.groupBy);
    if (heading !== null) groupSizes.set(heading, (groupSizes.get(heading) ?? 0) + 1);
  }
  return {
    session: ctx.session.session,
    academie: ctx.header.academie,
    domaine: ctx.header.domaine,
    editedAt: ctx.header.editedAt,
    ...(ctx.header.titreEdition ? { titreEdition: ctx.header.titreEdition } : {}),
    serviceExamen: serviceExamen(ctx.session),
    options: { etablissement: o.etablissement, mail: o.mail, telephone: o.telephone },
    signature: { lieu: o.signatureLieu, date: o.signatureDate },
    transcripts: selected.map((c) => {
      const entry = { ...entryOf(c, juries.get(c.juryCode)!, evaluations, benefices), candidateId: c.id };
      const heading = groupHeading(c, o.groupBy);
      return heading === null ? entry : { ...entry, regroupement: { heading, count: groupSizes.get(heading) ?? 0 } };
    }),
  };
}
