import { useMemo, useState } from 'react';

export type SortDir = 'ascending' | 'descending';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

/** Client-side sorting of a list by named columns (French collation, numbers in order). */
export function useSorted<T, K extends string>(
  rows: readonly T[],
  initial: SortState<K>,
  value: (row: T, key: K) => string,
) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const sorted = useMemo(() => {
    const coll = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
    const out = [...rows].sort((a, b) => coll.compare(value(a, sort.key), value(b, sort.key)));
    return sort.dir === 'ascending' ? out : out.reverse();
    // `value` is a pure accessor: the rows and the sort decide the result
  }, [rows, sort]);
  const toggle = (key: K) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' }));
  return { sorted, sort, toggle };
}

/** Sort state only, for lists sorted by the server. */
export function useSortState<K extends string>(initial: SortState<K>) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const toggle = (key: K) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' }));
  return { sort, toggle };
}

interface ThProps<K extends string> {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort: (key: K) => void;
}

/** A sortable column header: `aria-sort` on the th, a real button to change the order. */
export function SortableTh<K extends string>({ label, sortKey, sort, onSort }: ThProps<K>) {
  const active = sort.key === sortKey;
  const ariaSort = active ? sort.dir : 'none';
  const icon = !active ? 'fr-icon-arrow-up-down-line' : sort.dir === 'ascending' ? 'fr-icon-arrow-up-line' : 'fr-icon-arrow-down-line';
  const next = active && sort.dir === 'ascending' ? 'décroissant' : 'croissant';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="delib-sort-btn" onClick={() => onSort(sortKey)}>
        {label}
        <span className={`${icon} fr-icon--sm delib-sort-btn__icon`} aria-hidden="true" />
        <span className="fr-sr-only">{` (trier par ordre ${next})`}</span>
      </button>
    </th>
  );
}
