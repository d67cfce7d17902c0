import type { ReactElement } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useMe } from './api/hooks.js';
import type { Role } from './api/types.js';
import { ErrorAlert } from './components/ErrorAlert.js';
import { EmergencyLoginPage } from './features/jury/EmergencyLoginPage.js';
import { OfflineLockedError } from './features/jury/offline/session.js';
import { OfflineUnlockPage } from './features/jury/offline/OfflineUnlockPage.js';
import { PviPage } from './features/jury/PviPage.js';
import { CentrePviPage } from './features/aids/AidsPages.js';
import { VerifyPage } from './features/verification/VerifyPage.js';
import { MenuOverview } from './components/MenuOverview.js';
import { AppShell } from './layout/AppShell.js';
import { EntryPage } from './layout/EntryPage.js';
import { Page } from './layout/Page.js';
import { useRouteFocus } from './layout/useRouteFocus.js';
import { MENU, entryById, groupOf, type MenuEntry, type MenuGroupId } from './menu.js';
import { ACADEMIE_PVI_ROUTE } from './features/academie/ConsultJuryPage.js';
import { AccessibilityPage } from './pages/AccessibilityPage.js';
import { HomePage } from './pages/HomePages.js';
import { ChangePasswordPage } from './pages/ChangePasswordPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { ForbiddenPage, NotFoundPage, PreparingScreen } from './pages/misc.js';
import { SCREENS } from './screens.js';

export function App() {
  useRouteFocus();
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route path="/connexion" element={<LoginPage />} />
        <Route path="/secours" element={<EmergencyLoginPage />} />
        <Route path="/accessibilite" element={<AccessibilityPage />} />
        <Route path="/verifier" element={<VerifyPage />} />
        <Route path="/verifier/:code" element={<VerifyPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="/deliberation" element={<GroupPage group="deliberation" title="Délibération" />} />
          <Route path="/academie" element={<GroupPage group="academie" title="Académie" />} />
          <Route path="/centre-epreuve" element={<GroupPage group="centre_epreuve" title="Centre d'épreuve" />} />
          <Route path="/jury/candidats/:id" element={<JuryOnly><PviPage /></JuryOnly>} />
          <Route path="/suivi/proches-seuil/candidats/:id" element={<CentreOrAcademie><CentrePviPage /></CentreOrAcademie>} />
          <Route path={`${ACADEMIE_PVI_ROUTE}/:id`} element={<AcademieOnly><PviPage back={ACADEMIE_BACK} /></AcademieOnly>} />
          {MENU.filter((e) => e.enabled).map((e) => (
            <Route key={e.id} path={e.route} element={<EntryRoute entry={e} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

/** Pages behind the login: unknown session → "Connexion", keeping where the user wanted to go. */
function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <p aria-live="polite">Chargement…</p>;
  // offline, a jury's encrypted data kept in this browser: its password unlocks it
  if (me.error instanceof OfflineLockedError) return <OfflineUnlockPage logins={me.error.logins} message={me.error.message} />;
  if (me.error) return <ErrorAlert error={me.error} title="Le service est indisponible" />;
  if (!me.data.user) return <Navigate to="/connexion" replace state={{ from: location.pathname + location.search }} />;
  // a one-time password opens nothing before the account chooses its own (the server refuses the rest)
  if (me.data.user.mustChangePassword) return <ChangePasswordPage />;
  // a jury account first says who deliberates: his name signs every change
  if (me.data.user.role === 'jury' && !me.data.user.actingMember && location.pathname !== ACTING_MEMBER_ROUTE) {
    return <Navigate to={ACTING_MEMBER_ROUTE} replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}

const ACTING_MEMBER_ROUTE = '/jury/qui-delibere';

function JuryOnly({ children }: { children: ReactElement }) {
  return useRole() === 'jury' ? children : <ForbiddenPage />;
}

function CentreOrAcademie({ children }: { children: ReactElement }) {
  const role = useRole();
  return role === 'centre' || role === 'academie' ? children : <ForbiddenPage />;
}

function AcademieOnly({ children }: { children: ReactElement }) {
  return useRole() === 'academie' ? children : <ForbiddenPage />;
}

const ACADEMIE_BACK = { label: 'Consulter un jury', to: entryById('consulter-jury').route };

function useRole(): Role | undefined {
  return useMe().data?.user?.role;
}

function EntryRoute({ entry }: { entry: MenuEntry }) {
  const role = useRole();
  if (!role || !entry.roles.includes(role)) return <ForbiddenPage />;
  const screen = SCREENS[entry.id];
  if (screen?.standalone) return screen.element;
  return (
    <EntryPage key={entry.id} entry={entry} showPeriode={screen?.showPeriode}>
      {screen ? screen.element : <PreparingScreen entry={entry} />}
    </EntryPage>
  );
}

function GroupPage({ group, title }: { group: MenuGroupId; title: string }) {
  const role = useRole();
  if (!role || !groupOf(group).roles.includes(role)) return <ForbiddenPage />;
  return (
    <Page title={title}>
      <MenuOverview role={role} group={group} />
    </Page>
  );
}
