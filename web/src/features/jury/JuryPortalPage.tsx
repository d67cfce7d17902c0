import { Link } from 'react-router-dom';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../layout/Page.js';
import { useJuryCandidates, useJuryHeader, type DecisionCount } from './api.js';
import { CandidatesTable } from './CandidatesTable.js';
import { CloseDeliberation } from './CloseDeliberation.js';
import { JuryCard, StateNotice } from './parts.js';
import { useLocalMode } from './offline/useOffline.js';

export function DecisionCounts({ counts, caption, testId }: { counts: DecisionCount[]; caption: string; testId: string }) {
  return (
    <div className="fr-mb-3w">
      <h2 className="fr-h6 fr-mb-1w">{caption}</h2>
      <ul className="delib-counts" data-testid={testId}>
        {counts.map((c) => (
          <li key={c.decision} className={`delib-counts__item delib-counts__item--${c.decision.toLowerCase()}`} data-testid={`${testId}-${c.decision}`}>
            <span className="delib-counts__n">{c.count}</span>
            <span className="delib-counts__label">{c.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Portail du jury": the jury, its candidates with their proposed decisions, and the closing. */
export function JuryPortalPage() {
  const code = useMe().data?.user?.scope;
  const header = useJuryHeader(code);
  const list = useJuryCandidates(code);
  const jury = list.data?.jury ?? header.data;
  // offline, identities are not shown (each consultation is journaled by the server)
  const local = useLocalMode();
  return (
    <Page title="Portail du jury" current="Portail du jury">
      <ErrorAlert error={header.error} title="Impossible de charger le jury" />
      {jury && <JuryCard jury={jury} />}
      {jury?.actions.needsActingMember && (
        <Alert severity="warning" small className="fr-mb-3w"
          description={<>Indiquez d'abord <Link to="/jury/qui-delibere">qui délibère</Link> : chaque modification est signée de son nom.</>} />
      )}
      {jury && <StateNotice jury={jury} />}
      <ErrorAlert error={list.error} title="Les candidats ne sont pas consultables" />
      {list.isPending && code && <p aria-live="polite">Chargement des candidats…</p>}
      {list.data && (
        <>
          <DecisionCounts counts={list.data.counts} caption="Décisions proposées du 1er groupe" testId="counts" />
          {list.data.counts2 && <DecisionCounts counts={list.data.counts2} caption="Décisions du 2nd groupe (épreuves de contrôle)" testId="counts2" />}
          <h2 className="fr-h5">Candidats du jury</h2>
          <CandidatesTable candidates={list.data.candidates} canRevealIdentity={list.data.jury.actions.canRevealIdentity && !list.data.jury.actions.needsActingMember && !local} />
          <CloseDeliberation jury={list.data.jury} counts={list.data.jury.group === 2 && list.data.counts2 ? list.data.counts2 : list.data.counts} />
        </>
      )}
    </Page>
  );
}
