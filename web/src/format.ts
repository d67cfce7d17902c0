// Display helpers (French formats).

/** "ACADEMIE DE BESANCON" / "Académie de Besançon" -> "ACADÉMIE DE BESANCON", as the memo's page headers. */
export function formatAcademie(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/^ACADEMIE\b/, 'ACADÉMIE');
}

/** "130 - Editions après la délibération du 1er groupe" */
export function stateLabel(code: string, libelle: string): string {
  return `${code} - ${libelle}`;
}

/** "31/05/2023 17:00 - 11/07/2023 11:00" (either side may be missing). */
export function deliberationDates(debut: string | null, fin: string | null): string {
  if (debut && fin) return `${debut} - ${fin}`;
  return debut ?? fin ?? '';
}

/**
 * The office's time zone: every time on screen is Paris time, as the server's pages and documents
 * (src/jobs/local-time.ts), whatever the browser's own zone.
 */
export const OFFICE_TIME_ZONE = 'Europe/Paris';
const officeClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** ISO timestamp -> "dd/mm/yyyy hh:mm:ss" in Paris time; already formatted strings are kept. */
export function formatDateTime(value: string): string {
  if (/^\d{2}\/\d{2}\/\d{4}/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = Object.fromEntries(officeClock.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** "LP NELSON MANDELA (0250001R)": the code is added only when the label does not already carry it. */
export function withCode(label: string | undefined | null, code: string): string {
  if (!label) return code;
  return label.includes(code) ? label : `${label} (${code})`;
}

export const ROLE_LABELS: Record<string, string> = {
  academie: 'Académie',
  centre: 'Centre de délibération',
  jury: 'Jury',
  centre_epreuve: "Centre d'épreuve",
};
