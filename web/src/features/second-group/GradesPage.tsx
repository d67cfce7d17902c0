import { useState } from 'react';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut.js';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs.js';
import { useMe } from '../../api/hooks.js';
import { useGrades } from './api.js';
import { DoubleEntryPanel } from './DoubleEntryPanel.js';
import { GradeGrid } from './GradeGrid.js';
import { MismatchesPanel } from './MismatchesPanel.js';
import './second-group.css';

type TabId = 'first' | 'second' | 'mismatches' | 'settings';

/**
 * "Saisir les notes des épreuves du 2nd groupe" — for the centre de délibération (its juries at 200)
 * and the centre d'épreuve (the candidates it hosts): first entry, blind second entry, mismatches,
 * and (centre, académie) which épreuves require the double entry.
 */
export function GradesPage() {
  const role = useMe().data?.user?.role;
  const [tab, setTab] = useState<TabId>('first');
  const mismatches = useGrades('first').data?.mismatches ?? 0;
  const canConfigure = role === 'centre' || role === 'academie';
  const tabs = [
    { tabId: 'first', label: 'Première saisie' },
    { tabId: 'second', label: 'Seconde saisie (double saisie)' },
    { tabId: 'mismatches', label: `Discordances (${mismatches})` },
    ...(canConfigure ? [{ tabId: 'settings', label: 'Paramétrer la double saisie' }] : []),
  ];
  return (
    <>
      <p className="delib-sg-rule">
        Saisissez chaque note (de 0 à 20, deux décimales au plus, ou <strong>ABS</strong> pour un candidat absent) puis appuyez
        sur <kbd>Entrée</kbd> : la note est enregistrée aussitôt et le curseur passe à la ligne suivante (quitter la case
        l'enregistre aussi ; <kbd>Échap</kbd> annule la saisie en cours ; une case vidée efface la note). Si quelqu'un a
        modifié la note entre-temps, votre saisie est conservée à l'écran avec la valeur actuelle et son auteur.
      </p>
      <CallOut title="Règle de la double saisie" titleAs="h2" className="fr-mb-4w delib-sg-rule">
        Lorsque la double saisie est activée pour une épreuve d'un jury, une seconde personne saisit les mêmes notes sans voir
        la première saisie. Une note n'est prise en compte que lorsque les deux saisies sont identiques : tant que la seconde
        saisie manque ou diffère, la note compte comme manquante (« Contrôler les notes manquantes ») et la délibération du
        2nd groupe du jury ne peut pas être ouverte. Les discordances sont listées jusqu'à leur résolution.
      </CallOut>
      <Tabs label="Saisie des notes" selectedTabId={tab} onTabChange={(id) => setTab(id as TabId)} tabs={tabs}>
        {tab === 'first' && <GradeGrid mode="first" />}
        {tab === 'second' && (
          <>
            <p className="delib-sg-rule">
              Seconde saisie à l'aveugle : la première saisie n'est pas affichée. Elle doit être faite par une autre personne que
              la première.
            </p>
            <GradeGrid mode="second" />
          </>
        )}
        {tab === 'mismatches' && <MismatchesPanel />}
        {tab === 'settings' && canConfigure && <DoubleEntryPanel />}
      </Tabs>
    </>
  );
}
