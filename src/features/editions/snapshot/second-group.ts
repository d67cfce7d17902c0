// Snapshots of the 2nd-group documents: convocations, bordereaux de notation, notes manquantes. The
// 2nd-group dates and rooms are not recorded yet: the documents print what exists (the chosen
// épreuves and the candidate's centre d'épreuve) and "À communiquer" for the date.
import type { BordereauModel, ConvocationModel, Etablissement, MissingGradesModel } from '../../../documents/model.js';
import { frenchDate } from '../../../jobs/local-time.js';
import { epreuveLabels, listEditionCandidates, type EditionCandidate } from '../data/candidates.js';
import { candidateRow } from './lists.js';
import { evaluateJuries, evaluationOf, juryRef, serviceExamen, transcriptCandidate, type EditionContext, type Evaluations } from './context.js';

export const DATE_UNKNOWN = 'À communiquer';
const UNKNOWN_CENTRE: Etablissement = { uai: '', libelle: "Centre d'épreuve non renseigné", ville: '' };

interface ControleCandidate {
  readonly candidate: EditionCandidate;
  readonly choices: readonly [string, string] | null;
  readonly missing: readonly string[];
}

async function controleCandidates(ctx: EditionContext): Promise<{ list: ControleCandidate[]; evaluations: Evaluations; labels: Map<string, Map<string, string>> }> {
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code) });
  const evaluations = await evaluateJuries(ctx.db, ctx.session, ctx.juries);
  const labels = await epreuveLabels(ctx.db, [...new Set(ctx.juries.map((j) => j.specialiteCode))]);
  const list: ControleCandidate[] = [];
  for (const c of candidates) {
    const r = evaluationOf(evaluations, c.id).result;
    if (r.group1.decision !== 'CONTROLE') continue;
    const g2 = r.group2;
    list.push({ candidate: c, choices: g2?.choices ?? null, missing: g2?.missingControleGrades ?? [] });
  }
  return { list, evaluations, labels };
}

function labelOf(ctx: EditionContext, labels: Map<string, Map<string, string>>, juryCode: string, unit: string): string {
  const spec = ctx.juries.find((j) => j.code === juryCode)?.specialiteCode ?? '';
  return labels.get(spec)?.get(unit) ?? unit;
}

/** One convocation per CONTROLE candidate whose two épreuves are chosen. */
export async function loadConvocations(ctx: EditionContext): Promise<ConvocationModel> {
  const { list, labels } = await controleCandidates(ctx);
  const juries = new Map(ctx.juries.map((j) => [j.code, j]));
  return {
    header: ctx.header,
    serviceExamen: serviceExamen(ctx.session),
    signature: { lieu: ctx.header.centre.ville || ctx.header.centre.libelle, date: frenchDate(ctx.now) },
    convocations: list.filter((x) => x.choices).map((x) => ({
      candidate: transcriptCandidate(x.candidate),
      specialite: juries.get(x.candidate.juryCode)?.specialiteLibelle ?? '',
      epreuves: x.choices!.map((unit) => ({
        code: unit,
        libelle: labelOf(ctx, labels, x.candidate.juryCode, unit),
        date: DATE_UNKNOWN,
        heure: '',
        lieu: x.candidate.centreEpreuve ?? UNKNOWN_CENTRE,
      })),
    })),
  };
}

/** Per jury, épreuve and centre d'épreuve: the candidates to grade. */
export async function loadBordereaux(ctx: EditionContext): Promise<BordereauModel> {
  const { list, labels } = await controleCandidates(ctx);
  const out = new Map<string, BordereauModel['bordereaux'][number] & { candidates: ReturnType<typeof candidateRow>[] }>();
  for (const j of ctx.juries) {
    for (const x of list.filter((y) => y.candidate.juryCode === j.code && y.choices)) {
      for (const unit of x.choices!) {
        const centre = x.candidate.centreEpreuve ?? UNKNOWN_CENTRE;
        const key = `${j.code}|${unit}|${centre.uai}`;
        const b = out.get(key) ?? { jury: juryRef(j), epreuve: { code: unit, libelle: labelOf(ctx, labels, j.code, unit) }, centre, candidates: [] };
        b.candidates.push(candidateRow(x.candidate));
        out.set(key, b);
      }
    }
  }
  const bordereaux = [...out.values()].sort((a, b) => a.jury.code.localeCompare(b.jury.code) || a.epreuve.code.localeCompare(b.epreuve.code) || a.centre.uai.localeCompare(b.centre.uai));
  return { header: ctx.header, bordereaux };
}

export const CHOICES_MISSING = 'Choix des épreuves non saisis';

/** CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE: per jury, the candidates with a missing grade. */
export async function loadMissingGrades(ctx: EditionContext): Promise<MissingGradesModel> {
  const { list, labels } = await controleCandidates(ctx);
  return {
    header: ctx.header,
    juries: ctx.juries.map((j) => ({
      jury: juryRef(j),
      rows: list
        .filter((x) => x.candidate.juryCode === j.code && (!x.choices || x.missing.length > 0))
        .map((x) => ({
          numeroCandidat: x.candidate.numeroCandidat,
          numeroInscription: x.candidate.numeroInscription,
          nom: x.candidate.nom,
          prenoms: x.candidate.prenoms,
          manquantes: x.choices ? x.missing.map((u) => labelOf(ctx, labels, j.code, u)) : [CHOICES_MISSING],
          centre: x.candidate.centreEpreuve,
        })),
    })),
  };
}
