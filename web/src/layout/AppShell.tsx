import { Outlet } from 'react-router-dom';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks.js';
import { AppHeader } from './AppHeader.js';
import { AppFooter } from './AppFooter.js';
import { SideMenu } from './SideMenu.js';
import { useMe } from '../api/hooks.js';
import { OfflineBanner } from '../features/jury/offline/OfflineBanner.js';

/** Authenticated layout: header, activity menu on the left, the page on the right. */
export function AppShell() {
  const me = useMe();
  const user = me.data?.user ?? null;
  return (
    <>
      <SkipLinks links={[
        { label: 'Contenu', anchor: '#contenu' },
        ...(user ? [{ label: 'Menu des activités', anchor: '#delib-sidemenu-wrapper' }] : []),
        { label: 'Pied de page', anchor: '#footer' },
      ]} />
      <AppHeader user={user} />
      <div className="fr-container fr-mt-4w">
        <div className="fr-grid-row fr-grid-row--gutters">
          {user && (
            <div className="fr-col-12 fr-col-md-4 fr-col-lg-3">
              <SideMenu role={user.role} />
            </div>
          )}
          <main id="contenu" tabIndex={-1} className={`fr-col-12 ${user ? 'fr-col-md-8 fr-col-lg-9' : ''} delib-main`}>
            {user?.role === 'jury' && <OfflineBanner />}
            <Outlet />
          </main>
        </div>
      </div>
      <AppFooter />
    </>
  );
}
