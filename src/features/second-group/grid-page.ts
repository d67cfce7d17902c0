// Paging of the 2nd-group grids, as the juries list does it (src/features/juries/list-juries.ts): the
// rows the viewer may see are filtered, sorted (French collation, numbers in order) and cut on the
// server; only a page goes over the wire and into the browser. At national scale the académie's grid
// has one row per CONTROLE candidate (≈ 10 000 of 200 000) or per chosen unit (twice that).

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** Accents and case ignored, as the screens' filters always did. */
export function normalize(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Does `text` contain the filter (empty filter: yes)? */
export function contains(text: string, filter: string | undefined): boolean {
  const f = filter?.trim();
  return !f || normalize(text).includes(normalize(f));
}

export interface Page<T> {
  readonly rows: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Rows matching `keep`, sorted by `key` (then by `tie`, ascending, whatever the order), page `page`
 * (the last one when beyond it). Without `key`, the rows keep their order.
 */
export function pageOf<T>(rows: readonly T[], q: { page: number; pageSize: number; order: 'asc' | 'desc' }, keep: (row: T) => boolean,
  key?: (row: T) => string, tie?: (row: T) => string): Page<T> {
  const kept = rows.filter(keep);
  if (key) {
    const dir = q.order === 'desc' ? -1 : 1;
    const keyed = kept.map((row) => ({ row, k: key(row), t: tie ? tie(row) : '' }));
    keyed.sort((a, b) => dir * collator.compare(a.k, b.k) || collator.compare(a.t, b.t));
    for (let i = 0; i < keyed.length; i++) kept[i] = keyed[i]!.row;
  } else if (q.order === 'desc') {
    kept.reverse();
  }
  const last = Math.max(1, Math.ceil(kept.length / q.pageSize));
  const page = Math.min(q.page, last);
  return { rows: kept.slice((page - 1) * q.pageSize, page * q.pageSize), total: kept.length, page, pageSize: q.pageSize };
}
