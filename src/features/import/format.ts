// The exchange format of SPEC §7: files, their exact columns, and small value parsers that return
// a French error message or a value.
import { readCsvLineBatches } from './csv-reader.js';

export const FILES = {
  session: ['domaine', 'session', 'academie_code', 'academie_libelle', 'service_examen_libelle', 'service_examen_adresse', 'service_examen_mail', 'service_examen_telephone'],
  etablissements: ['uai', 'libelle', 'ville'],
  specialites: ['code', 'libelle'],
  epreuves: ['specialite', 'code', 'libelle', 'coefficient', 'domaine', 'controle', 'facultative', 'parent', 'ects'],
  jurys: ['code', 'specialite', 'centre_deliberation', 'president', 'vice_president', 'debut_deliberation', 'fin_deliberation', 'etat'],
  candidats: ['numero_candidat', 'numero_inscription', 'nom', 'nom_usage', 'prenoms', 'sexe', 'date_naissance', 'lieu_naissance', 'ine', 'categorie', 'forme_passage', 'etablissement_inscription', 'centre_epreuve', 'jury', 'numero_anonymat', 'livret', 'handicap', 'liste_rouge', 'presume_fraudeur', 'adresse', 'code_postal', 'ville', 'mail'],
  notes: ['numero_candidat', 'numero_inscription', 'epreuve', 'note', 'benefice'],
  choix_controle: ['numero_candidat', 'numero_inscription', 'epreuve_1', 'epreuve_2'],
  notes_controle: ['numero_candidat', 'numero_inscription', 'epreuve', 'note'],
} as const;

export type FileName = keyof typeof FILES;
export const REQUIRED_FILES: readonly FileName[] = ['session', 'etablissements', 'specialites', 'epreuves', 'jurys', 'candidats', 'notes'];
export const OPTIONAL_FILES: readonly FileName[] = ['choix_controle', 'notes_controle'];

export interface ImportError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** At most this many errors are kept per file (all are counted): every file's errors show at once. */
export const ERRORS_PER_FILE = 100;

/**
 * Collects the errors of every file; keeps the first ERRORS_PER_FILE of each file (and counts the
 * rest), so that a flood in one file does not hide the errors of the others.
 */
export class ErrorList {
  private readonly files = new Map<string, { items: ImportError[]; count: number }>();
  /** files whose content could not be read at all (header wrong, file empty): dependent checks are skipped */
  readonly unreadable = new Set<string>();
  count = 0;
  constructor(private readonly perFile = ERRORS_PER_FILE) {}
  add(file: string, line: number, message: string): void {
    this.count++;
    let f = this.files.get(file);
    if (!f) this.files.set(file, (f = { items: [], count: 0 }));
    f.count++;
    if (f.items.length < this.perFile) f.items.push({ file, line, message });
  }
  get any(): boolean {
    return this.count > 0;
  }
  /** the kept errors, file after file in `order` (others after), each file's in line order */
  items(order: readonly string[] = []): ImportError[] {
    const rank = (file: string) => {
      const i = order.indexOf(file);
      return i < 0 ? order.length : i;
    };
    const files = [...this.files.keys()].sort((a, b) => rank(a) - rank(b));
    return files.flatMap((file) => [...this.files.get(file)!.items].sort((a, b) => a.line - b.line));
  }
  /** the number of errors of each file (kept or not) */
  countsByFile(): Record<string, number> {
    return Object.fromEntries([...this.files].map(([file, f]) => [file, f.count]));
  }
}

export type Row<F extends FileName> = Record<(typeof FILES)[F][number], string> & { readonly __line: number };

/** Rows of one file: objects of one shape (a class per file), built from the fields in file order. */
function rowClass(columns: readonly string[], index: readonly number[]): new (line: number, fields: readonly string[]) => Record<string, string | number> {
  return class {
    constructor(line: number, fields: readonly string[]) {
      const row = this as unknown as Record<string, string | number>;
      row.__line = line;
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = fields[index[i]!]!.trim();
    }
  } as unknown as new (line: number, fields: readonly string[]) => Record<string, string | number>;
}

/** Longest value of a field, in characters (free-text columns get more). */
export const MAX_FIELD_CHARS = 200;
export const MAX_TEXT_FIELD_CHARS = 1000;
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['motif', 'handicap', 'adresse', 'service_examen_adresse', 'libelle', 'academie_libelle', 'service_examen_libelle']);

/**
 * Characters no field may hold: C0 controls but the tab (NUL included), DEL, C1 controls (the
 * trace of a wrong conversion), and U+FFFD, which is what invalid UTF-8 bytes decode to.
 */
// eslint-disable-next-line no-control-regex
const BAD_CHARACTER = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\uFFFD]/;

