import { useSearchParams } from 'react-router-dom';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination.js';
import { useJournal } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { JournalFilters, type JournalFilterValues } from './JournalFilters.js';

const DEFAULT_PAGE_SIZE = 50;
const FILTER_KEYS = ['jury', 'action', 'actor', 'from', 'to'] as const;

/** "Journal": who did what and when, with the state before and after and the reason. */
export function JournalPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as JournalFilterValues;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const journal = useJournal({ ...filters, page });

  const apply = (v: JournalFilterValues) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (v[k]) next.set(k, v[k]);
    setParams(next);
  };
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    return `?${next.toString()}`;
  };

  const data = journal.data;
  const pageSize = data?.pageSize ?? DEFAULT_PAGE_SIZE;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;

  return (
    <>
      <JournalFilters key={params.toString()} initial={filters} onApply={apply} />
      <ErrorAlert error={journal.error} title="Impossible de charger le journal" />
      {journal.isPending && <p aria-live="polite">Chargement du journal…</p>}
      {data && (
        <>
          <p className="fr-text--sm" data-testid="journal-timezone">Toutes les heures sont données en {data.timeZone}.</p>
          <TableFrame caption={`Journal des actions (${data.total} entrée(s), page ${page} sur ${pages})`} testId="journal-table">
            <thead>
              <tr>
                {[`Date (${data.timeZone})`, 'Auteur', 'Action', 'Jury', 'Objet', 'Avant', 'Après', 'Motif'].map((h) => <th key={h} scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 && <tr><td colSpan={8}>Aucune entrée ne correspond aux filtres.</td></tr>}
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td className="delib-nowrap"><time dateTime={e.at}>{e.atText}</time></td>
                  <td>{e.actorName}</td>
                  <td>{e.actionLabel || e.action}</td>
                  <td>{e.juryCode ?? ''}</td>
                  <td>{e.subjectText}</td>
                  <td>{e.before ?? ''}</td>
                  <td>{e.after ?? ''}</td>
                  <td>{e.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
          {pages > 1 && (
            <Pagination className="fr-mt-3w" count={pages} defaultPage={page} showFirstLast
              getPageLinkProps={(n) => ({ to: pageHref(n) })} />
          )}
        </>
      )}
    </>
  );
}
