// Snapshots of the 2nd-group documents: convocations, bordereaux de notation, notes manquantes.
// Date, time and room of each épreuve come from the schedule its centre d'épreuve recorded
// (src/features/second-group/convocation-data.ts); "À communiquer" stands only for what is not set.
// The missing grades are those of the screen and of the opening guard (listMissingControleGrades).
import type { BordereauModel, ConvocationEpreuve, ConvocationModel, Etablissement, MissingGradesModel } from '../../../documents/model.js';
import { frenchDate } from '../../../jobs/local-time.js';
import { loadScheduleLookup, type ScheduleLookup } from '../../second-group/convocation-data.js';
import { listMissingControleGrades } from '../../second-group/missing-grades.js';
import { epreuveLabels, listEditionCandidates, type EditionCandidate } from '../data/candidates.js';
import { candidateRow } from './lists.js';
import { evaluateJuries, evaluationOf, juryRef, serviceExamen, transcriptCandidate, type EditionContext } from './context.js';

export const DATE_UNKNOWN = 'À communiquer';
const UNKNOWN_CENTRE: Etablissement = { uai: '', libelle: "Centre d'épreuve non renseigné", ville: '' };

interface ControleCandidate {
  readonly candidate: EditionCandidate;
  readonly choices: readonly [string, string] | null;
}

interface Loaded {
  readonly list: ControleCandidate[];
  readonly labels: Map<string, Map<string, string>>;
  readonly schedule: ScheduleLookup;
  readonly specOf: (juryCode: string) => string;
}

async function controleCandidates(ctx: EditionContext): Promise<Loaded> {
  const specs = [...new Set(ctx.juries.map((j) => j.specialiteCode))];
  const candidates = await listEditionCandidates(ctx.db, { juryCodes: ctx.juries.map((j) => j.code), centreEpreuve: ctx.centreEpreuve });
  const evaluations = await evaluateJuries(ctx.db, ctx.session, ctx.juries);
  const labels = await epreuveLabels(ctx.db, specs);
  const list: ControleCandidate[] = [];
  for (const c of candidates) {
    const r = evaluationOf(evaluations, c.id).result;
    if (r.group1.decision !== 'CONTROLE') continue;
    list.push({ candidate: c, choices: r.group2?.choices ?? null });
  }
  const centres = [...new Set(list.map((x) => x.candidate.centreEpreuve?.uai).filter((u): u is string => !!u))];
  const schedule = await loadScheduleLookup(ctx.db, { centreEpreuveUais: centres, specialiteCodes: specs });
  const specByJury = new Map(ctx.juries.map((j) => [j.code, j.specialiteCode]));
  return { list, labels, schedule, specOf: (juryCode) => specByJury.get(juryCode) ?? '' };
}

function labelOf(d: Loaded, juryCode: string, unit: string): string {
  return d.labels.get(d.specOf(juryCode))?.get(unit) ?? unit;
}

/**
 * Date, time and room of one épreuve of a candidate, as his centre d'épreuve set them: "À communiquer"
 * for the date (and the time, once the date is known) only when not set.
 */
function scheduled(d: Loaded, c: EditionCandidate, unit: string): Pick<ConvocationEpreuve, 'date' | 'heure' | 'salle'> {
  const s = c.centreEpreuve ? d.schedule(c.centreEpreuve.uai, d.specOf(c.juryCode), unit) : undefined;
  const date = s?.date || DATE_UNKNOWN;
  const heure = s?.heure || (s?.date ? DATE_UNKNOWN : '');
  return { date, heure, ...(s?.salle ? { salle: s.salle } : {}) };
}

/** One convocation per CONTROLE candidate whose two épreuves are chosen (jury, then name order). */
export async function loadConvocations(ctx: EditionContext): Promise<ConvocationModel> {
  const d = await controleCandidates(ctx);
  const juries = new Map(ctx.juries.map((j) => [j.code, j]));
  return {
    header: ctx.header,
    serviceExamen: serviceExamen(ctx.session),
    signature: { lieu: ctx.header.centre.ville || ctx.header.centre.libelle, date: frenchDate(ctx.now) },
    convocations: d.list.filter((x) => x.choices).map((x) => ({
      candidate: transcriptCandidate(x.candidate),
      specialite: juries.get(x.candidate.juryCode)?.specialiteLibelle ?? '',
      epreuves: x.choices!.map((unit) => ({
        code: unit,
        libelle: labelOf(d, x.candidate.juryCode, unit),
        lieu: x.candidate.centreEpreuve ?? UNKNOWN_CENTRE,
        ...scheduled(d, x.candidate, unit),
      })),
    })),
  };
}

/** Per jury, épreuve and centre d'épreuve: the candidates to grade, with the date, time and room set. */
export async function loadBordereaux(ctx: EditionContext): Promise<BordereauModel> {
  const d = await controleCandidates(ctx);
  type Bordereau = BordereauModel['bordereaux'][number] & { candidates: ReturnType<typeof candidateRow>[] };
  const out = new Map<string, Bordereau>();
  for (const j of ctx.juries) {
    for (const x of d.list.filter((y) => y.candidate.juryCode === j.code && y.choices)) {
      for (const unit of new Set(x.choices!)) {
        const centre = x.candidate.centreEpreuve ?? UNKNOWN_CENTRE;
        const key = `${j.code}|${unit}|${centre.uai}`;
        let b = out.get(key);
        if (!b) {
          const s = scheduled(d, x.candidate, unit);
          b = { jury: juryRef(j), epreuve: { code: unit, libelle: labelOf(d, j.code, unit) }, centre, date: s.date, heure: s.heure, ...(s.salle ? { salle: s.salle } : {}), candidates: [] };
          out.set(key, b);
        }
        b.candidates.push(candidateRow(x.candidate));
      }
    }
  }
  const bordereaux = [...out.values()].sort((a, b) => a.jury.code.localeCompare(b.jury.code) || a.epreuve.code.localeCompare(b.epreuve.code) || a.centre.uai.localeCompare(b.centre.uai));
  return { header: ctx.header, bordereaux };
}

/**
 * CONTROLE DES NOTES MANQUANTES DU SECOND GROUPE: per jury, the candidates with something missing —
 * exactly what the screen lists and what refuses the opening (double entry included).
 */
export async function loadMissingGrades(ctx: EditionContext): Promise<MissingGradesModel> {
  const byCode = new Map((await listMissingControleGrades(ctx.db, ctx.juries.map((j) => j.code))).map((m) => [m.jury.code, m]));
  return {
    header: ctx.header,
    juries: ctx.juries.map((j) => ({
      jury: juryRef(j),
      rows: (byCode.get(j.code)?.rows ?? [])
        .filter((r) => !ctx.centreEpreuve || r.centre?.uai === ctx.centreEpreuve)
        .map((r) => ({
          numeroCandidat: r.numeroCandidat,
          numeroInscription: r.numeroInscription,
          nom: r.nom,
          prenoms: r.prenoms,
          manquantes: [...r.manquantes],
          centre: r.centre,
        })),
    })),
  };
}
