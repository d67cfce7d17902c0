// The wall-clock time of the exam office (documents print local times, the database keeps UTC).
// DELIB_TIMEZONE overrides the default Europe/Paris (e.g. for an overseas académie).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function officeTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  return env.DELIB_TIMEZONE || 'Europe/Paris';
}

/** "2023-06-06T13:54:25" in the office's time zone. */
export function localDateTime(d: Date, timeZone = officeTimeZone()): string {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** "2023-06-06T13:54" (minutes: the "Edité le" of documents). */
export function localMinute(d: Date, timeZone = officeTimeZone()): string {
  return localDateTime(d, timeZone).slice(0, 16);
}

/** "06/06/2023 13:54:25" */
export function frenchDateTime(d: Date, timeZone = officeTimeZone()): string {
  const s = localDateTime(d, timeZone);
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 19)}`;
}

/** "06/06/2023" */
export function frenchDate(d: Date, timeZone = officeTimeZone()): string {
  return frenchDateTime(d, timeZone).slice(0, 10);
}

/** "00:00:01" */
export function clockDuration(ms: number): string {
  const t = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(t / 3600))}:${pad(Math.floor((t % 3600) / 60))}:${pad(t % 60)}`;
}
