// What every snapshot loader shares: the page header, the jury references, the decisions of the
// candidates (the pure engine over the database inputs), the service examen.
import type { Db } from '../../../db/connect.js';
import { loadCandidateInputs } from '../../../db/repositories/candidate-inputs.js';
import type { JuryView } from '../../../db/repositories/juries.js';
import { loadRulesets, type SpecialiteRuleset } from '../../../db/repositories/rulesets.js';
import { getEtablissement, getExamSession, type ExamSession } from '../../../db/repositories/session.js';
import type { EditionHeader, Etablissement, JuryRef, ServiceExamen, TranscriptCandidate } from '../../../documents/model.js';
import { rulesFor, type CandidateResult, type CompiledRuleset, type EditionKind, type Group } from '../../../domain/index.js';
import type { Actor, CandidateInput } from '../../../domain/types.js';
import { localMinute } from '../../../jobs/local-time.js';
import { AppError } from '../../../errors/app-error.js';
import { NO_SESSION_MESSAGE } from '../../juries/get-context.js';
import type { EditionCandidate } from '../data/candidates.js';

/** The checked request: who, which edition, which juries (visible and in an allowed state). */
export interface EditionScope {
  readonly actor: Actor;
  readonly kind: EditionKind;
  readonly group: Group;
  readonly juries: readonly JuryView[];
  /** a centre d'épreuve: only its candidates */
  readonly centreEpreuve?: string;
}

export interface EditionContext extends EditionScope {
  readonly db: Db;
  readonly session: ExamSession;
  readonly header: EditionHeader;
  readonly now: Date;
}

const DOMAINE_LABELS: Readonly<Record<string, string>> = { BTS: 'BREVET DE TECHNICIEN SUPÉRIEUR' };

/**
 * The words of académie names that the exchange format (unaccented capitals, as exported) loses and
 * the memo prints with their accents: "ACADÉMIE DE BESANÇON", "ACADÉMIE DE CRÉTEIL" …
 */
const ACCENTED_WORDS: Readonly<Record<string, string>> = {
  ACADEMIE: 'ACADÉMIE', BESANCON: 'BESANÇON', CRETEIL: 'CRÉTEIL', ORLEANS: 'ORLÉANS', REUNION: 'RÉUNION', GUYANE: 'GUYANE',
};

/** "ACADEMIE DE BESANCON" or "Académie de Besançon" -> "ACADÉMIE DE BESANÇON" */
export function academieLabel(label: string): string {
  return label.trim().toLocaleUpperCase('fr').replace(/[A-ZÀ-Ý]+/g, (w) => ACCENTED_WORDS[w] ?? w);
}

export function juryRef(j: JuryView): JuryRef {
  return { code: j.code, specialiteCode: j.specialiteCode, specialiteLibelle: j.specialiteLibelle };
}

export function centreOf(j: JuryView): Etablissement {
  return { uai: j.centreUai, libelle: j.centreLibelle, ville: j.centreVille };
}

/** The établissement printed top right: the actor's, else the juries' common centre, else the service examen. */
async function headerCentre(db: Db, actor: Actor, juries: readonly JuryView[], session: ExamSession): Promise<Etablissement> {
  if (actor.role === 'centre' || actor.role === 'centre_epreuve') {
    const e = await getEtablissement(db, actor.scope);
    if (e) return { uai: e.uai, libelle: e.libelle, ville: e.ville };
  }
  const centres = new Set(juries.map((j) => j.centreUai));
  if (centres.size === 1 && juries[0]) return centreOf(juries[0]);
  return { uai: session.academie_code, libelle: session.service_examen_libelle, ville: '' };
}

export async function loadContext(db: Db, scope: EditionScope, title: string, now: Date): Promise<EditionContext> {
  const session = await getExamSession(db);
  if (!session) throw new AppError('NOT_FOUND', NO_SESSION_MESSAGE);
  const header: EditionHeader = {
    domaine: DOMAINE_LABELS[session.domaine.toUpperCase()] ?? session.domaine,
    academie: academieLabel(session.academie_libelle),
    centre: await headerCentre(db, scope.actor, scope.juries, session),
    session: session.session,
    editedAt: localMinute(now),
    titreEdition: title,
  };
  return { ...scope, db, session, header, now };
}

