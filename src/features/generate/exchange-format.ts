// The exchange format (SPEC §7) as the generators write it: file names, exact headers, value formats.
// Kept local to the generators on purpose (the importer has its own reading of the format).

export const EXCHANGE_HEADERS = {
  'session.csv': [
    'domaine',
    'session',
    'academie_code',
    'academie_libelle',
    'service_examen_libelle',
    'service_examen_adresse',
    'service_examen_mail',
    'service_examen_telephone',
  ],
  'etablissements.csv': ['uai', 'libelle', 'ville'],
  'specialites.csv': ['code', 'libelle'],
  'epreuves.csv': ['specialite', 'code', 'libelle', 'coefficient', 'domaine', 'controle', 'facultative', 'parent', 'ects'],
  'jurys.csv': [
    'code',
    'specialite',
    'centre_deliberation',
    'president',
    'vice_president',
    'debut_deliberation',
    'fin_deliberation',
    'etat',
  ],
  'candidats.csv': [
    'numero_candidat',
    'numero_inscription',
    'nom',
    'nom_usage',
    'prenoms',
    'sexe',
    'date_naissance',
    'lieu_naissance',
    'ine',
    'categorie',
    'forme_passage',
    'etablissement_inscription',
    'centre_epreuve',
    'jury',
    'numero_anonymat',
    'livret',
    'handicap',
    'liste_rouge',
    'presume_fraudeur',
    'adresse',
    'code_postal',
    'ville',
    'mail',
  ],
  'notes.csv': ['numero_candidat', 'numero_inscription', 'epreuve', 'note', 'benefice'],
  'choix_controle.csv': ['numero_candidat', 'numero_inscription', 'epreuve_1', 'epreuve_2'],
  'notes_controle.csv': ['numero_candidat', 'numero_inscription', 'epreuve', 'note'],
} as const satisfies Record<string, readonly string[]>;

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** Check letter of a UAI from its first 7 digits (SPEC §7). */
export function uaiCheckLetter(sevenDigits: string): string {
  if (!/^\d{7}$/.test(sevenDigits)) throw new RangeError(`UAI prefix must be 7 digits: ${sevenDigits}`);
  return UAI_LETTERS[Number(sevenDigits) % 23] as string;
}

/** Full UAI (7 digits + check letter). */
export function makeUai(sevenDigits: string): string {
  return sevenDigits + uaiCheckLetter(sevenDigits);
}

export function isValidUai(uai: string): boolean {
  return /^\d{7}[A-Z]$/.test(uai) && uaiCheckLetter(uai.slice(0, 7)) === uai[7];
}

/** 1250 -> "12,5"; 1225 -> "12,25"; 900 -> "9" (decimal comma, no trailing zero). */
export function formatHundredths(hundredths: number): string {
  if (!Number.isInteger(hundredths) || hundredths < 0) throw new RangeError(`bad hundredths ${hundredths}`);
  const int = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return String(int);
  if (frac % 10 === 0) return `${int},${frac / 10}`;
  return `${int},${frac < 10 ? '0' : ''}${frac}`;
}

export function yesNo(b: boolean): 'oui' | 'non' {
  return b ? 'oui' : 'non';
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** dd/mm/yyyy */
export function formatDate(year: number, month: number, day: number): string {
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** dd/mm/yyyy hh:mm */
export function formatDateTime(year: number, month: number, day: number, hour: number, minute = 0): string {
  return `${formatDate(year, month, day)} ${pad2(hour)}:${pad2(minute)}`;
}
