import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Pager } from '../../components/Pager.js';
import { useSortState } from '../../components/sort.js';
import { choicesParams, useChoices, useSaveChoices, type ChoiceResult, type ChoiceRow, type ChoicesCriteria } from './api.js';
import { CHOICE_COLUMNS, ChoicesTable, type ChoiceCol, type Draft, type Outcome } from './ChoicesTable.js';
import { downloadPost } from './download.js';
import { displayPageCount } from './display.js';
import { SchedulePage } from './SchedulePage.js';
import './second-group.css';

const NO_FILTERS = Object.fromEntries(CHOICE_COLUMNS.map((c) => [c.col, ''])) as Record<ChoiceCol, string>;

type SubActivity = 'choix' | 'dates';

/**
 * "Saisir les choix et dates des épreuves du 2nd groupe" (memo §5.2): two sub-activities, the choices
 * of the candidates and the dates of their épreuves — for the centre de délibération, those of its
 * candidates (what its convocations and bordereaux print); for the académie, every centre's.
 */
export function ChoicesPage() {
  const role = useMe().data?.user?.role;
  const [tab, setTab] = useState<SubActivity>('choix');
  const academie = role === 'academie';
  return (
    <Tabs label="Sous-activités" selectedTabId={tab} onTabChange={(id) => setTab(id as SubActivity)}
      tabs={[
        { tabId: 'choix', label: academie ? 'Choix des candidats (centres de délibération)' : 'Saisir les choix des candidats du centre de délibération' },
        { tabId: 'dates', label: academie ? "Dates des épreuves (centres d'épreuve)" : 'Saisir les dates des épreuves du 2nd groupe' },
      ]}>
      {tab === 'choix' ? <ChoicesGridPage /> : <SchedulePage />}
    </Tabs>
  );
}

/**
 * "Saisir les choix des candidats du centre de délibération": two disciplines per candidate, then *Valider*.
 * The server filters, sorts and pages the grid (an académie has thousands of CONTROLE candidates);
 * the rows changed here are kept, with the row they started from, across pages and filters.
 */
