import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useJuries } from '../../api/hooks.js';
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
  const juries = useJuries({});
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('jury') ?? '');
  const list = useJuryCandidates(code || undefined, code !== '');
  const choose = (c: string) => {
    setCode(c);
    setParams(c ? { jury: c } : {}, { replace: true });
  };
  return (
    <>
      <ErrorAlert error={juries.error} title="Impossible de charger les jurys" />
      <Select label="Jury" hint="Les procès-verbaux individuels s'ouvrent en lecture seule."
        nativeSelectProps={{ value: code, onChange: (e) => choose(e.target.value), name: 'jury' }}>
        <option value="">Choisir un jury</option>
        {(juries.data?.items ?? []).map((j) => (
          <option key={j.code} value={j.code}>{`${j.code} – ${j.specialiteLibelle} – ${j.centreLibelle} (état ${j.etat})`}</option>
        ))}
      </Select>
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
