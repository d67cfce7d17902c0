import { Link } from 'react-router-dom';
import { Page } from '../layout/Page.js';
import type { MenuEntry } from '../menu.js';

export function NotFoundPage() {
  return (
    <Page title="Page introuvable" showContext={false}>
      <p>La page demandée n'existe pas ou a été déplacée.</p>
      <Link className="fr-link" to="/">Retour à l'accueil</Link>
    </Page>
  );
}

export function ForbiddenPage() {
  return (
    <Page title="Accès refusé" showContext={false}>
      <p>Cette activité n'est pas ouverte à votre profil.</p>
      <Link className="fr-link" to="/">Retour à l'accueil</Link>
    </Page>
  );
}

/** An activity enabled in the menu whose screen is not registered yet. */
export function PreparingScreen({ entry }: { entry: MenuEntry }) {
  return (
    <div className="delib-panel fr-p-3w">
      <p className="fr-mb-1w">{entry.purpose}</p>
      <p className="fr-mb-0 fr-text--sm">Cette activité est en préparation.</p>
    </div>
  );
}
