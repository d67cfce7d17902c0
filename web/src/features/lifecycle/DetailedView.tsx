import { useRef, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { createModal } from '@codegouvfr/react-dsfr/Modal/index.js';
import { useJuries, useJurySummary, useMe } from '../../api/hooks.js';
import type { JuryCriteria, JuryItem, JurySort } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Pager } from '../../components/Pager.js';
import { useSortState } from '../../components/sort.js';
import { stateLabel } from '../../format.js';
import { JURY_STATES_FALLBACK } from './states.js';
import { targetsOf } from './config.js';
import { JuryChangeTable } from './JuryChangeTable.js';
import { OpenDoubleEntries, refusedOverOpenEntries } from './OpenDoubleEntries.js';
import { SearchPanel } from './SearchPanel.js';
import type { LifecycleConfig } from './config.js';
import { useSaveChanges, type RowOutcome } from './useSaveChanges.js';

interface Props {
  config: LifecycleConfig;
  criteria: JuryCriteria | null;
  onCriteria: (c: JuryCriteria) => void;
}

const exceptionalModal = createModal({ id: 'delib-exceptional-confirm', isOpenedByDefault: false });

const MOTIF_REQUIRED = "Le motif est obligatoire : un changement d'état exceptionnel est enregistré au journal avec sa justification.";