function codePoint(c: string): string {
  return 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** The French reason a field's value is refused (characters, length), or null. */
export function fieldProblem(column: string, value: string): string | null {
  const m = BAD_CHARACTER.exec(value);
  if (m) {
    const c = m[0];
    if (c === '\uFFFD') return `${column} : octets invalides (le fichier doit être encodé en UTF-8)`;
    if (c === '\n' || c === '\r') return `${column} : retour à la ligne interdit dans un champ`;
    if (c === '\u0000') return `${column} : caractère nul (${codePoint(c)}) interdit`;
    return `${column} : caractère de contrôle ${codePoint(c)} interdit`;
  }
  const max = TEXT_COLUMNS.has(column) ? MAX_TEXT_FIELD_CHARS : MAX_FIELD_CHARS;
  if (value.length > max) return `${column} : valeur trop longue (${value.length.toLocaleString('fr-FR')} caractères, ${max.toLocaleString('fr-FR')} au plus)`;
  return null;
}

/**
 * Reads a file of the format: checks the header (exact columns, any order) and yields rows as
 * objects keyed by column, values trimmed, a batch at a time (the large files are millions of
 * rows). A row with a wrong number of fields, a forbidden character, invalid UTF-8 or an overlong
 * value is reported (the row is still yielded, so that later checks need not cascade: nothing is
 * written once an error is known).
 */
export async function* readRowBatches<F extends FileName>(path: string, name: F, errors: ErrorList): AsyncGenerator<Row<F>[]> {
  const file = `${name}.csv`;
  const columns = FILES[name] as readonly string[];
  let make: ReturnType<typeof rowClass> | null = null;
  let names: string[] = [];
  let width = 0;
  for await (const lines of readCsvLineBatches(path, (line, message) => errors.add(file, line, message))) {
    let rows: Row<F>[] = [];
    for (const row of lines) {
      if (!make) {
        const header = row.fields.map((f, i) => fieldProblem(`colonne ${i + 1}`, f)).find((p) => p !== null);
        if (header) {
          errors.add(file, row.line, `ligne d'en-tête : ${header}`);
          errors.unreadable.add(file);
          return;
        }
        const index = checkHeader(file, row.fields, columns, errors);
        if (!index) {
          errors.unreadable.add(file);
          return;
        }
        width = row.fields.length;
        names = row.fields.map((f) => f.trim().toLowerCase());
        make = rowClass(columns, index);
        continue;
      }
      if (row.fields.length !== width) {
        errors.add(file, row.line, `${row.fields.length} colonne(s) au lieu de ${width}`);
        continue;
      }
      for (let i = 0; i < width; i++) {
        const v = row.fields[i]!;
        if (v.length <= MAX_FIELD_CHARS && !BAD_CHARACTER.test(v)) continue;
        const p = fieldProblem(names[i]!, v);
        if (p) errors.add(file, row.line, p);
      }
      rows.push(new make(row.line, row.fields) as Row<F>);
    }
    if (rows.length) yield rows;
    rows = [];
  }
  if (!make) {
    errors.add(file, 1, 'fichier vide : la ligne d\'en-tête manque');
    errors.unreadable.add(file);
  }
}

/** Same as readRowBatches, one row at a time (the small files). */
export async function* readRows<F extends FileName>(path: string, name: F, errors: ErrorList): AsyncGenerator<Row<F>> {
  for await (const rows of readRowBatches(path, name, errors)) yield* rows;
}

function checkHeader(file: string, fields: string[], columns: readonly string[], errors: ErrorList): number[] | null {
  const names = fields.map((f) => f.trim().toLowerCase());
  let ok = true;
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      errors.add(file, 1, `colonne « ${n} » en double`);
      ok = false;
    }
    seen.add(n);
    if (!columns.includes(n)) {
      errors.add(file, 1, `colonne inconnue « ${n.length > 50 ? n.slice(0, 50) + '…' : n} » (colonnes attendues : ${columns.join(', ')})`);
      ok = false;
    }
  }
  for (const c of columns) {
    if (!names.includes(c)) {
      errors.add(file, 1, `colonne manquante « ${c} »`);
      ok = false;
    }
  }
  return ok ? columns.map((c) => names.indexOf(c)) : null;
}

// ---- value parsers: return [value] or an error message ---------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseBool(text: string, column: string): Parsed<boolean> {
  const t = text.toLowerCase();
  if (t === 'oui') return { ok: true, value: true };
  if (t === 'non' || t === '') return { ok: true, value: false };
  return { ok: false, error: `${column} : « ${text} » n'est pas oui ou non` };
}

/** oui / non / empty (no status) */
export function parseTriState(text: string, column: string): Parsed<boolean | null> {
  if (text === '') return { ok: true, value: null };
  return parseBool(text, column);
}

/** dd/mm/yyyy → yyyy-mm-dd */
export function parseDate(text: string, column: string): Parsed<string> {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m || !validDate(+m[3]!, +m[2]!, +m[1]!)) return { ok: false, error: `${column} : « ${text} » n'est pas une date jj/mm/aaaa valide` };
  return { ok: true, value: `${m[3]}-${m[2]}-${m[1]}` };
}

/** dd/mm/yyyy hh:mm → yyyy-mm-ddThh:mm */
export function parseDateTime(text: string, column: string): Parsed<string> {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!m || !validDate(+m[3]!, +m[2]!, +m[1]!) || +m[4]! > 23 || +m[5]! > 59) {
    return { ok: false, error: `${column} : « ${text} » n'est pas une date jj/mm/aaaa hh:mm valide` };
  }
  return { ok: true, value: `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}` };
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2100) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export function required(text: string, column: string): Parsed<string> {
  return text === '' ? { ok: false, error: `${column} : valeur obligatoire manquante` } : { ok: true, value: text };
}
