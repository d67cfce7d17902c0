import { Link } from 'react-router-dom';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut.js';
import { useJuries, useMe } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { deliberationDates, stateLabel, withCode } from '../format.js';
import { Page } from '../layout/Page.js';

/**
 * "/jury" (reserved for the jury portal, built in another issue): for now the jury sees its state and
 * deliberation dates, and what the portal will hold.
 */
export function JuryHome() {
  const user = useMe().data?.user;
  const juries = useJuries({});
  const jury = juries.data?.items.find((j) => j.code === user?.scope) ?? juries.data?.items[0];
  return (
    <Page title="Portail du jury" current="Portail du jury" home>
      <ErrorAlert error={juries.error} title="Impossible de charger le jury" />
      {juries.isPending && <p aria-live="polite">Chargement du jury…</p>}
      {jury && (
        <div className="delib-panel fr-p-3w fr-mb-4w" data-testid="jury-card">
          <h2 className="fr-h5">{`Jury ${jury.code} - ${jury.specialiteLibelle}`}</h2>
          <dl className="delib-dl">
            <dt>Centre de délibération</dt>
            <dd>{withCode(jury.centreLibelle, jury.centreUai)}</dd>
            <dt>Date(s) de délibération</dt>
            <dd>{deliberationDates(jury.debutDeliberation, jury.finDeliberation) || '—'}</dd>
            <dt>Etat d'avancement du jury</dt>
            <dd data-testid="jury-state">{stateLabel(jury.etat, jury.etatLibelle)}</dd>
          </dl>
        </div>
      )}
      <CallOut title="Délibération en ligne" titleAs="h2">
        La liste des candidats du jury, leurs procès-verbaux individuels, la modification des notes et la clôture de
        la délibération seront disponibles prochainement sur ce portail. Les changements d'état de votre jury sont
        consultables dans le <Link to="/journal">journal</Link>.
      </CallOut>
    </Page>
  );
}
