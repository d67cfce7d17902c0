// Test-side reading and checking of an exchange-format folder (SPEC §7), written independently of the
// generators: own CSV reading, own UAI / INE checks, own exact (integer-only) 1st-group calculator.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_HEADERS: Record<string, string[]> = {
  'session.csv':
    'domaine;session;academie_code;academie_libelle;service_examen_libelle;service_examen_adresse;service_examen_mail;service_examen_telephone'.split(';'),
  'etablissements.csv': 'uai;libelle;ville'.split(';'),
  'specialites.csv': 'code;libelle'.split(';'),
  'epreuves.csv': 'specialite;code;libelle;coefficient;domaine;controle;facultative;parent;ects'.split(';'),
  'jurys.csv': 'code;specialite;centre_deliberation;president;vice_president;debut_deliberation;fin_deliberation;etat'.split(';'),
  'candidats.csv':
    'numero_candidat;numero_inscription;nom;nom_usage;prenoms;sexe;date_naissance;lieu_naissance;ine;categorie;forme_passage;etablissement_inscription;centre_epreuve;jury;numero_anonymat;livret;handicap;liste_rouge;presume_fraudeur;adresse;code_postal;ville;mail'.split(
      ';',
    ),
  'notes.csv': 'numero_candidat;numero_inscription;epreuve;note;benefice'.split(';'),
  'choix_controle.csv': 'numero_candidat;numero_inscription;epreuve_1;epreuve_2'.split(';'),
  'notes_controle.csv': 'numero_candidat;numero_inscription;epreuve;note'.split(';'),
};

export type Row = Record<string, string>;

export interface Table {
  header: string[];
  rows: Row[];
  raw: Buffer;
}

/** Read one file: checks BOM, `\n` line ends, exact column count on every line. */
export function readTable(dir: string, file: string): Table {
  const raw = readFileSync(join(dir, file));
  if (!(raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf)) throw new Error(`${file}: no BOM`);
  const text = raw.subarray(3).toString('utf8');
  if (text.includes('\r')) throw new Error(`${file}: CR found`);
  if (!text.endsWith('\n')) throw new Error(`${file}: no final newline`);
  const lines = text.slice(0, -1).split('\n');
  const header = (lines[0] ?? '').split(';');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] as string).split(';');
    if (cells.length !== header.length) throw new Error(`${file}:${i + 1}: ${cells.length} cells, expected ${header.length}`);
    const row: Row = {};
    header.forEach((h, k) => (row[h] = cells[k] as string));
    rows.push(row);
  }
  return { header, rows, raw };
}

export function readSession(dir: string): Record<string, Table> {
  const out: Record<string, Table> = {};
  for (const f of Object.keys(SPEC_HEADERS)) out[f] = readTable(dir, f);
  return out;
}

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
export function uaiOk(uai: string): boolean {
  if (!/^\d{7}[A-Z]$/.test(uai)) return false;
  return UAI_LETTERS[parseInt(uai.slice(0, 7), 10) % 23] === uai[7];
}

export function ineOk(ine: string): boolean {
  return /^\d{9}[A-Z]{2}$/.test(ine) || /^\d{10}[A-Z]$/.test(ine) || /^\d{4}A\d{5}[A-Z]$/.test(ine);
}

