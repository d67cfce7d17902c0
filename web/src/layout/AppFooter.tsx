import { Link } from 'react-router-dom';
import { BRAND_STATE, SERVICE_TAGLINE, SERVICE_TITLE } from '../brand.js';

/** Minimal DSFR footer (no external links: the application runs on internal networks). */
export function AppFooter() {
  return (
    <footer className="fr-footer fr-mt-6w" id="footer">
      <div className="fr-container">
        <div className="fr-footer__body">
          {BRAND_STATE && (
            <div className="fr-footer__brand fr-enlarge-link">
              <p className="fr-logo">République<br />Française</p>
            </div>
          )}
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">
              {SERVICE_TITLE} — {SERVICE_TAGLINE}. Application libre de gestion des délibérations d'examen.
            </p>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="/accessibilite">Accessibilité : partiellement conforme</Link>
            </li>
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>Sauf mention contraire, les contenus de ce site sont proposés sous licence MIT.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
