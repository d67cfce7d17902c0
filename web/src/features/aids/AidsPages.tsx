// The pages of the deliberation aids: "Candidats proches d'un seuil" and "Graphiques du jury", the
// jury's (its own jury, offline too) and the centre's or académie's (read-only, any jury whose grades
// they may read: a jury is chosen first).
import { useState, type ReactNode } from 'react';
import { Select } from '@codegouvfr/react-dsfr/Select.js';
import { useJuries, useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../layout/Page.js';
import { PviPage } from '../jury/PviPage.js';
import { NearThresholdsView } from './NearThresholdsView.js';
import { useCharts } from './api.js';
import { ChartsView } from './ChartsView.js';

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

/** Centre and académie: a spécialité (when there are many juries), then a jury; `children` shows it. */
function JuryChooser({ children }: { children: (code: string) => ReactNode }) {
  const [specialite, setSpecialite] = useState('');
  const juries = useJuries({ ...(specialite ? { specialite } : {}), pageSize: 500, sort: 'code' });
  const [code, setCode] = useState('');
  const items = juries.data?.items ?? [];
  const specialites = juries.data?.specialites ?? [];
  return (
    <div>
      <ErrorAlert error={juries.error} title="Les jurys ne sont pas consultables" />
      <div className="delib-margin-form fr-mb-3w">
        <Select label="Spécialité" nativeSelectProps={{ value: specialite, onChange: (e) => { setSpecialite(e.target.value); setCode(''); }, name: 'specialite' }}>
          <option value="">Toutes les spécialités</option>
          {specialites.map((s) => <option key={s.code} value={s.code}>{`${s.code} - ${s.libelle}`}</option>)}
        </Select>
        <Select label="Jury" nativeSelectProps={{ value: code, onChange: (e) => setCode(e.target.value), name: 'jury' }}>
          <option value="">Choisir un jury</option>
          {items.map((j) => (
            <option key={j.code} value={j.code}>{`${j.code} - ${j.specialiteLibelle} (${j.etat})`}</option>
          ))}
        </Select>
      </div>
      {juries.data && juries.data.total > items.length && (
        <p className="fr-text--sm">{`Les ${items.length} premiers jurys sur ${juries.data.total} : choisissez une spécialité pour les autres.`}</p>
      )}
      {code && children(code)}
    </div>
  );
}

/** Centre and académie: a jury's candidates near a threshold (read-only). */
export function CentreNearThresholdsPage() {
  return <JuryChooser>{(code) => <NearThresholdsView key={code} code={code} pviPath={(id) => `${CENTRE_NEAR_ROUTE}/candidats/${id}`} />}</JuryChooser>;
}

function Charts({ code }: { code: string | undefined }) {
  const charts = useCharts(code);
  return (
    <>
      <ErrorAlert error={charts.error} title="Les graphiques ne sont pas consultables" />
      {charts.isPending && code && <p aria-live="polite">Chargement des graphiques…</p>}
      {charts.data && <ChartsView c={charts.data} />}
    </>
  );
}

/** Jury portal: its charts against its spécialité. */
export function JuryChartsPage() {
  const code = useMe().data?.user?.scope;
  return (
    <Page title="Graphiques du jury" crumbs={[{ label: 'Portail du jury', to: '/jury' }]}>
      <Charts code={code} />
    </Page>
  );
}

/** Centre and académie: a jury's charts against its spécialité. */
export function CentreChartsPage() {
  return <JuryChooser>{(code) => <Charts key={code} code={code} />}</JuryChooser>;
}

/** A candidate's PVI, read-only, from the centre's view. */
export function CentrePviPage() {
  return <PviPage back={{ label: "Candidats proches d'un seuil", to: CENTRE_NEAR_ROUTE }} />;
}
