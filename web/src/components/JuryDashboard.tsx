import { useJuries } from '../api/hooks.js';
import type { JuryItem } from '../api/types.js';
import { deliberationDates, stateLabel, withCode } from '../format.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SortableTh, useSorted } from './sort.js';
import { TableFrame } from './TableFrame.js';

type Col = 'jury' | 'specialite' | 'centre' | 'etat';
const valueOf = (j: JuryItem, c: Col) =>
  c === 'jury' ? j.code : c === 'specialite' ? j.specialiteLibelle : c === 'centre' ? j.centreLibelle : j.etat;

/** Read-only list of the juries in scope with their state (home pages). */
export function JuryDashboard({ caption, showCentre = false }: { caption: string; showCentre?: boolean }) {
  const juries = useJuries({});
  const items = juries.data?.items ?? [];
  const { sorted, sort, toggle } = useSorted<JuryItem, Col>(items, { key: 'jury', dir: 'ascending' }, valueOf);
  if (juries.isPending) return <p aria-live="polite">Chargement des jurys…</p>;
  if (juries.error) return <ErrorAlert error={juries.error} title="Impossible de charger les jurys" />;
  if (items.length === 0) return <p>Aucun jury n'est rattaché à votre périmètre pour cette session.</p>;
  return (
    <TableFrame caption={caption} captionHidden testId="dashboard-table">
      <thead>
        <tr>
          <SortableTh label="Jury" sortKey="jury" sort={sort} onSort={toggle} />
          <SortableTh label="Spécialité" sortKey="specialite" sort={sort} onSort={toggle} />
          {showCentre && <SortableTh label="Centre de délibération" sortKey="centre" sort={sort} onSort={toggle} />}
          <th scope="col">Date(s) de délibération</th>
          <SortableTh label="Etat d'avancement du jury" sortKey="etat" sort={sort} onSort={toggle} />
        </tr>
      </thead>
      <tbody>
        {sorted.map((j) => (
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
  );
}
