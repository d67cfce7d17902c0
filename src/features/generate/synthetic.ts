// `delib generate`: a realistic, valid, national-scale synthetic BTS session in the exchange format (SPEC §7).
//
// Everything is derived from one seeded PRNG, so a seed always gives the same bytes. Reference data
// (établissements, spécialités, juries: a few thousand rows) is kept in memory; candidates and their
// grades are generated jury by jury and streamed to disk, row by row, so memory does not grow with N.
//
// Juries are at 000/105/110 only (the session is ready to deliberate), so there are no contrôle choices
// or grades yet: choix_controle.csv and notes_controle.csv are written with their header only.

import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Domaine, JuryState } from '../../domain/types.js';
import { CsvWriter, writeCsvFile, type CsvValue } from './csv-writer.js';
import {
  EXCHANGE_HEADERS,
  formatDate,
  formatDateTime,
  formatHundredths,
  makeUai,
  yesNo,
} from './exchange-format.js';
import { distributeEcts, epreuveRows, makeUnit, type GenSpecialite, type GenUnit } from './model.js';
import { Rng } from './random.js';
import {
  ACADEMIES,
  FOREIGN_BIRTHPLACES,
  PRO_UNITS,
  SPECIALITES,
  SUB_SUFFIXES,
  type Academie,
  type Departement,
  type Family,
} from './catalogue.js';
import {
  ETAB_PATRONS,
  HANDICAP_MEASURES,
  NOMS_COMMUNS,
  NOMS_VIETNAMIENS,
  PRENOMS_F,
  PRENOMS_M,
  PRENOMS_VIETNAMIENS_F,
  PRENOMS_VIETNAMIENS_M,
  PRESIDENT_PRENOMS,
  STREETS,
} from './names.js';

export interface GenerateOptions {
  /** number of candidates (inscriptions) to generate */
  readonly candidates: number;
  /** PRNG seed (default 1): same seed, same bytes */
  readonly seed?: number;
  /** output folder (created if needed; existing files are overwritten) */
  readonly out: string;
  /** session, `YYYY-MM` (default 2023-06) */
  readonly session?: string;
}

export interface GenerateSummary {
  readonly candidates: number;
  /** rows of notes.csv */
  readonly grades: number;
  readonly juries: number;
  readonly specialites: number;
  readonly etablissements: number;
}

export const SYNTHETIC_ACADEMIE = {
  code: 'A00',
  libelle: 'SESSION NATIONALE SYNTHETIQUE',
  serviceLibelle: 'Service interacadémique des examens (synthétique)',
  serviceAdresse: '1 place de la République 75000 PARIS',
  serviceMail: 'examens@example.org',
  serviceTelephone: '01 00 00 00 00',
} as const;

// ---------------------------------------------------------------------------------------------------
// établissements

type EtabKind = 'LYCEE' | 'LP' | 'PRIVE' | 'CFA' | 'GRETA';

interface Etab {
  readonly uai: string;
  readonly libelle: string;
  readonly ville: string;
  readonly kind: EtabKind;
  readonly dept: Departement;
  readonly centre: boolean;
}

interface AcademieEtabs {
  readonly academie: Academie;
  readonly all: Etab[];
  readonly lycees: Etab[];
  readonly cfas: Etab[];
  readonly gretas: Etab[];
  readonly centres: Etab[];
}

