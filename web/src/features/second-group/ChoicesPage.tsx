import { useMemo, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useChoices, useSaveChoices, type ChoiceResult, type ChoiceRow } from './api.js';
import { CHOICE_COLUMNS, ChoicesTable, type ChoiceCol, type Draft, type Outcome } from './ChoicesTable.js';
import { downloadPost } from './download.js';
import { displayCount } from './display.js';
import { SchedulePage } from './SchedulePage.js';
import './second-group.css';

const NO_FILTERS = Object.fromEntries(CHOICE_COLUMNS.map((c) => [c.col, ''])) as Record<ChoiceCol, string>;
const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

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

/** "Saisir les choix des candidats du centre de délibération": two disciplines per candidate, then *Valider*. */
function ChoicesGridPage() {
  const me = useMe();
  const grid = useChoices();
  const save = useSaveChoices();
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [filters, setFilters] = useState(NO_FILTERS);
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [summary, setSummary] = useState<ChoiceResult[] | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const data = grid.data;
  const label = (spec: string, code: string) => data?.units[spec]?.find((u) => u.code === code)?.libelle ?? code;
  const draftOf = (r: ChoiceRow): Draft => drafts[r.candidateId] ?? { e1: r.epreuve1 ?? '', e2: r.epreuve2 ?? '' };
  const changed = (r: ChoiceRow) => {
    const d = draftOf(r);
    return d.e1 !== (r.epreuve1 ?? '') || d.e2 !== (r.epreuve2 ?? '');
  };
  const cellText = (r: ChoiceRow, col: ChoiceCol): string => {
    const d = draftOf(r);
    switch (col) {
      case 'candidat': return r.candidat;
      case 'choix1': return d.e1 ? label(r.specialiteCode, d.e1) : '';
      case 'choix2': return d.e2 ? label(r.specialiteCode, d.e2) : '';
      case 'specialite': return r.specialite;
      case 'handi': return r.handicap ? 'Oui' : 'Non';
      case 'jury': return r.juryCode;
      case 'etat': return r.juryEtat;
    }
  };

  const all = data?.rows ?? [];
  const visible = useMemo(() => {
    const s = norm(search.trim());
    return all.filter((r) => {
      if (s && !CHOICE_COLUMNS.some((c) => norm(cellText(r, c.col)).includes(s))) return false;
      return CHOICE_COLUMNS.every((c) => !filters[c.col].trim() || norm(cellText(r, c.col)).includes(norm(filters[c.col].trim())));
    });
    // cellText reads the drafts and the units
  }, [all, search, filters, drafts, data]);

  const pending = all.filter(changed);

  const onValidate = async () => {
    setNotice(null);
    setSummary(null);
    if (pending.length === 0) {
      setNotice('Aucune modification à enregistrer.');
      return;
    }
    const rows = pending.map((r) => {
      const d = draftOf(r);
      return { candidateId: r.candidateId, epreuve1: d.e1 || null, epreuve2: d.e2 || null, expectedVersion: r.version };
    });
    const { results } = await save.mutateAsync(rows);
    setOutcomes(Object.fromEntries(results.map((x) => [x.candidateId, { status: x.status, message: x.message }])));
    setDrafts((ds) => Object.fromEntries(Object.entries(ds).filter(([id]) => {
      const x = results.find((y) => y.candidateId === Number(id));
      return x !== undefined && (x.status === 'error' || x.status === 'conflict');
    })));
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
      await downloadPost('/api/second-group/choices/export', { candidateIds: visible.map((r) => r.candidateId) }, me.data?.csrfToken ?? '', 'Choix des épreuves du 2nd groupe.csv');
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
            <input className="fr-input" id="choix-recherche" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
          </div>
          <ChoicesTable grid={data} rows={visible} draftOf={draftOf} changed={changed} outcomes={outcomes} filters={filters} cellText={cellText}
            onFilter={(col, v) => setFilters((f) => ({ ...f, [col]: v }))}
            onDraft={(r, d) => setDrafts((ds) => ({ ...ds, [r.candidateId]: d }))} />
          <p className="fr-text--sm delib-sg-count" data-testid="choices-count" aria-live="polite">
            {displayCount(visible.length, all.length)}
          </p>
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
