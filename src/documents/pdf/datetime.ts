// Dates of documents, without the clock: the caller gives the local (French) wall-clock time as text,
// documents print it as is; the PDF metadata hold the instant it denotes in the office's time zone.
import { officeTimeZone } from '../../jobs/local-time.js';

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

/** The same digits as a Date (UTC): independent of TZ (zip entries keep the wall-clock digits). */
export function parseLocalDateTime(value: LocalDateTime): Date {
  const p = parts(value);
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second));
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `t` (ms). */
function offsetAt(t: number, timeZone: string): number {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    zoneFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) - t;
}

/**
 * The instant of a wall-clock time of the exam office's zone (DELIB_TIMEZONE, default Europe/Paris):
 * "2023-06-06T11:18" → 2023-06-06T09:18Z. The PDF metadata dates are instants (pdfkit writes them in
 * UTC, "…Z"): the local digits written as UTC would put the edition two hours late. Independent of TZ.
 */
export function officeInstant(value: LocalDateTime, timeZone = officeTimeZone()): Date {
  const wall = parseLocalDateTime(value).getTime();
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone); // across a DST change, the offset at the instant itself
  return new Date(t);
}

/** "2023-06-06T11:18" -> "06/06/2023 11:18". */
export function formatDateTimeFr(value: LocalDateTime): string {
  const p = parts(value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
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
