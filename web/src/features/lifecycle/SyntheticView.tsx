import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { createModal } from '@codegouvfr/react-dsfr/Modal/index.js';
import { useBulkTransition, useJurySummary } from '../../api/hooks.js';
import type { BulkResult, StateSummary } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { BulkResultAlert } from './BulkResultAlert.js';
import type { LifecycleConfig } from './config.js';

const confirmModal = createModal({ id: 'delib-bulk-confirm', isOpenedByDefault: false });

interface Pending {
  action: string;
  label: string;
  state: StateSummary;
}

/** "Vue synthétique": the number of juries per state and the bulk actions, each behind a confirmation. */
export function SyntheticView({ config }: { config: LifecycleConfig }) {
  const summary = useJurySummary();
  const bulk = useBulkTransition();
  const [pending, setPending] = useState<Pending | null>(null);
  const [outcome, setOutcome] = useState<{ label: string; result: BulkResult } | null>(null);
  const withActions = config.mode === 'normal';

  const ask = (state: StateSummary) => {
    if (!state.bulk) return;
    setPending({ action: state.bulk.action, label: state.bulk.label, state });
    setOutcome(null);
    bulk.reset();
    confirmModal.open();
  };

  const confirm = () => {
    if (!pending) return;
    const { action, label } = pending;
    bulk.mutate(action, { onSuccess: (result) => setOutcome({ label, result }) });
  };

  const showBulk = (s: StateSummary) =>
    withActions && s.bulk && (config.bulkStates === undefined || config.bulkStates.includes(s.etat));

  return (
    <div>
      <h2 className="fr-h5">Liste des états des jurys</h2>
      {outcome && <BulkResultAlert label={outcome.label} result={outcome.result} />}
      <ErrorAlert error={bulk.error} title="L'action n'a pas été effectuée" />
      <ErrorAlert error={summary.error} title="Impossible de charger les états des jurys" />
      {summary.isPending && <p aria-live="polite">Chargement des états des jurys…</p>}
      {summary.data && (
        <TableFrame caption="Liste des états des jurys" captionHidden testId="summary-table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Etat</th>
              <th scope="col" className="fr-cell--right">Nb jurys</th>
              {withActions && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {[...summary.data.states].sort((a, b) => a.etat.localeCompare(b.etat)).map((s) => (
              <tr key={s.etat} data-testid={`summary-row-${s.etat}`}>
                <td>{s.etat}</td>
                <td>{s.libelle}</td>
                <td className="fr-cell--right" data-testid={`summary-count-${s.etat}`}>{s.count}</td>
                {withActions && (
                  <td>
                    {showBulk(s) && s.bulk && (
                      <Button size="small" disabled={!s.bulk.allowed || s.count === 0 || bulk.isPending}
                        onClick={() => ask(s)} nativeButtonProps={{ 'data-testid': `bulk-${s.etat}` }}>
                        {s.bulk.label}
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <Button priority="secondary" iconId="fr-icon-refresh-line" onClick={() => { setOutcome(null); void summary.refetch(); }}
        disabled={summary.isFetching}>
        Rafraîchir
      </Button>
      <confirmModal.Component
        title={pending ? `Confirmer « ${pending.label} » ?` : 'Confirmer ?'}
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: 'OK', onClick: confirm, nativeButtonProps: { 'data-testid': 'bulk-confirm-ok' } },
        ]}
      >
        {pending && (
          <p>
            L'action « {pending.label} » s'appliquera aux <strong>{pending.state.count}</strong> jury(s) à l'état{' '}
            <strong>{pending.state.etat} - {pending.state.libelle}</strong>. Voulez-vous continuer ?
          </p>
        )}
      </confirmModal.Component>
    </div>
  );
}