function buildEtablissements(rng: Rng, total: number): AcademieEtabs[] {
  const totalWeight = ACADEMIES.reduce((a, x) => a + x.weight, 0);
  const usedByDept = new Map<string, Set<number>>();
  const result: AcademieEtabs[] = [];
  for (const academie of ACADEMIES) {
    const n = Math.max(3, Math.round((total * academie.weight) / totalWeight));
    const group: AcademieEtabs = { academie, all: [], lycees: [], cfas: [], gretas: [], centres: [] };
    for (let i = 0; i < n; i++) {
      const dept = i < academie.departements.length ? academie.departements[i]! : rng.pick(academie.departements);
      let used = usedByDept.get(dept.uaiPrefix);
      if (!used) usedByDept.set(dept.uaiPrefix, (used = new Set()));
      let num: number;
      do num = rng.int(0, 9999);
      while (used.has(num));
      used.add(num);
      const uai = makeUai(dept.uaiPrefix + String(num).padStart(4, '0'));
      const kind: EtabKind =
        i === 0 ? 'LYCEE' : i === 1 ? 'CFA' : i === 2 ? 'GRETA' : rng.weighted<EtabKind>(['LYCEE', 'LP', 'PRIVE', 'CFA', 'GRETA'], [45, 15, 10, 20, 10]);
      const ville = rng.pick(dept.villes);
      const patron = rng.pick(ETAB_PATRONS);
      const libelle =
        kind === 'LYCEE'
          ? `LYCEE ${patron}`
          : kind === 'LP'
            ? `LP ${patron}`
            : kind === 'PRIVE'
              ? `LYCEE PRIVE ${patron}`
              : kind === 'CFA'
                ? rng.chance(0.5)
                  ? `CFA ${patron}`
                  : `CFA DE LA CCI ${ville}`
                : `GRETA ${ville}`;
      const isLycee = kind === 'LYCEE' || kind === 'LP' || kind === 'PRIVE';
      const centre = i === 0 || (isLycee && rng.chance(0.3));
      const etab: Etab = { uai, libelle, ville, kind, dept, centre };
      group.all.push(etab);
      if (isLycee) group.lycees.push(etab);
      else if (kind === 'CFA') group.cfas.push(etab);
      else group.gretas.push(etab);
      if (centre) group.centres.push(etab);
    }
    result.push(group);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// spécialités and their units

const GENERAL_U3: Readonly<Record<Family, readonly string[]>> = {
  tertiaire: ['Culture économique, juridique et managériale'],
  services: ['Culture économique, juridique et managériale', 'Gestion et droit'],
  industriel: ['Mathématiques', 'Mathématiques et physique-chimie'],
  btp: ['Mathématiques', 'Physique et chimie'],
  sante: ['Mathématiques et sciences physiques', 'Sciences physiques et chimiques'],
  arts: ['Culture du design et de la création', 'Culture économique, juridique et managériale'],
};

function pickCoef(rng: Rng, choices: readonly number[]): number {
  return rng.pick(choices);
}

function subLeaves(rng: Rng, code: string, libelle: string, threeOk: boolean): [string, string, number][] {
  const pool = threeOk ? SUB_SUFFIXES : SUB_SUFFIXES.filter((x) => x.length === 2);
  const suffixes = rng.pick(pool);
  const weights =
    suffixes.length === 3
      ? [1, 1, 1]
      : rng.weighted<[number, number]>(
          [
            [1, 1],
            [1, 2],
            [2, 1],
            [1.5, 1.5],
            [1, 1.5],
          ],
          [50, 15, 10, 15, 10],
        );
  return suffixes.map((sfx, k) => [`${code}${k + 1}`, `${libelle} : ${sfx}`, weights[k] ?? 1]);
}

function buildSpecialite(rng: Rng, code: string, libelle: string, family: Family): GenSpecialite {
  interface Draft {
    code: string;
    libelle: string;
    coef: number;
    domaine: Domaine;
    controle: boolean;
    facultative: boolean;
    subs: [string, string, number][];
  }
  const drafts: Draft[] = [];
  const general = (c: string, l: string, coef: number, subs: [string, string, number][]): void => {
    drafts.push({ code: c, libelle: l, coef, domaine: 'general', controle: true, facultative: false, subs });
  };
  general('U1', 'Culture générale et expression', pickCoef(rng, [2, 3, 3, 4]), []);
  const lv = rng.chance(0.6) ? 'Anglais' : 'Langue vivante étrangère 1';
  general(
    'U2',
    lv,
    pickCoef(rng, [1, 1.5, 2, 2, 3]),
    rng.chance(0.75)
      ? [
          ['U21', `${lv} : compréhension de l'écrit et expression écrite`, 1],
          ['U22', `${lv} : production et interaction orales`, 1],
        ]
      : [],
  );
  const u3 = rng.pick(GENERAL_U3[family]);
  const u3Subs: [string, string, number][] =
    u3 === 'Mathématiques et physique-chimie' || u3 === 'Mathématiques et sciences physiques'
      ? [
          ['U31', 'Mathématiques', rng.pick([1, 1.5, 2])],
          ['U32', 'Physique-chimie', rng.pick([1, 1.5])],
        ]
      : rng.chance(0.35)
        ? subLeaves(rng, 'U3', u3, false)
        : [];
  general('U3', u3, pickCoef(rng, family === 'tertiaire' || family === 'services' ? [3, 4, 6] : [2, 3, 3, 4]), u3Subs);

  const proCount = rng.int(3, 5);
  const proNames = rng.shuffle(PRO_UNITS[family]).slice(0, proCount);
  proNames.forEach((name, k) => {
    const c = `U${k + 4}`;
    const r = rng.next();
    const subs = r < 0.65 ? subLeaves(rng, c, name, true) : [];
    drafts.push({
      code: c,
      libelle: name,
      coef: pickCoef(rng, [2, 3, 4, 4, 5, 6, 8, 1.5, 4.5]),
      domaine: 'professionnel',
      controle: false,
      facultative: false,
      subs,
    });
  });
  const ects = distributeEcts(drafts.map((x) => x.coef));
  const units: GenUnit[] = drafts.map((x, k) =>
    makeUnit(x.code, x.libelle, x.coef, x.domaine, { controle: x.controle, ects: ects[k] ?? null, subs: x.subs }),
  );
  if (units.length < 9 && rng.chance(0.7)) {
    units.push(makeUnit('UF1', 'Langue vivante étrangère 2 (facultative)', 1, 'general', { facultative: true }));
  }
  if (units.length < 9 && rng.chance(0.25)) {
    units.push(makeUnit('UF2', 'Engagement étudiant (facultative)', 1, 'general', { facultative: true }));
  }
  return { code, libelle, units };
}

// ---------------------------------------------------------------------------------------------------
// helpers for candidates

/** affine bijection on [0, 10^digits): (i * a + b) mod 10^digits, a coprime with 10 */
function perm(i: number, digits: number, a: number, b: number): string {
  const m = 10 ** digits;
  return String((((i % m) * a + b) % m + m) % m).padStart(digits, '0');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Grade in hundredths, realistic rounding (mostly half and quarter points), clamped to 0–20. */
export function roundGrade(rng: Rng, x: number): number {
  const r = rng.next();
  const step = r < 0.55 ? 50 : r < 0.82 ? 25 : r < 0.94 ? 100 : 1;
  let h = Math.round((x * 100) / step) * step;
  if (h < 0) h = 0;
  if (h > 2000) h = 2000;
  return h;
}

const CATEGORIES = [
  'SCOLAIRE',
  'APPRENTI',
  'FORMATION CONTINUE',
  'EXPERIENCE PROFESSIONNEL.3 ANS',
  'INDIVIDUEL',
  'ENSEIGNEMENT A DISTANCE',
] as const;
const CATEGORY_WEIGHTS = [62, 22, 7, 3, 4, 2];

interface JuryPlan {
  readonly code: string;
  readonly spec: GenSpecialite;
  readonly academie: AcademieEtabs;
  readonly centre: Etab;
  readonly size: number;
  readonly etat: JuryState;
  readonly president: string;
  readonly vicePresident: string;
  readonly debut: string;
  readonly fin: string;
}

function personName(rng: Rng): string {
  return `${rng.pick(NOMS_COMMUNS)} ${rng.pick(PRESIDENT_PRENOMS)}`;
}

function parseSession(session: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(session);
  if (!m) throw new RangeError(`session must be YYYY-MM, got ${session}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

// candidate level ~ N(10.8, 2.4); professional-vs-general profile ~ N(0.2, 1.2); leaf noise σ 2.3:
// leaf grades ≈ N(10.9, 3.5); about 65 % ADMIS, 5 % CONTROLE, 30 % REFUSE.
const ABILITY_MEAN = 10.8;
const ABILITY_SD = 2.4;
const PRO_BIAS_MEAN = 0.2;
const PRO_BIAS_SD = 1.2;
const LEAF_NOISE_SD = 2.3;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------------

/**
 * Write a complete synthetic session (the 9 files of SPEC §7) into `out`.
 * Streams candidates and grades; ~200 000 candidates in a few seconds.
 */
export async function generateSession(options: GenerateOptions): Promise<GenerateSummary> {
  const n = Math.floor(options.candidates);
  if (!Number.isFinite(n) || n < 1) throw new RangeError(`candidates must be ≥ 1, got ${options.candidates}`);
  if (n > 9_999_999) throw new RangeError('at most 9 999 999 candidates');
  const session = options.session ?? '2023-06';
  const { year } = parseSession(session);
  const yy = String(year % 100).padStart(2, '0');
  const rng = new Rng(options.seed ?? 1);
  const out = options.out;
  mkdirSync(out, { recursive: true });
  const H = EXCHANGE_HEADERS;

  // --- session
  writeCsvFile(join(out, 'session.csv'), H['session.csv'], [
    [
      'BTS',
      session,
      SYNTHETIC_ACADEMIE.code,
      SYNTHETIC_ACADEMIE.libelle,
      SYNTHETIC_ACADEMIE.serviceLibelle,
      SYNTHETIC_ACADEMIE.serviceAdresse,
      SYNTHETIC_ACADEMIE.serviceMail,
      SYNTHETIC_ACADEMIE.serviceTelephone,
    ],
  ]);

  // --- établissements
  const etabCount = Math.min(2600, Math.max(100, Math.round(n / 80)));
  const academies = buildEtablissements(rng.fork(), etabCount);
  const etabRows: CsvValue[][] = [];
  for (const a of academies) for (const e of a.all) etabRows.push([e.uai, e.libelle, e.ville]);
  writeCsvFile(join(out, 'etablissements.csv'), H['etablissements.csv'], etabRows);

  // --- spécialités
  const specRng = rng.fork();
  const specCount = Math.max(4, Math.min(SPECIALITES.length, Math.floor(n / 100)));
  const specEntries = specRng.shuffle(SPECIALITES).slice(0, specCount);
  const specs = specEntries.map((e) => buildSpecialite(specRng, e.code, e.libelle, e.family));
  writeCsvFile(
    join(out, 'specialites.csv'),
    H['specialites.csv'],
    specs.map((s) => [s.code, s.libelle]),
  );
  writeCsvFile(join(out, 'epreuves.csv'), H['epreuves.csv'], specs.flatMap(epreuveRows));

  // --- candidates per spécialité (Zipf-like popularity), then juries of 20–60
  const weights = specs.map((_, k) => (1 / (k + 4) ** 0.8) * (0.6 + specRng.next()));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const alloc = weights.map((w) => Math.floor((n * w) / wsum));
  let left = n - alloc.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0; k = (k + 1) % alloc.length, left--) alloc[k] = (alloc[k] ?? 0) + 1;

  const juryRng = rng.fork();
  const academieWeights = academies.map((a) => a.academie.weight);
  const juries: JuryPlan[] = [];
  specs.forEach((spec, k) => {
    let remaining = alloc[k] ?? 0;
    let index = 0;
    while (remaining > 0) {
      const size = remaining <= 60 ? remaining : juryRng.int(20, Math.min(60, remaining - 20));
      remaining -= size;
      index++;
      const academie = juryRng.weighted(academies, academieWeights);
      const centre = juryRng.pick(academie.centres);
      const etat = juryRng.weighted<JuryState>(['110', '105', '000'], [88, 6, 6]);
      const d1 = juryRng.int(29, 40); // 29 May .. 9 June
      const d2 = juryRng.int(28, 41); // 28 June .. 11 July
      juries.push({
        code: `${spec.code}-${String(index).padStart(3, '0')}`,
        spec,
        academie,
        centre,
        size,
        etat,
        president: personName(juryRng),
        vicePresident: personName(juryRng),
        debut: formatDateTime(year, d1 <= 31 ? 5 : 6, d1 <= 31 ? d1 : d1 - 31, juryRng.int(8, 16)),
        fin: formatDateTime(year, d2 <= 30 ? 6 : 7, d2 <= 30 ? d2 : d2 - 30, juryRng.int(9, 18)),
      });
    }
  });
  writeCsvFile(
    join(out, 'jurys.csv'),
    H['jurys.csv'],
    juries.map((j) => [j.code, j.spec.code, j.centre.uai, j.president, j.vicePresident, j.debut, j.fin, j.etat]),
  );

  // --- empty 2nd-group files (juries are at most at 110)
  writeCsvFile(join(out, 'choix_controle.csv'), H['choix_controle.csv'], []);
  writeCsvFile(join(out, 'notes_controle.csv'), H['notes_controle.csv'], []);

  // --- candidates and grades, streamed
  const cand = new CsvWriter(join(out, 'candidats.csv'), H['candidats.csv']);
  const notes = new CsvWriter(join(out, 'notes.csv'), H['notes.csv']);
  const candRng = rng.fork();
  const beneficeSessions = [1, 2, 3, 4].map((k) => `${year - k}-06`);
  let i = 0;
  try {
    for (const jury of juries) {
      // each jury recruits from a few établissements of its académie
      const a = jury.academie;
      const lycees = [jury.centre, ...candRng.shuffle(a.lycees).slice(0, candRng.int(1, 4))];
      const cfa = a.cfas.length > 0 ? candRng.pick(a.cfas) : jury.centre;
      const greta = a.gretas.length > 0 ? candRng.pick(a.gretas) : jury.centre;
      const unitShift = jury.spec.units.map(() => candRng.normal(0, 0.8));
      const compulsoryGeneral = jury.spec.units
        .map((u, idx) => ({ u, idx }))
        .filter((x) => !x.u.facultative && x.u.domaine === 'general');

      for (let k = 0; k < jury.size; k++, i++) {
        const r = candRng;
        const categorie = r.weighted(CATEGORIES, CATEGORY_WEIGHTS);
        const scolaire = categorie === 'SCOLAIRE';
        const adult = categorie === 'FORMATION CONTINUE' || categorie === 'EXPERIENCE PROFESSIONNEL.3 ANS' || categorie === 'INDIVIDUEL';
        const etabInscription =
          scolaire ? r.pick(lycees) : categorie === 'APPRENTI' ? (r.chance(0.75) ? cfa : r.pick(lycees)) : categorie === 'FORMATION CONTINUE' ? greta : r.pick(lycees);
        const centreEpreuve =
          scolaire && r.chance(0.85) ? etabInscription : r.chance(0.5) ? jury.centre : r.pick(lycees);
        const numeroCandidat = '0' + a.academie.num + yy.charAt(1) + perm(i, 7, 3_141_593, 2_718_281);
        const numeroInscription = r.chance(0.92) ? '001' : r.chance(0.85) ? '002' : '003';
        const anonymat = 'T' + yy + '0A' + a.academie.num + perm(i, 7, 7_654_321, 1_234_567);
        const femme = r.chance(0.52);
        const viet = r.chance(0.025);
        const nom = viet ? r.pick(NOMS_VIETNAMIENS) : r.pick(NOMS_COMMUNS);
        let prenoms = viet
          ? r.pick(femme ? PRENOMS_VIETNAMIENS_F : PRENOMS_VIETNAMIENS_M)
          : r.pick(femme ? PRENOMS_F : PRENOMS_M);
        if (!viet && r.chance(0.2)) prenoms += ' ' + r.pick(femme ? PRENOMS_F : PRENOMS_M);
        const nomUsage = femme && adult && r.chance(0.2) ? r.pick(NOMS_COMMUNS) : '';
        const birthYear = adult ? r.int(year - 50, year - 22) : r.int(year - 23, year - 19);
        const dateNaissance = formatDate(birthYear, r.int(1, 12), r.int(1, 28));
        let lieu: string;
        if (r.chance(0.05)) lieu = viet && r.chance(0.6) ? r.pick(FOREIGN_BIRTHPLACES.slice(0, 2)) : r.pick(FOREIGN_BIRTHPLACES);
        else {
          const da = r.chance(0.8) ? a.academie : r.pick(ACADEMIES);
          const dd = r.pick(da.departements);
          lieu = `${r.pick(dd.villes)} (${dd.uaiPrefix})`;
        }
        // INE: unique per candidate (the digits come from bijections of i), three legal shapes
        const ineKind = r.next();
        const ineDigits = perm(i, 9, 387_420_489, 123_456_789);
        const ine =
          ineKind < 0.85
            ? ineDigits + LETTERS.charAt(r.int(0, 25)) + LETTERS.charAt(r.int(0, 25))
            : ineKind < 0.95
              ? perm(i, 10, 7_777_777, 3_456_789_012) + LETTERS.charAt(r.int(0, 25))
              : ineDigits.slice(0, 4) + 'A' + ineDigits.slice(4) + LETTERS.charAt(r.int(0, 25));
        const formePassage = adult && r.chance(0.3) ? 'PROGRESSIVE' : 'GLOBALE';
        const livret = scolaire ? r.weighted(['oui', 'non', ''], [85, 10, 5]) : '';
        const handicap = r.chance(0.03) ? r.pick(HANDICAP_MEASURES) : '';
        const listeRouge = r.chance(0.005);
        const fraudeur = r.chance(0.002);
        let adresse = '';
        let cp = '';
        let ville = '';
        let mail = '';
        if (r.chance(0.95)) {
          const dept = r.chance(0.9) ? etabInscription.dept : r.pick(a.academie.departements);
          adresse = `${r.int(1, 180)} ${r.pick(STREETS)}`;
          cp = dept.cp + String(r.int(0, 10 ** (5 - dept.cp.length) - 1)).padStart(5 - dept.cp.length, '0');
          ville = r.pick(dept.villes);
        }
        if (r.chance(0.8)) {
          mail = `${asciiFold(prenoms.split(' ')[0] ?? 'x')}.${asciiFold(nom)}${r.int(1, 99)}@example.org`;
        }
        cand.row([
          numeroCandidat,
          numeroInscription,
          nom,
          nomUsage,
          prenoms,
          femme ? 'F' : 'M',
          dateNaissance,
          lieu,
          ine,
          categorie,
          formePassage,
          etabInscription.uai,
          centreEpreuve.uai,
          jury.code,
          anonymat,
          livret,
          handicap,
          yesNo(listeRouge),
          yesNo(fraudeur),
          adresse,
          cp,
          ville,
          mail,
        ]);

        // grades
        const ability = r.normal(ABILITY_MEAN, ABILITY_SD);
        // professional vs general profile: some candidates are much better in their professional units
        const proBias = r.normal(PRO_BIAS_MEAN, PRO_BIAS_SD);
        const prefix = numeroCandidat + ';' + numeroInscription + ';';
        const diUnit =
          (adult && r.chance(0.3)) || r.chance(0.005) ? r.pick(compulsoryGeneral).idx : -1; // at most one DI unit
        const redoublant = numeroInscription !== '001' || formePassage === 'PROGRESSIVE';
        const units = jury.spec.units;
        for (let ui = 0; ui < units.length; ui++) {
          const u = units[ui]!;
          if (u.facultative) {
            if (!r.chance(0.45)) continue;
            for (const leaf of u.leaves) {
              notes.rawLine(prefix + leaf.code + ';' + formatHundredths(roundGrade(r, ability + r.normal(0.5, 2.8))) + ';');
            }
            continue;
          }
          if (ui === diUnit) {
            for (const leaf of u.leaves) notes.rawLine(prefix + leaf.code + ';DI;');
            continue;
          }
          if (r.chance(redoublant ? 0.3 : 0.015)) {
            const ben = r.pick(beneficeSessions);
            for (const leaf of u.leaves) {
              const h = Math.max(1000, roundGrade(r, r.normal(12.5, 2)));
              notes.rawLine(prefix + leaf.code + ';' + formatHundredths(h) + ';' + ben);
            }
            continue;
          }
          const shift = (unitShift[ui] ?? 0) + (u.domaine === 'professionnel' ? proBias : -proBias);
          for (const leaf of u.leaves) {
            const x = r.next();
            const v = x < 0.003 ? 'ABS' : x < 0.004 ? 'AJ' : formatHundredths(roundGrade(r, ability + shift + r.normal(0, LEAF_NOISE_SD)));
            notes.rawLine(prefix + leaf.code + ';' + v + ';');
          }
        }
        if ((i & 4095) === 4095) await yieldToEventLoop();
      }
    }
  } finally {
    cand.close();
    notes.close();
  }

  return {
    candidates: cand.rows,
    grades: notes.rows,
    juries: juries.length,
    specialites: specs.length,
    etablissements: etabRows.length,
  };
}
