import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { createModal } from '@codegouvfr/react-dsfr/Modal/index.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { stateLabel } from '../../format.js';
import { useCloseDeliberation, type DecisionCount, type JuryHeader } from './api.js';
import { pendingText } from './offline/OfflineBanner.js';
import { useOffline } from './offline/useOffline.js';

const closeModal = createModal({ id: 'delib-close-confirm', isOpenedByDefault: false });

interface Props {
  jury: JuryHeader;
  /** the decisions of the group being closed */
  counts: DecisionCount[];
}

/**
 * "Clôturer la délibération": a confirmation summarising the decisions; the server refuses while a
 * candidate is incomplete (the refusal lists them) and, once closed, refuses every change.
 */
export function CloseDeliberation({ jury, counts }: Props) {
  const close = useCloseDeliberation(jury.code);
  const [done, setDone] = useState<string | null>(null);
  const label = jury.actions.closeLabel;
  const incomplete = counts.find((c) => c.decision === 'INCOMPLET')?.count ?? 0;
  const total = counts.reduce((n, c) => n + c.count, 0);

  // the closing needs the server: offline, or while changes made offline are not on it, it waits
  const offline = useOffline();
  const waits = offline.status !== 'ready' ? null
    : !offline.online ? `Hors ligne : la clôture de la délibération nécessite le serveur. Elle sera possible au retour du réseau, une fois les modifications faites hors ligne envoyées (${pendingText(offline.queue.length)}).`
    : offline.queue.length > 0 ? `La clôture attend l'envoi au serveur des modifications faites hors ligne (${pendingText(offline.queue.length)}).`
    : offline.conflicts.length > 0 ? `La clôture attend la résolution des conflits des modifications faites hors ligne (${offline.conflicts.length} à résoudre, en haut de la page).`
    : null;

  const ask = () => {
    close.reset();
    setDone(null);
    closeModal.open();
  };
  const confirm = () => {
    close.mutate(jury.etat, {
      onSuccess: (j) => setDone(`La délibération du ${jury.group === 1 ? '1er' : '2nd'} groupe est close : le jury est à l'état ${stateLabel(j.etat, j.etatLibelle)} et les notes ne peuvent plus être modifiées.`),
    });
  };

  return (
    <section className="fr-mt-4w" aria-labelledby="close-title">
      <h2 className="fr-h5" id="close-title">Clôture de la délibération</h2>
      {done && <Alert severity="success" small description={done} className="fr-mb-2w" />}
      <ErrorAlert error={close.error} title="La délibération n'a pas été clôturée" />
      {jury.actions.canClose && label ? (
        <>
          <p className="fr-text--sm">
            La clôture est refusée tant qu'un candidat est incomplet (note manquante). Après la clôture, plus aucune note ne
            peut être modifiée.
          </p>
          <Button iconId="fr-icon-lock-line" onClick={ask} disabled={close.isPending || jury.actions.needsActingMember || waits !== null}
            nativeButtonProps={{ 'data-testid': 'close-button', ...(waits ? { 'aria-describedby': 'close-waits' } : {}) }}>
            {label}
          </Button>
          {waits && <p className="fr-error-text fr-mt-1w" id="close-waits" data-testid="close-waits">{waits}</p>}
        </>
      ) : (
        !done && <p className="fr-text--sm" data-testid="close-unavailable">La délibération n'est pas ouverte : aucune clôture n'est possible dans l'état actuel du jury.</p>
      )}
      <closeModal.Component
        title={label ? `${label} ?` : 'Clôturer la délibération ?'}
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: 'Clôturer', onClick: confirm, nativeButtonProps: { 'data-testid': 'close-confirm' } },
        ]}
      >
        <p>{`Jury ${jury.code} - ${jury.specialiteLibelle} : ${total} candidat(s).`}</p>
        <ul data-testid="close-summary">
          {counts.map((c) => <li key={c.decision}>{`${c.label} : ${c.count}`}</li>)}
        </ul>
        {incomplete > 0 && (
          <p className="fr-error-text">{`${incomplete} candidat(s) incomplet(s) : la clôture sera refusée tant que leurs notes manquent.`}</p>
        )}
        <p>Après la clôture, les notes ne pourront plus être modifiées. Confirmez-vous la clôture ?</p>
      </closeModal.Component>
    </section>
  );
}
