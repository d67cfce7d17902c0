// What a measure reports: named figures (a number, or n/a with the reason), with their target.

export interface Target {
  /** the figure must be below (`<`), at most (`<=`) or at least (`>=`) this value */
  readonly op: '<' | '<=' | '>=';
  readonly value: number;
}

export interface Figure {
  /** key in bench/results.json, e.g. import_200k_s */
  readonly key: string;
  /** French label for the table */
  readonly label: string;
  /** null: not measured (see `na`) */
  readonly value: number | null;
  readonly unit: string;
  readonly target?: Target;
  /** why there is no value: « pas encore disponible : … » */
  readonly na?: string;
  /** context printed next to the value (load, CPU time, rows…) */
  readonly note?: string;
}

export function figure(key: string, label: string, value: number, unit: string, extra: { target?: Target; note?: string } = {}): Figure {
  return { key, label, value, unit, ...extra };
}

export function notAvailable(key: string, label: string, unit: string, reason: string, target?: Target): Figure {
  return { key, label, value: null, unit, na: `n/a (pas encore disponible : ${reason})`, ...(target ? { target } : {}) };
}

/** The measure ran but failed: the figure says why instead of a number. */
export function failed(key: string, label: string, unit: string, reason: string, target?: Target): Figure {
  return { key, label, value: null, unit, na: `échec : ${reason}`, ...(target ? { target } : {}) };
}

export function meets(f: Figure): boolean | null {
  if (f.value === null || !f.target) return null;
  if (f.target.op === '<') return f.value < f.target.value;
  return f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
}

/** 200000 → "200k", 15000 → "15k", 2500 → "2.5k" */
export function scaleName(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}k` : `${(n / 1000).toString()}k`;
}

function formatValue(v: number): string {
  if (Math.abs(v) >= 100_000) return Math.round(v).toLocaleString('fr-FR');
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ok = meets(f);
    return [
      f.label,
      f.value === null ? (f.na ?? 'n/a') : `${formatValue(f.value)} ${f.unit}`,
      f.target ? `${f.target.op} ${formatValue(f.target.value)} ${f.unit}` : '',
      ok === null ? '' : ok ? 'oui' : 'NON',
      f.note ?? '',
    ];
  });
  const head = ['Mesure', 'Valeur', 'Cible', 'Atteinte', 'Contexte'];
  const widths = head.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}