function ChoicesGridPage() {
  const me = useMe();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [search, setSearch] = useState('');
  const { sort, toggle } = useSortState<ChoiceCol>({ key: 'candidat', dir: 'ascending' });
  const [page, setPage] = useState(1);
  const criteria: ChoicesCriteria = { page, sort: sort.key, order: sort.dir === 'ascending' ? 'asc' : 'desc', q: search, filters };
  const grid = useChoices(criteria);
  const save = useSaveChoices();
  /** changed rows: the draft and the row as it was when changed (its version is the expected one) */
  const [drafts, setDrafts] = useState<Record<number, { draft: Draft; row: ChoiceRow }>>({});
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [summary, setSummary] = useState<ChoiceResult[] | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const data = grid.data;
  const draftOf = (r: ChoiceRow): Draft => drafts[r.candidateId]?.draft ?? { e1: r.epreuve1 ?? '', e2: r.epreuve2 ?? '' };
  const differs = (d: Draft, r: ChoiceRow) => d.e1 !== (r.epreuve1 ?? '') || d.e2 !== (r.epreuve2 ?? '');
  const changed = (r: ChoiceRow) => differs(draftOf(r), drafts[r.candidateId]?.row ?? r);
  const pending = Object.values(drafts).filter((x) => differs(x.draft, x.row));
  const criteriaChange = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const onValidate = async () => {
    setNotice(null);
    setSummary(null);
    if (pending.length === 0) {
      setNotice('Aucune modification à enregistrer.');
      return;
    }
    const rows = pending.map(({ draft: d, row: r }) => ({ candidateId: r.candidateId, epreuve1: d.e1 || null, epreuve2: d.e2 || null, expectedVersion: r.version }));
    const { results } = await save.mutateAsync(rows);
    setOutcomes(Object.fromEntries(results.map((x) => [x.candidateId, { status: x.status, message: x.message }])));
    // refused rows stay changed, against the row as the server now has it (its version)
    setDrafts((ds) => {
      const kept: typeof ds = {};
      for (const [id, d] of Object.entries(ds)) {
        const x = results.find((y) => y.candidateId === Number(id));
        if (x !== undefined && (x.status === 'error' || x.status === 'conflict')) kept[Number(id)] = { draft: d.draft, row: x.row ?? d.row };
      }
      return kept;
    });
    setSummary(results);
  };

  const onRefresh = () => {
    setDrafts({});
    setOutcomes({});
    setSummary(null);
    setNotice(null);
    void grid.refetch();
  };

  const onExport = async () => {
    setExportError(null);
    try {
      // every row matching the criteria, every page, in the grid's order
      await downloadPost('/api/second-group/choices/export', { criteria: choicesParams(criteria, false) }, me.data?.csrfToken ?? '', 'Choix des épreuves du 2nd groupe.csv');
    } catch (e) {
      setExportError(e);
    }
  };

  return (
    <>
      <h2 className="fr-h4">Saisir les choix des candidats du centre de délibération</h2>
      <p className="delib-sg-rule">
        Pour chaque candidat admis à passer les épreuves de contrôle, choisissez les <strong>deux disciplines différentes</strong>{' '}
        qu'il présentera à l'oral, parmi les épreuves écrites du 1er groupe ouvertes au contrôle (y compris celles dont il a le
        bénéfice ; pas celles dont il est dispensé). Seules les disciplines possibles sont proposées.
      </p>
      <p className="fr-text--bold">Une fois les deux disciplines saisies, n'oubliez pas d'enregistrer votre saisie : bouton « Valider ».</p>
      <ErrorAlert error={grid.error} title="Impossible de charger les candidats" />
      <ErrorAlert error={save.error} title="L'enregistrement a échoué" />
      <ErrorAlert error={exportError} title="L'export a échoué" />
      {summary && <SaveSummary results={summary} />}
      {notice && <Alert small severity="info" description={notice} className="fr-mb-2w" />}
      {grid.isPending && <p aria-live="polite">Chargement des candidats…</p>}
      {data && (
        <>
          <div className="fr-input-group delib-filter fr-mb-2w">
            <label className="fr-label" htmlFor="choix-recherche">Rechercher dans les résultats</label>
            <input className="fr-input" id="choix-recherche" type="search" value={search} onChange={(e) => criteriaChange(setSearch)(e.target.value)} autoComplete="off" />
          </div>
          <ChoicesTable grid={data} rows={data.rows} draftOf={draftOf} changed={changed} outcomes={outcomes} filters={filters}
            sort={sort} onSort={(col) => {
              toggle(col);
              setPage(1);
            }}
            onFilter={(col, v) => criteriaChange(setFilters)({ ...filters, [col]: v })}
            onDraft={(r, d) => setDrafts((ds) => ({ ...ds, [r.candidateId]: { draft: d, row: ds[r.candidateId]?.row ?? r } }))} />
          <p className="fr-text--sm delib-sg-count" data-testid="choices-count" aria-live="polite">
            {displayPageCount(data.page, data.pageSize, data.total, data.all)}
          </p>
          {data.total > data.pageSize && (
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} noun="candidats" label="Pages de la grille des choix" />
          )}
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left delib-sg-actions">
            <li>
              <Button iconId="fr-icon-check-line" onClick={() => void onValidate()} disabled={save.isPending}>
                {save.isPending ? 'Enregistrement…' : 'Valider'}
              </Button>
            </li>
            <li>
              <Button priority="secondary" iconId="fr-icon-download-line" onClick={() => void onExport()}>Exporter CSV</Button>
            </li>
            <li>
              <Button priority="tertiary" iconId="fr-icon-refresh-line" onClick={onRefresh} disabled={grid.isFetching}>Rafraîchir</Button>
            </li>
          </ul>
          {pending.length > 0 && (
            <p className="fr-text--sm fr-mb-0" data-testid="choices-pending">{`${pending.length} ligne(s) modifiée(s) non enregistrée(s).`}</p>
          )}
        </>
      )}
    </>
  );
}

function SaveSummary({ results }: { results: ChoiceResult[] }) {
  const saved = results.filter((r) => r.status === 'saved' || r.status === 'unchanged').length;
  const refused = results.length - saved;
  return (
    <Alert
      className="fr-mb-3w"
      severity={refused === 0 ? 'success' : saved === 0 ? 'error' : 'warning'}
      title={`${saved} ligne(s) enregistrée(s), ${refused} refusée(s)`}
      description={refused === 0 ? 'Les choix sont enregistrés.' : 'Les lignes refusées restent modifiées : corrigez-les (message sous le candidat) puis validez de nouveau.'}
    />
  );
}