/** "Vue détaillée": search the juries, pick a "Nouvel état" per jury, then "Enregistrer". */
export function DetailedView({ config, criteria, onCriteria }: Props) {
  const exceptional = config.mode === 'exceptional';
  const summary = useJurySummary();
  // one jury is enough: the answer carries the spécialités in scope (the search form's choices)
  const facets = useJuries({ pageSize: 1 });
  const [page, setPage] = useState(1);
  const { sort, toggle } = useSortState<JurySort>({ key: 'code', dir: 'ascending' });
  const results = useJuries(criteria === null ? null : { ...criteria, page, sort: sort.key, order: sort.dir === 'ascending' ? 'asc' : 'desc' });
  const { save, saving, outcomes, clear } = useSaveChanges(config);
  const [changes, setChanges] = useState<Record<string, string>>({});
  const [motif, setMotif] = useState('');
  const [motifError, setMotifError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const academie = useMe().data?.user?.role === 'academie';
  const motifRef = useRef<HTMLTextAreaElement>(null);
  // the juries just saved stay in the list with their new state, even when it leaves the search criteria
  const [kept, setKept] = useState<JuryItem[]>([]);

  const states = [...(summary.data?.states ?? JURY_STATES_FALLBACK)].sort((a, b) => a.etat.localeCompare(b.etat));
  const specialites = facets.data?.specialites ?? [];

  const found = results.data?.items ?? [];
  const juries = [...found, ...kept.filter((k) => !found.some((j) => j.code === k.code))]
    .map((j) => kept.find((k) => k.code === j.code) ?? j);
  const changedCount = Object.values(changes).filter(Boolean).length;

  const onSave = async () => {
    setNotice(null);
    if (changedCount === 0) {
      setNotice('Aucun nouvel état sélectionné : rien à enregistrer.');
      return;
    }
    if (exceptional && motif.trim() === '') {
      setMotifError(MOTIF_REQUIRED);
      motifRef.current?.focus();
      return;
    }
    setMotifError(null);
    // every change is confirmed first (issues #13.6, #14.13): the dialog lists the changes (and the motif)
    exceptionalModal.open();
  };

  const apply = async () => {
    const confirmed = new Set(exceptional && academie && confirmOpen ? refusedOverOpenEntries(outcomes) : []);
    setConfirmOpen(false);
    const res = await save(juries, changes, motif.trim(), confirmed);
    const savedNow = juries.flatMap((j) => {
      const to = changes[j.code];
      const t = to ? targetsOf(j, config).find((x) => x.etat === to) : undefined;
      if (!res[j.code]?.ok || !to) return [];
      // no further change from this row until the list is refreshed (its next states come from the server)
      return [{ ...j, etat: to, etatLibelle: t?.libelle ?? j.etatLibelle, actions: { ...j.actions, transitions: [], exceptionalTargets: [] } }];
    });
    setKept((k) => [...k.filter((x) => !savedNow.some((n) => n.code === x.code)), ...savedNow]);
    setChanges((c) => Object.fromEntries(Object.entries(c).filter(([code]) => !res[code]?.ok)));
    if (Object.values(res).every((r) => r.ok)) setMotif('');
  };

  const pendingChanges = juries.filter((j) => changes[j.code]).map((j) => {
    const to = changes[j.code]!;
    const target = targetsOf(j, config).find((t) => t.etat === to);
    return { code: j.code, from: stateLabel(j.etat, j.etatLibelle), to: target ? stateLabel(target.etat, target.libelle) : to };
  });

  return (
    <div>
      <exceptionalModal.Component
        title={exceptional ? "Confirmer le changement d'état exceptionnel ?" : `Confirmer ${pendingChanges.length > 1 ? `les ${pendingChanges.length} changements` : 'le changement'} d'état ?`}
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: 'Confirmer', onClick: () => void apply(), nativeButtonProps: { 'data-testid': 'exceptional-confirm-ok' } },
        ]}
      >
        {exceptional ? (
          <p>
            Ce changement d'état n'est pas l'action normale de gestion des jurys : il est enregistré au journal avec son motif.
          </p>
        ) : <p>Chaque changement est enregistré au journal.</p>}
        <ul data-testid="exceptional-confirm-list">
          {pendingChanges.map((c) => <li key={c.code}>Jury <strong>{c.code}</strong> : {c.from} → <strong>{c.to}</strong></li>)}
        </ul>
        {exceptional && <p>Motif : « {motif.trim()} »</p>}
      </exceptionalModal.Component>
      <SearchPanel
        states={states}
        specialites={specialites}
        initial={criteria}
        busy={results.isFetching}
        onSearch={(c) => { clear(); setChanges({}); setKept([]); setNotice(null); setPage(1); onCriteria(c); }}
        onRefresh={() => { clear(); setChanges({}); setKept([]); void results.refetch(); void summary.refetch(); }}
      />
      <ErrorAlert error={results.error} title="La recherche a échoué" />
      {criteria === null && <p className="fr-text--sm">Saisissez vos critères puis cliquez sur « Rechercher ».</p>}
      {results.isPending && criteria !== null && <p aria-live="polite">Recherche en cours…</p>}
      {results.data && (
        <>
          <SaveSummary outcomes={outcomes} />
          <JuryChangeTable juries={juries} total={results.data.total} config={config} changes={changes} outcomes={outcomes}
            sort={sort} onSort={(key) => { toggle(key); setPage(1); }}
            onChange={(code, to) => setChanges((c) => ({ ...c, [code]: to }))} />
          <Pager page={results.data.page} pageSize={results.data.pageSize} total={results.data.total} onPage={setPage}
            noun="jurys" label="Pages des jurys trouvés" />
          {exceptional && (
            <Input
              className="fr-mt-2w"
              textArea
              label="Motif (obligatoire)"
              hintText="Justifiez ce changement d'état exceptionnel : il est enregistré au journal."
              state={motifError ? 'error' : 'default'}
              stateRelatedMessage={motifError ?? undefined}
              nativeTextAreaProps={{
                ref: motifRef, value: motif, rows: 3, required: true, name: 'motif', maxLength: 500,
                onChange: (e) => { setMotif(e.target.value); if (e.target.value.trim()) setMotifError(null); },
              }}
            />
          )}
          {exceptional && <OpenDoubleEntries outcomes={outcomes} canConfirm={academie} confirmed={confirmOpen} onConfirm={setConfirmOpen} />}
          {notice && <Alert small severity="info" description={notice} className="fr-mb-2w" />}
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li>
              <Button iconId="fr-icon-save-line" onClick={() => void onSave()} disabled={saving}>
                {saving ? 'Enregistrement…' : 'Enregistrer'}
              </Button>
            </li>
            <li>
              <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => { clear(); setChanges({}); setKept([]); void results.refetch(); }}
                disabled={results.isFetching}>
                Rafraîchir
              </Button>
            </li>
          </ul>
        </>
      )}
    </div>
  );
}

function SaveSummary({ outcomes }: { outcomes: Record<string, RowOutcome> }) {
  const entries = Object.entries(outcomes);
  if (entries.length === 0) return null;
  const ok = entries.filter(([, o]) => o.ok);
  const ko = entries.filter(([, o]) => !o.ok);
  return (
    <Alert
      className="fr-mb-3w"
      severity={ko.length === 0 ? 'success' : ok.length === 0 ? 'error' : 'warning'}
      title={`${ok.length} changement(s) enregistré(s), ${ko.length} refusé(s)`}
      description={
        <ul>
          {entries.map(([code, o]) => <li key={code}><strong>{code}</strong> : {o.message}</li>)}
        </ul>
      }
    />
  );
}
