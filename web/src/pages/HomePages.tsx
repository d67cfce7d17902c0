import { Link } from 'react-router-dom';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut.js';
import { useMe, useSessionContext } from '../api/hooks.js';
import type { User } from '../api/types.js';
import { JuryDashboard } from '../components/JuryDashboard.js';
import { MenuOverview } from '../components/MenuOverview.js';
import { Page } from '../layout/Page.js';
import { JuryHome } from './JuryHome.js';

/** "/": each role lands on its own home page. */
export function HomePage() {
  const user = useMe().data?.user;
  if (!user) return null;
  switch (user.role) {
    case 'centre': return <CentreHome user={user} />;
    case 'academie': return <AcademieHome user={user} />;
    case 'jury': return <JuryHome />;
    case 'centre_epreuve': return <CentreEpreuveHome user={user} />;
  }
}

function Establishment({ user }: { user: User }) {
  const ctx = useSessionContext();
  const e = ctx.data?.etablissement;
  const label = e ? `${e.libelle} – ${e.ville} (${e.uai})` : user.scopeLabel;
  return label ? <p className="fr-text--lead fr-mb-4w" data-testid="scope-label">{label}</p> : null;
}

function CentreHome({ user }: { user: User }) {
  return (
    <Page title="Centre de délibération" current="Accueil" home>
      <Establishment user={user} />
      <h2 className="fr-h4">Etat d'avancement des jurys de mon centre</h2>
      <JuryDashboard caption="Jurys délibérés dans mon centre" />
      <p className="fr-text--sm">
        Pour faire avancer les jurys, utilisez les activités{' '}
        <Link to="/deliberation/apres-1er-groupe/terminer-1er-groupe">Terminer le 1er groupe</Link>,{' '}
        <Link to="/deliberation/avant-2nd-groupe/ouvrir-deliberation-2nd-groupe">Ouvrir la délibération du 2nd groupe</Link> et{' '}
        <Link to="/deliberation/apres-2nd-groupe/terminer-2nd-groupe">Terminer le 2nd groupe</Link>.
      </p>
      <h2 className="fr-h4 fr-mt-6w">Activités du menu DÉLIBÉRATION</h2>
      <MenuOverview role={user.role} group="deliberation" level="h3" />
    </Page>
  );
}

function AcademieHome({ user }: { user: User }) {
  return (
    <Page title="Service des examens de l'académie" current="Accueil" home>
      <p className="fr-text--lead fr-mb-4w" data-testid="scope-label">{user.scopeLabel}</p>
      <h2 className="fr-h4">Activités de l'académie</h2>
      <MenuOverview role={user.role} group="academie" />
      <h2 className="fr-h4 fr-mt-6w">Etat d'avancement des jurys de l'académie</h2>
      <JuryDashboard caption="Jurys de l'académie" showCentre />
    </Page>
  );
}

function CentreEpreuveHome({ user }: { user: User }) {
  return (
    <Page title="Centre d'épreuve" current="Accueil" home>
      <Establishment user={user} />
      <CallOut title="Activités du centre d'épreuve" titleAs="h2" className="fr-mb-4w">
        Listes de résultats des candidats de votre centre ; pour le 2nd groupe, date, heure et salle de chaque épreuve
        organisée dans votre centre, puis saisie des notes de ces épreuves (jurys à l'état 200).
      </CallOut>
      <MenuOverview role={user.role} group="centre_epreuve" />
    </Page>
  );
}
