import { Fragment, useMemo } from 'react';
import { SortableTh, type SortState } from '../../components/sort.js';
import { TableFrame } from '../../components/TableFrame.js';
import type { ChoiceRow, ChoicesGrid } from './api.js';

export type ChoiceCol = 'candidat' | 'choix1' | 'choix2' | 'specialite' | 'handi' | 'jury' | 'etat';
export const CHOICE_COLUMNS: readonly { col: ChoiceCol; label: string }[] = [
  { col: 'candidat', label: 'Candidat' },
  { col: 'choix1', label: 'Choix discipline 1' },
  { col: 'choix2', label: 'Choix discipline 2' },
  { col: 'specialite', label: 'Spécialité' },
  { col: 'handi', label: 'Handi' },
  { col: 'jury', label: 'Jury' },
  { col: 'etat', label: 'Etat' },
];

const NONE = '— Choisir —';

export interface Draft {
  e1: string;
  e2: string;
}

export interface Outcome {
  status: 'saved' | 'unchanged' | 'error' | 'conflict';
  message: string;
}

interface Props {
  grid: ChoicesGrid;
  rows: ChoiceRow[];
  draftOf: (r: ChoiceRow) => Draft;
  changed: (r: ChoiceRow) => boolean;
  onDraft: (r: ChoiceRow, d: Draft) => void;
  outcomes: Record<number, Outcome>;
  filters: Record<ChoiceCol, string>;
  onFilter: (col: ChoiceCol, value: string) => void;
  /** the server sorts (and filters, and pages): the rows come in this order */
  sort: SortState<ChoiceCol>;
  onSort: (col: ChoiceCol) => void;
}

/** The memo's grid: a filter in each column header, sortable columns, two selects per candidate. */
export function ChoicesTable({ grid, rows, draftOf, changed, onDraft, outcomes, filters, onFilter, sort, onSort }: Props) {
  const sorted = rows;
  const toggle = onSort;
  const labels = useMemo(() => {
    const m = new Map<string, string>();
    for (const [spec, units] of Object.entries(grid.units)) for (const u of units) m.set(`${spec}|${u.code}`, u.libelle);
    return m;
  }, [grid.units]);

  const select = (r: ChoiceRow, which: 'e1' | 'e2', label: string, describedBy: string | undefined) => {
    const d = draftOf(r);
    const value = d[which];
    const options = [...r.eligible];
    if (value && !options.includes(value)) options.push(value);
    const shown = value ? labels.get(`${r.specialiteCode}|${value}`) ?? value : NONE;
    // The native select stays the control (keyboard, screen readers, its own list of options); it is laid
    // transparent over a box that shows the chosen libellé in full, on several lines when long.
    const cls = ['fr-select', 'delib-sg-wrapselect', r.editable ? '' : 'delib-sg-wrapselect--disabled', describedBy ? 'delib-sg-wrapselect--error' : '']
      .filter(Boolean).join(' ');
    return (
      <div className={cls}>
        <span className="delib-sg-wrapselect__text" aria-hidden="true">{shown}</span>
        <select className="delib-sg-wrapselect__select" aria-label={`${label} – ${r.candidat}`} value={value} disabled={!r.editable}
          title={value ? shown : undefined} aria-describedby={describedBy}
          aria-invalid={describedBy ? true : undefined}
          data-testid={`choix-${which === 'e1' ? 1 : 2}-${r.candidateId}`}
          onChange={(e) => onDraft(r, { ...d, [which]: e.target.value })}>
          <option value="">{NONE}</option>
          {options.map((code) => <option key={code} value={code}>{labels.get(`${r.specialiteCode}|${code}`) ?? code}</option>)}
        </select>
      </div>
    );
  };

  return (
    <TableFrame caption="Choix des disciplines du 2nd groupe des candidats du centre de délibération" captionHidden testId="choices-table"
      className="fr-table--sm delib-sg-table delib-sg-choices">
      <colgroup>
        {CHOICE_COLUMNS.map((c) => <col key={c.col} className={`delib-sg-col-${c.col}`} />)}
      </colgroup>
      <thead>
        <tr>
          {CHOICE_COLUMNS.map((c) => <SortableTh key={c.col} label={c.label} sortKey={c.col} sort={sort} onSort={toggle} />)}
        </tr>
        <tr className="delib-sg-filter-row">
          {CHOICE_COLUMNS.map((c) => (
            <td key={c.col}>
              <input className="fr-input delib-sg-filter-input" type="search" aria-label={`Filtrer la colonne ${c.label}`} value={filters[c.col]}
                placeholder={c.col === 'handi' || c.col === 'jury' || c.col === 'etat' ? undefined : 'Filtrer'}
                onChange={(e) => onFilter(c.col, e.target.value)} autoComplete="off" data-testid={`filtre-${c.col}`} />
            </td>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 && <tr><td colSpan={CHOICE_COLUMNS.length}>Aucun candidat ne correspond.</td></tr>}
        {sorted.map((r) => {
          const o = outcomes[r.candidateId];
          const msgId = `choix-message-${r.candidateId}`;
          const ok = o?.status === 'saved' || o?.status === 'unchanged';
          return (
            <Fragment key={r.candidateId}>
              <tr data-testid={`choice-row-${r.candidateId}`} className={changed(r) ? 'delib-sg-changed' : undefined}>
                <td>{r.candidat}</td>
                <td>{select(r, 'e1', 'Choix discipline 1', o && !ok ? msgId : undefined)}</td>
                <td>{select(r, 'e2', 'Choix discipline 2', o && !ok ? msgId : undefined)}</td>
                <td>{r.specialite}</td>
                <td>{r.handicap ? <abbr title={r.handicapMesures}>Oui</abbr> : 'Non'}</td>
                <td>{r.juryCode}</td>
                <td><abbr title={r.juryEtatLibelle}>{r.juryEtat}</abbr></td>
              </tr>
              {o && (
                <tr className={`delib-sg-message-row${changed(r) ? ' delib-sg-changed' : ''}`}>
                  <td colSpan={CHOICE_COLUMNS.length}>
                    <p id={msgId} data-testid={`choice-outcome-${r.candidateId}`} role={ok ? undefined : 'alert'}
                      className={`fr-message fr-mb-0 ${ok ? 'fr-message--valid' : 'fr-message--error'}`}>
                      {`${r.candidat} : ${o.message}`}
                    </p>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
