// Screen of each enabled menu entry (by entry id). An enabled entry without a screen shows a neutral
// "en préparation" page. Lifecycle screens share one component; only their configuration differs.
import type { ReactElement } from 'react';
import { LifecycleScreen } from './features/lifecycle/LifecycleScreen.js';
import { pairs } from './features/lifecycle/config.js';
import { ImportPage } from './features/academie/ImportPage.js';
import { EmergencyPage } from './features/academie/EmergencyPage.js';
import { UsersPage } from './features/academie/UsersPage.js';
import { ConsultJuryPage } from './features/academie/ConsultJuryPage.js';
import { JournalPage } from './features/journal/JournalPage.js';
import { EDITION_SCREENS } from './features/editions/screens.js';
import { EditionScreen } from './features/editions/EditionScreen.js';
import { EDITION_SCREEN_CONFIGS } from './features/editions/config.js';
import { MissingGradesPanel } from './features/second-group/MissingGradesPanel.js';
import { ChoicesPage } from './features/second-group/ChoicesPage.js';
import { GradesPage } from './features/second-group/GradesPage.js';
import { SchedulePage } from './features/second-group/SchedulePage.js';
import { ActingMemberPage } from './features/jury/ActingMemberPage.js';
import { JuryPortalPage } from './features/jury/JuryPortalPage.js';
import { SecondGroupPage } from './features/jury/SecondGroupPage.js';
import { StatisticsPage } from './features/jury/StatisticsPage.js';
import { CentreChartsPage, CentreNearThresholdsPage, JuryChartsPage, JuryNearThresholdsPage } from './features/aids/AidsPages.js';
import { HarmonisationPage } from './features/aids/HarmonisationPage.js';

export interface Screen {
  element: ReactElement;
  /** shows "Période de délibération : Session normale" under the title (the memo's jury-state screens) */
  showPeriode?: boolean;
  /** the element renders its own page frame (title, breadcrumb) */
  standalone?: boolean;
}

// The centre's normal acts (the memo shows their three bulk buttons on each of these screens).
const normal = (
  <LifecycleScreen config={{
    mode: 'normal',
    transitionFilter: pairs([['130', '140'], ['200', '210'], ['211', '214']]),
    bulkStates: ['130', '200', '211'],
  }} />
);

export const SCREENS: Readonly<Record<string, Screen>> = {
  'terminer-1er-groupe': { element: normal, showPeriode: true },
  'ouvrir-2nd-groupe': { element: normal, showPeriode: true },
  'terminer-2nd-groupe': { element: normal, showPeriode: true },
  'gerer-avancement': { element: <LifecycleScreen config={{ mode: 'exceptional' }} />, showPeriode: true },
  'importer-session': { element: <ImportPage /> },
  'ouvrir-deliberations': {
    showPeriode: true,
    element: <LifecycleScreen config={{
      mode: 'normal',
      transitionFilter: pairs([['000', '105'], ['000', '110'], ['105', '110']]),
      bulkStates: ['000', '105'],
    }} />,
  },
  'verrouillages': {
    showPeriode: true,
    element: <LifecycleScreen config={{
      mode: 'normal',
      transitionFilter: pairs([['140', '198'], ['214', '218'], ['198', '200'], ['198', '218']]),
      bulkStates: ['140', '198', '214'],
    }} />,
  },
  'acces-secours': { element: <EmergencyPage /> },
  'utilisateurs': { element: <UsersPage /> },
  'consulter-jury': { element: <ConsultJuryPage /> },
  'portail-jury': { element: <JuryPortalPage />, standalone: true },
  'statistiques-jury': { element: <StatisticsPage />, standalone: true },
  'second-groupe-jury': { element: <SecondGroupPage />, standalone: true },
  'qui-delibere': { element: <ActingMemberPage />, standalone: true },
  'journal': { element: <JournalPage /> },
  'proches-seuil-jury': { element: <JuryNearThresholdsPage />, standalone: true },
  'proches-seuil': { element: <CentreNearThresholdsPage /> },
  'graphiques-jury': { element: <JuryChartsPage />, standalone: true },
  'graphiques': { element: <CentreChartsPage /> },
  'harmonisation': { element: <HarmonisationPage /> },
  'choix-2nd-groupe': { element: <ChoicesPage /> },
  'notes-2nd-groupe': { element: <GradesPage /> },
  'ce-dates-2nd-groupe': { element: <SchedulePage /> },
  'ce-notes-2nd-groupe': { element: <GradesPage /> },
  ...EDITION_SCREENS,
  // what is missing is shown on screen too, then the edition (issue #14, item 13)
  'notes-manquantes': {
    element: (
      <>
        <MissingGradesPanel />
        <EditionScreen config={EDITION_SCREEN_CONFIGS.find((c) => c.id === 'notes-manquantes')!} />
      </>
    ),
  },
};
