import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs.js';
import type { JuryCriteria } from '../../api/types.js';
import type { LifecycleConfig } from './config.js';
import { DetailedView } from './DetailedView.js';
import { SyntheticView } from './SyntheticView.js';

type TabId = 'synthetique' | 'detaillee';

/**
 * The shared jury-state screen (the memo notes these activities look alike): "Terminer le 1er groupe",
 * "Ouvrir la délibération du 2nd groupe", "Terminer le 2nd groupe", "Gérer l'avancement des jurys" and
 * the académie's openings and locks. What differs is in `config`.
 */
export function LifecycleScreen({ config }: { config: LifecycleConfig }) {
  const [tab, setTab] = useState<TabId>('synthetique');
  const [criteria, setCriteria] = useState<JuryCriteria | null>(null);

  return (
    <>
      {config.mode === 'exceptional' && <ExceptionalWarning />}
      <Tabs
        label="Vues des jurys"
        selectedTabId={tab}
        onTabChange={(id) => setTab(id as TabId)}
        tabs={[
          { tabId: 'synthetique', label: 'Vue synthétique' },
          { tabId: 'detaillee', label: 'Vue détaillée' },
        ]}
      >
        {tab === 'synthetique'
          ? <SyntheticView config={config} />
          : <DetailedView config={config} criteria={criteria} onCriteria={setCriteria} />}
      </Tabs>
    </>
  );
}

function ExceptionalWarning() {
  return (
    <Alert
      className="fr-mb-4w"
      severity="warning"
      title="Activité réservée aux situations exceptionnelles"
      description={
        <>
          <p className="fr-mb-1w">
            Cet écran ressemble à celui des activités « Terminer le 1er groupe », « Ouvrir la délibération du 2nd
            groupe » ou « Terminer le 2nd groupe », mais il ne doit pas être confondu avec elles : ces activités sont
            des actes de gestion <strong>normaux</strong>, alors que « Gérer l'avancement des jurys » permet de gérer
            des situations qui doivent rester <strong>exceptionnelles</strong>.
          </p>
          <p className="fr-mb-0">
            Pour l'avancement normal d'un jury, utilisez l'activité correspondante du menu. Chaque changement
            effectué ici exige un <strong>motif</strong> et est enregistré au journal (auteur, date, état avant,
            état après, motif).
          </p>
        </>
      }
    />
  );
}
