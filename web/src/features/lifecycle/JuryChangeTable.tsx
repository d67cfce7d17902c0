import { useMemo, useState } from 'react';
import type { JuryItem, JurySort } from '../../api/types.js';
import { deliberationDates, stateLabel } from '../../format.js';
import { TableFrame } from '../../components/TableFrame.js';
import { SortableTh, type SortState } from '../../components/sort.js';
import { targetsOf, type LifecycleConfig } from './config.js';
import type { RowOutcome } from './useSaveChanges.js';

interface Props {
  /** one page of the search's results */
  juries: JuryItem[];
  /** results of the search, all pages */
  total: number;
  /** the server's order */
  sort: SortState<JurySort>;
  onSort: (key: JurySort) => void;
  config: LifecycleConfig;
  changes: Record<string, string>;
  onChange: (code: string, to: string) => void;
  outcomes: Record<string, RowOutcome>;
}

/** The "Vue détaillée" results (one page, sorted by the server): a filter of the page and a "Nouvel état" select per jury. */
export function JuryChangeTable({ juries, total, sort, onSort, config, changes, onChange, outcomes }: Props) {
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return juries;
    return juries.filter((j) =>
      [j.code, j.specialiteLibelle, j.specialiteCode, deliberationDates(j.debutDeliberation, j.finDeliberation),
        stateLabel(j.etat, j.etatLibelle), j.centreLibelle].some((v) => v.toLowerCase().includes(f)));
  }, [juries, filter]);
  const sorted = visible;
  const showCentre = new Set(juries.map((j) => j.centreUai)).size > 1;

  return (
    <>
      <div className="fr-input-group delib-filter fr-mb-2w">
        <label className="fr-label" htmlFor="filtre-resultats">Rechercher dans cette page de résultats</label>
        <input className="fr-input" id="filtre-resultats" type="search" value={filter}
          onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
      </div>
      <TableFrame caption={`Jurys correspondant à la recherche (${total})${visible.length !== juries.length ? ` — ${visible.length} sur ${juries.length} dans cette page` : ''}`} testId="juries-table">
        <thead>
          <tr>
            <SortableTh label="Jury" sortKey="code" sort={sort} onSort={onSort} />
            <SortableTh label="Spécialité" sortKey="specialite" sort={sort} onSort={onSort} />
            <SortableTh label="Date(s) de délibération" sortKey="debut" sort={sort} onSort={onSort} />
            <SortableTh label="Etat d'avancement du jury" sortKey="etat" sort={sort} onSort={onSort} />
            <th scope="col">Nouvel état</th>
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr><td colSpan={5}>Aucun jury ne correspond à la recherche.</td></tr>
          )}
          {sorted.map((j) => {
            const targets = targetsOf(j, config);
            const outcome = outcomes[j.code];
            const selectId = `nouvel-etat-${j.code}`;
            return (
              <tr key={j.code} data-testid={`jury-row-${j.code}`}>
                <td>
                  {j.code}
                  {showCentre && <span className="fr-hint-text">{j.centreLibelle}</span>}
                </td>
                <td>{j.specialiteLibelle}</td>
                <td>{deliberationDates(j.debutDeliberation, j.finDeliberation)}</td>
                <td data-testid={`jury-etat-${j.code}`}>{stateLabel(j.etat, j.etatLibelle)}</td>
                <td>
                  {targets.length === 0 ? (
                    <span className="fr-text--sm fr-mb-0 delib-muted" data-testid={`jury-no-target-${j.code}`}>
                      Aucun changement possible
                    </span>
                  ) : (
                    <>
                      <label className="fr-sr-only" htmlFor={selectId}>{`Nouvel état du jury ${j.code}`}</label>
                      <select className="fr-select delib-select-sm" id={selectId} value={changes[j.code] ?? ''}
                        onChange={(e) => onChange(j.code, e.target.value)}>
                        <option value="">—</option>
                        {targets.map((t) => <option key={t.etat} value={t.etat}>{stateLabel(t.etat, t.libelle)}</option>)}
                      </select>
                    </>
                  )}
                  {outcome && (
                    <p className={`fr-message ${outcome.ok ? 'fr-message--valid' : 'fr-message--error'} fr-mt-1w fr-mb-0`}
                      data-testid={`jury-outcome-${j.code}`}>
                      {outcome.message}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </TableFrame>
    </>
  );
}
