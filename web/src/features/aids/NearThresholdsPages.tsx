// The pages of "Candidats proches d'un seuil": the jury's (its own jury, offline too) and the centre's
// or académie's (read-only, any jury whose grades they may read: a jury is chosen first).
import { useState } from 'react';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useJuries, useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../layout/Page.js';
import { PviPage } from '../jury/PviPage.js';
import { NearThresholdsView } from './NearThresholdsView.js';

export const CENTRE_NEAR_ROUTE = '/suivi/proches-seuil';

/** Jury portal: its own candidates near a threshold. */
export function JuryNearThresholdsPage() {
  const code = useMe().data?.user?.scope;
  return (
    <Page title="Candidats proches d'un seuil" crumbs={[{ label: 'Portail du jury', to: '/jury' }]}>
      <NearThresholdsView code={code} pviPath={(id) => `/jury/candidats/${id}`} />
    </Page>
  );
}

/** Centre and académie: choose a jury, then its candidates near a threshold (read-only). */
export function CentreNearThresholdsPage() {
  const juries = useJuries({});
  const [code, setCode] = useState('');
  const items = juries.data?.items ?? [];
  return (
    <div>
      <ErrorAlert error={juries.error} title="Les jurys ne sont pas consultables" />
      <Select label="Jury" className="fr-mb-3w" nativeSelectProps={{ value: code, onChange: (e) => setCode(e.target.value), name: 'jury' }}>
        <option value="">Choisir un jury</option>
        {items.map((j) => (
          <option key={j.code} value={j.code}>{`${j.code} - ${j.specialiteLibelle} (${j.etat})`}</option>
        ))}
      </Select>
      {code && <NearThresholdsView key={code} code={code} pviPath={(id) => `${CENTRE_NEAR_ROUTE}/candidats/${id}`} />}
    </div>
  );
}

/** A candidate's PVI, read-only, from the centre's view. */
export function CentrePviPage() {
  return <PviPage back={{ label: "Candidats proches d'un seuil", to: CENTRE_NEAR_ROUTE }} />;
}
