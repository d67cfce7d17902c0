import { useState } from 'react';
import { useJuries } from '../api/hooks.js';
import type { JurySort } from '../api/types.js';
import { deliberationDates, stateLabel, withCode } from '../format.js';
import { ErrorAlert } from './ErrorAlert.js';
import { Pager } from './Pager.js';
import { SortableTh, useSortState } from './sort.js';
import { TableFrame } from './TableFrame.js';

/** Read-only list of the juries in scope with their state (home pages), paged and sorted by the server. */
export function JuryDashboard({ caption, showCentre = false }: { caption: string; showCentre?: boolean }) {
  const [page, setPage] = useState(1);
  const { sort, toggle } = useSortState<JurySort>({ key: 'code', dir: 'ascending' });
  const juries = useJuries({ page, sort: sort.key, order: sort.dir === 'ascending' ? 'asc' : 'desc' });
  const onSort = (key: JurySort) => { toggle(key); setPage(1); };
  const data = juries.data;
  const items = data?.items ?? [];
  if (juries.isPending) return <p aria-live="polite">Chargement des jurys…</p>;
  if (juries.error) return <ErrorAlert error={juries.error} title="Impossible de charger les jurys" />;
  if (data?.total === 0) return <p>Aucun jury n'est rattaché à votre périmètre pour cette session.</p>;
  return (
    <>
    <TableFrame caption={caption} captionHidden testId="dashboard-table">
      <thead>
        <tr>
          <SortableTh label="Jury" sortKey="code" sort={sort} onSort={onSort} />
          <SortableTh label="Spécialité" sortKey="specialite" sort={sort} onSort={onSort} />
          {showCentre && <SortableTh label="Centre de délibération" sortKey="centre" sort={sort} onSort={onSort} />}
          <SortableTh label="Date(s) de délibération" sortKey="debut" sort={sort} onSort={onSort} />
          <SortableTh label="Etat d'avancement du jury" sortKey="etat" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {items.map((j) => (
          <tr key={j.code} data-testid={`dashboard-row-${j.code}`}>
            <td>{j.code}</td>
            <td>{j.specialiteLibelle}</td>
            {showCentre && <td>{withCode(j.centreLibelle, j.centreUai)}</td>}
            <td>{deliberationDates(j.debutDeliberation, j.finDeliberation)}</td>
            <td>{stateLabel(j.etat, j.etatLibelle)}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
    {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} noun="jurys" label="Pages de la liste des jurys" />}
    </>
  );
}