/** "12,5" -> 1250 ; null when not a valid 0–20 grade with at most 2 decimals */
export function gradeHundredths(s: string): number | null {
  const m = /^(\d{1,2})(?:[,.](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
  return h <= 2000 ? h : null;
}

/** "1,5" -> 150 */
export function coefCenti(s: string): number | null {
  const m = /^(\d{1,3})(?:[,.](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}

export interface Leaf {
  code: string;
  coef: number;
}
export interface Unit {
  code: string;
  coef: number;
  domaine: string;
  controle: boolean;
  facultative: boolean;
  ects: string;
  leaves: Leaf[];
}

/** spécialité code -> units (in file order) built from epreuves.csv */
export function rulesets(epreuves: Row[]): Map<string, Unit[]> {
  const out = new Map<string, Unit[]>();
  const units = new Map<string, Unit>();
  const subs: Row[] = [];
  for (const r of epreuves) {
    if (r.parent) {
      subs.push(r);
      continue;
    }
    const u: Unit = {
      code: r.code!,
      coef: coefCenti(r.coefficient!)!,
      domaine: r.domaine!,
      controle: r.controle === 'oui',
      facultative: r.facultative === 'oui',
      ects: r.ects!,
      leaves: [],
    };
    units.set(`${r.specialite}|${r.code}`, u);
    if (!out.has(r.specialite!)) out.set(r.specialite!, []);
    out.get(r.specialite!)!.push(u);
  }
  for (const r of subs) {
    const u = units.get(`${r.specialite}|${r.parent}`);
    if (!u) throw new Error(`sub-épreuve ${r.specialite}/${r.code}: unknown parent ${r.parent}`);
    u.leaves.push({ code: r.code!, coef: coefCenti(r.coefficient!)! });
  }
  for (const list of out.values()) for (const u of list) if (u.leaves.length === 0) u.leaves.push({ code: u.code, coef: 100 });
  return out;
}

export type Decision = 'ADMIS' | 'CONTROLE' | 'REFUSE' | 'INCOMPLET';

/**
 * Own exact calculator, integers only (BigInt). Grades by leaf code as written in notes.csv.
 * Returns the decision and the averages truncated to hundredths.
 */
export function decide(units: Unit[], grades: Map<string, string>): { decision: Decision; moy: number | null; pro: number | null } {
  // accumulate as fraction N/D with D = product of unit leaf-coefficient sums
  let N = 0n;
  let D = 1n;
  let PN = 0n;
  let PD = 1n;
  let coefSum = 0n;
  let proCoef = 0n;
  let bonusN = 0n;
  let bonusD = 1n;
  let missing = false;
  let abs = false;
  const addTo = (n: bigint, d: bigint, an: bigint, ad: bigint): [bigint, bigint] => [n * ad + an * d, d * ad];
  for (const u of units) {
    let num = 0n;
    let den = 0n;
    let miss = false;
    let isAbs = false;
    for (const l of u.leaves) {
      const g = grades.get(l.code);
      if (g === undefined || g === '') {
        miss = true;
        continue;
      }
      if (g === 'DI') continue;
      den += BigInt(l.coef);
      if (g === 'ABS') isAbs = true;
      else if (g !== 'AJ') num += BigInt(gradeHundredths(g)!) * BigInt(l.coef);
    }
    const C = BigInt(u.coef);
    if (u.facultative) {
      if (!miss && !isAbs && den > 0n && num > 1000n * den) [bonusN, bonusD] = addTo(bonusN, bonusD, (num - 1000n * den) * C, den);
      continue;
    }
    if (miss) {
      missing = true;
      continue;
    }
    if (den === 0n) continue; // DI unit
    if (isAbs) {
      abs = true;
      num = 0n;
    }
    [N, D] = addTo(N, D, num * C, den);
    coefSum += C;
    if (u.domaine === 'professionnel') {
      [PN, PD] = addTo(PN, PD, num * C, den);
      proCoef += C;
    }
  }
  if (missing) return { decision: 'INCOMPLET', moy: null, pro: null };
  [N, D] = addTo(N, D, bonusN, bonusD);
  const moyAtLeast = (h: bigint): boolean => N >= h * D * coefSum;
  const proAtLeast10 = proCoef === 0n || PN >= 1000n * PD * proCoef;
  const moy = coefSum > 0n ? Number(N / (D * coefSum)) : null;
  const pro = proCoef > 0n ? Number(PN / (PD * proCoef)) : null;
  let decision: Decision;
  if (abs || coefSum === 0n) decision = 'REFUSE';
  else if (moyAtLeast(1000n)) decision = 'ADMIS';
  else if (moyAtLeast(800n) && proAtLeast10) decision = 'CONTROLE';
  else decision = 'REFUSE';
  return { decision, moy, pro };
}

export const candKey = (r: Row): string => `${r.numero_candidat}-${r.numero_inscription}`;

/** Group notes.csv by candidate key: key -> (epreuve -> note) */
export function gradesByCandidate(notes: Row[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of notes) {
    const k = candKey(r);
    let m = out.get(k);
    if (!m) out.set(k, (m = new Map()));
    m.set(r.epreuve!, r.note!);
  }
  return out;
}

/**
 * Every SPEC §7 row check the importer makes; returns the list of problems (empty = valid).
 * `allowedStates`: the jury states the session may contain.
 */
export function validateSession(t: Record<string, Table>, allowedStates: string[]): string[] {
  const errors: string[] = [];
  const err = (m: string): void => {
    if (errors.length < 50) errors.push(m);
  };
  for (const [f, h] of Object.entries(SPEC_HEADERS)) {
    if (t[f]!.header.join(';') !== h.join(';')) err(`${f}: header ${t[f]!.header.join(';')}`);
  }
  const session = t['session.csv']!.rows;
  if (session.length !== 1) err('session.csv must have 1 row');
  const sessionId = session[0]?.session ?? '';
  if (!/^\d{4}-\d{2}$/.test(sessionId)) err(`bad session ${sessionId}`);
  const sessionYear = Number(sessionId.slice(0, 4));

  const uais = new Set<string>();
  for (const r of t['etablissements.csv']!.rows) {
    if (!uaiOk(r.uai!)) err(`bad UAI ${r.uai}`);
    if (uais.has(r.uai!)) err(`duplicate UAI ${r.uai}`);
    uais.add(r.uai!);
    if (!r.libelle || !r.ville) err(`établissement ${r.uai} without libellé/ville`);
  }
  const specs = new Set<string>();
  for (const r of t['specialites.csv']!.rows) {
    if (specs.has(r.code!)) err(`duplicate spécialité ${r.code}`);
    specs.add(r.code!);
  }
  const epKeys = new Set<string>();
  for (const r of t['epreuves.csv']!.rows) {
    const k = `${r.specialite}|${r.code}`;
    if (epKeys.has(k)) err(`duplicate épreuve ${k}`);
    epKeys.add(k);
    if (!specs.has(r.specialite!)) err(`épreuve ${k}: unknown spécialité`);
    const c = coefCenti(r.coefficient!);
    if (c === null || c <= 0) err(`épreuve ${k}: bad coefficient ${r.coefficient}`);
    if (r.domaine !== 'general' && r.domaine !== 'professionnel') err(`épreuve ${k}: domaine ${r.domaine}`);
    if (!['oui', 'non'].includes(r.controle!) || !['oui', 'non'].includes(r.facultative!)) err(`épreuve ${k}: booleans`);
    if (r.ects !== '' && !/^\d+$/.test(r.ects!)) err(`épreuve ${k}: ects ${r.ects}`);
  }
  const rs = rulesets(t['epreuves.csv']!.rows);
  for (const [code, units] of rs) {
    if (units.length < 6 || units.length > 9) err(`spécialité ${code}: ${units.length} units`);
    const compulsory = units.filter((u) => !u.facultative);
    if (compulsory.filter((u) => u.controle && u.domaine === 'general').length < 2) err(`spécialité ${code}: < 2 contrôle units`);
    if (units.some((u) => u.controle && (u.facultative || u.domaine !== 'general'))) err(`spécialité ${code}: controle on non-general unit`);
    const ects = compulsory.reduce((a, u) => a + Number(u.ects || 0), 0);
    if (ects !== 120) err(`spécialité ${code}: ECTS sum ${ects}`);
  }
  const juries = new Map<string, Row>();
  for (const r of t['jurys.csv']!.rows) {
    if (juries.has(r.code!)) err(`duplicate jury ${r.code}`);
    juries.set(r.code!, r);
    if (!specs.has(r.specialite!)) err(`jury ${r.code}: unknown spécialité ${r.specialite}`);
    if (!uais.has(r.centre_deliberation!)) err(`jury ${r.code}: unknown centre ${r.centre_deliberation}`);
    if (!allowedStates.includes(r.etat!)) err(`jury ${r.code}: state ${r.etat}`);
    for (const d of [r.debut_deliberation!, r.fin_deliberation!]) {
      if (!/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(d)) err(`jury ${r.code}: date ${d}`);
    }
    if (!r.president) err(`jury ${r.code}: no président`);
  }
  const cands = new Map<string, Row>();
  const numeros = new Set<string>();
  const anonymats = new Set<string>();
  for (const r of t['candidats.csv']!.rows) {
    const k = candKey(r);
    if (cands.has(k)) err(`duplicate candidate ${k}`);
    cands.set(k, r);
    if (!/^\d{11}$/.test(r.numero_candidat!)) err(`candidate ${k}: numero`);
    if (numeros.has(r.numero_candidat!)) err(`candidate ${k}: numero_candidat reused`);
    numeros.add(r.numero_candidat!);
    if (!/^\d{3}$/.test(r.numero_inscription!)) err(`candidate ${k}: inscription`);
    if (r.numero_anonymat!.length !== 14) err(`candidate ${k}: anonymat ${r.numero_anonymat}`);
    if (anonymats.has(r.numero_anonymat!)) err(`candidate ${k}: duplicate anonymat`);
    anonymats.add(r.numero_anonymat!);
    if (!ineOk(r.ine!)) err(`candidate ${k}: INE ${r.ine}`);
    if (!r.nom || !r.prenoms) err(`candidate ${k}: name`);
    if (r.sexe !== 'M' && r.sexe !== 'F') err(`candidate ${k}: sexe`);
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(r.date_naissance!)) err(`candidate ${k}: date ${r.date_naissance}`);
    if (!r.categorie) err(`candidate ${k}: categorie`);
    if (r.forme_passage !== 'GLOBALE' && r.forme_passage !== 'PROGRESSIVE') err(`candidate ${k}: forme`);
    if (!uais.has(r.etablissement_inscription!)) err(`candidate ${k}: établissement ${r.etablissement_inscription}`);
    if (!uais.has(r.centre_epreuve!)) err(`candidate ${k}: centre ${r.centre_epreuve}`);
    if (!juries.has(r.jury!)) err(`candidate ${k}: jury ${r.jury}`);
    if (!['oui', 'non', ''].includes(r.livret!)) err(`candidate ${k}: livret`);
    if (r.livret !== '' && r.categorie !== 'SCOLAIRE') err(`candidate ${k}: livret for non SCOLAIRE`);
    if (!['oui', 'non'].includes(r.liste_rouge!) || !['oui', 'non'].includes(r.presume_fraudeur!)) err(`candidate ${k}: flags`);
  }
  const seen = new Set<string>();
  for (const r of t['notes.csv']!.rows) {
    const k = candKey(r);
    const c = cands.get(k);
    if (!c) {
      err(`grade of unknown candidate ${k}`);
      continue;
    }
    const units = rs.get(juries.get(c.jury!)!.specialite!) ?? [];
    if (!units.some((u) => u.leaves.some((l) => l.code === r.epreuve))) err(`grade ${k}/${r.epreuve}: not a leaf`);
    const gk = `${k}|${r.epreuve}`;
    if (seen.has(gk)) err(`duplicate grade ${gk}`);
    seen.add(gk);
    const isCode = ['ABS', 'AJ', 'DI'].includes(r.note!);
    const h = gradeHundredths(r.note!);
    if (!isCode && h === null) err(`grade ${gk}: bad value ${r.note}`);
    if (r.benefice) {
      const m = /^(\d{4})-(\d{2})$/.exec(r.benefice);
      if (!m) err(`grade ${gk}: bénéfice ${r.benefice}`);
      else {
        const age = sessionYear - Number(m[1]);
        if (age < 1 || age > 5) err(`grade ${gk}: bénéfice too old/new ${r.benefice}`);
      }
      if (h === null || h < 1000) err(`grade ${gk}: bénéfice below 10 (${r.note})`);
    }
  }
  const grades = gradesByCandidate(t['notes.csv']!.rows);
  for (const r of t['choix_controle.csv']!.rows) {
    const k = candKey(r);
    const c = cands.get(k);
    if (!c) {
      err(`choice of unknown candidate ${k}`);
      continue;
    }
    if (r.epreuve_1 === r.epreuve_2) err(`choice ${k}: twice the same`);
    const units = rs.get(juries.get(c.jury!)!.specialite!) ?? [];
    const g = grades.get(k) ?? new Map<string, string>();
    for (const e of [r.epreuve_1, r.epreuve_2]) {
      const u = units.find((x) => x.code === e);
      if (!u || !u.controle || u.facultative) err(`choice ${k}: ${e} not eligible`);
      else if (u.leaves.every((l) => g.get(l.code) === 'DI')) err(`choice ${k}: ${e} is DI`);
    }
  }
  for (const r of t['notes_controle.csv']!.rows) {
    if (!cands.has(candKey(r))) err(`contrôle grade of unknown candidate`);
    if (r.note !== 'ABS' && gradeHundredths(r.note!) === null) err(`contrôle grade ${r.note}`);
  }
  return errors;
}
