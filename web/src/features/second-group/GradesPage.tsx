import { useState } from 'react';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut.js';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs.js';
import { useMe } from '../../api/hooks.js';
import { useMismatches } from './api.js';
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
  // the same query as the list of the tab: the count follows the list
  const mismatches = useMismatches().data?.items.length ?? 0;
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
        Lorsque la double saisie est activée pour une épreuve d'un jury, chaque note est saisie deux fois, par deux personnes
        différentes, chacune sans voir la saisie de l'autre : tant qu'une seule saisie est faite, sa valeur n'est visible que de
        son auteur (écrans, journal). Une note n'est prise en compte que lorsque les deux saisies sont identiques ; jusque-là
        elle compte comme manquante partout (portail du jury, PVI, statistiques, éditions, résultats), « Contrôler les notes
        manquantes » la signale et la délibération du 2nd groupe du jury ne peut pas être ouverte. Une fois les deux saisies
        faites, elles ne se modifient plus : une discordance est arbitrée (onglet « Discordances ») par une personne qui n'a
        fait aucune des deux saisies, ou par l'académie.
      </CallOut>
      <Tabs label="Saisie des notes" selectedTabId={tab} onTabChange={(id) => setTab(id as TabId)} tabs={tabs}>
        {tab === 'first' && <GradeGrid mode="first" />}
        {tab === 'second' && (
          <>
            <p className="delib-sg-rule">
              Seconde saisie à l'aveugle : la première saisie n'est pas affichée, et le résultat de la comparaison n'apparaît
              qu'une fois les deux saisies faites. Elle doit être faite par une autre personne que la première.
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
