// Dates of documents, without the clock and without time zones: the caller gives the local (French)
// wall-clock time as text, documents print it as is, and the PDF metadata use the same digits.

/** Local wall-clock time "yyyy-mm-ddThh:mm" (seconds optional), e.g. "2023-06-06T11:18". */
export type LocalDateTime = string;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const FR_DATE_RE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

interface Parts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

function parts(value: LocalDateTime): Parts {
  const m = LOCAL_RE.exec(value);
  if (!m) throw new RangeError(`Date d'édition invalide « ${value} » (attendu aaaa-mm-jjThh:mm)`);
  return { year: m[1]!, month: m[2]!, day: m[3]!, hour: m[4]!, minute: m[5]!, second: m[6] ?? '00' };
}

/** The same digits as a Date (UTC), for PDF metadata and zip entries: independent of TZ. */
export function parseLocalDateTime(value: LocalDateTime): Date {
  const p = parts(value);
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second));
}

/** "2023-06-06T11:18" -> "06/06/2023 11:18". */
export function formatDateTimeFr(value: LocalDateTime): string {
  const p = parts(value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "2023-06-06T11:18" -> "06/06/2023". */
export function formatDateFr(value: LocalDateTime): string {
  const p = parts(value);
  return `${p.day}/${p.month}/${p.year}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "06/06/2023" (or "2023-06-06T…") -> "06 juin 2023", as the RLN prints its signature date. */
export function formatLongDateFr(value: string): string {
  const fr = FR_DATE_RE.exec(value.trim());
  const [day, month, year] = fr ? [fr[1]!, fr[2]!, fr[3]!] : (() => {
    const p = parts(value.length === 10 ? `${value}T00:00` : value);
    return [p.day, p.month, p.year];
  })();
  const name = MONTHS[+month - 1];
  if (!name) throw new RangeError(`Date invalide « ${value} »`);
  return `${day} ${name} ${year}`;
}
