import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { DecisionCounts } from '../jury/JuryPortalPage.js';
import { CandidatesTable } from '../jury/CandidatesTable.js';
import { useJuryCandidates } from '../jury/api.js';
import { JuryCard, StateNotice } from '../jury/parts.js';

/** The académie's read-only route to a candidate's PVI (the jury portal's PviPage, without any change). */
export const ACADEMIE_PVI_ROUTE = '/academie/candidats';
const LAST_JURY = 'delib.consulter-jury';

/**
 * "Consulter un jury" (académie): a jury's candidates with their proposed decisions, and each
 * candidate's procès-verbal individuel, read only (the académie never changes a grade).
 */
export function ConsultJuryPage() {
  const [params, setParams] = useSearchParams();
  // back from a PVI: the jury consulted last in this tab
  const code = params.get('jury') ?? sessionStorage.getItem(LAST_JURY) ?? '';
  const [typed, setTyped] = useState(code);
  const list = useJuryCandidates(code || undefined, code !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = typed.trim();
    sessionStorage.setItem(LAST_JURY, c);
    setParams(c ? { jury: c } : {}, { replace: true });
  };
  return (
    <>
      <form onSubmit={submit} noValidate className="fr-mb-3w" aria-label="Choisir le jury à consulter">
        <Input label="Code du jury" hintText="Par exemple 31310. Les procès-verbaux individuels s'ouvrent en lecture seule."
          nativeInputProps={{ value: typed, onChange: (e) => setTyped(e.target.value), name: 'jury', autoComplete: 'off' }} />
        <Button type="submit">Afficher les candidats</Button>
      </form>
      <ErrorAlert error={list.error} title="Les candidats ne sont pas consultables" />
      {list.isPending && code && <p aria-live="polite">Chargement des candidats…</p>}
      {list.data && (
        <>
          <JuryCard jury={list.data.jury} />
          <StateNotice jury={list.data.jury} />
          <DecisionCounts counts={list.data.counts} caption="Décisions proposées du 1er groupe" testId="counts" />
          {list.data.counts2 && <DecisionCounts counts={list.data.counts2} caption="Décisions du 2nd groupe (épreuves de contrôle)" testId="counts2" />}
          <h2 className="fr-h5">Candidats du jury</h2>
          <CandidatesTable candidates={list.data.candidates} canRevealIdentity={false} pviRoute={ACADEMIE_PVI_ROUTE} />
        </>
      )}
    </>
  );
}