/** "1 rue des champs 25000 BESANCON" -> ["1 rue des champs", "25000 BESANCON"]. */
export function addressLines(address: string): string[] {
  const byLine = address.split(/\r?\n|\s*;\s*/).map((s) => s.trim()).filter(Boolean);
  if (byLine.length > 1) return byLine;
  const m = /^(.*?)[,\s]+(\d{5}\s+.+)$/.exec(address.trim());
  return m ? [m[1]!, m[2]!] : byLine;
}

export function serviceExamen(s: ExamSession): ServiceExamen {
  return { libelle: s.service_examen_libelle, adresse: addressLines(s.service_examen_adresse), telephone: s.service_examen_telephone, mail: s.service_examen_mail };
}

const FORMES: Readonly<Record<string, string>> = { GLOBALE: 'Globale', PROGRESSIVE: 'Progressive' };

/** "2002-09-01" -> "01/09/2002" */
export function frenchIsoDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

export function transcriptCandidate(c: EditionCandidate): TranscriptCandidate {
  const street = c.adresse.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  const town = `${c.codePostal} ${c.ville}`.trim();
  return {
    numeroCandidat: c.numeroCandidat,
    numeroInscription: c.numeroInscription,
    nom: c.nom,
    nomUsage: c.nomUsage,
    prenoms: c.prenoms,
    sexe: c.sexe,
    dateNaissance: frenchIsoDate(c.dateNaissance),
    lieuNaissance: c.lieuNaissance,
    ine: c.ine,
    formePassage: FORMES[c.formePassage.toUpperCase()] ?? c.formePassage,
    juryCode: c.juryCode,
    categorie: c.categorie,
    adresse: town ? [...street, town] : street,
    etablissementInscription: c.etablissement,
  };
}

export interface Evaluated {
  readonly input: CandidateInput;
  readonly result: CandidateResult;
}

export interface Evaluations {
  readonly byCandidate: ReadonlyMap<number, Evaluated>;
  readonly rulesets: ReadonlyMap<string, SpecialiteRuleset>;
}

/** The decisions of the juries' candidates (or only `ids`), by the exam's rules. */
export async function evaluateJuries(
  db: Db,
  session: ExamSession,
  juries: readonly Pick<JuryView, 'code' | 'specialiteCode'>[],
  ids?: readonly number[],
): Promise<Evaluations> {
  const rules = rulesFor(session.domaine);
  const specs = [...new Set(juries.map((j) => j.specialiteCode))];
  const rulesets = await loadRulesets(db, specs);
  const compiled = new Map<string, CompiledRuleset>();
  for (const [spec, r] of rulesets) compiled.set(spec, rules.compile(r.ruleset));
  const specOf = new Map(juries.map((j) => [j.code, j.specialiteCode]));
  const byCandidate = new Map<number, Evaluated>();
  const scope = ids ? { juryCodes: juries.map((j) => j.code), candidateIds: ids } : { juryCodes: juries.map((j) => j.code) };
  for await (const chunk of loadCandidateInputs(db, scope)) {
    for (const { candidate, input } of chunk) {
      const ruleset = compiled.get(specOf.get(candidate.juryCode) ?? '');
      if (!ruleset) throw new Error(`aucune épreuve définie pour la spécialité du jury ${candidate.juryCode}`);
      byCandidate.set(candidate.id, { input, result: rules.evaluate(ruleset, input) });
    }
  }
  return { byCandidate, rulesets };
}

export function evaluationOf(e: Evaluations, id: number): Evaluated {
  const ev = e.byCandidate.get(id);
  if (!ev) throw new Error(`candidat ${id} non évalué`);
  return ev;
}
