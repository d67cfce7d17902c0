// The accessibility statement the footer links to, following the RGAA model (numerique.gouv.fr):
// état de conformité, résultats des tests, contenus non accessibles, établissement de la déclaration,
// retour d'information et contact, voies de recours. The pages checked are those of the menu.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Role } from '../api/types.js';
import { Page } from '../layout/Page.js';
import { PUBLIC_PAGES, pagesOf } from '../menu.js';
import { ROLE_LABELS } from '../format.js';

interface Contact {
  service: { libelle: string; adresse: string; mail: string; telephone: string; academie: string } | null;
}

const ROLES: readonly Role[] = ['academie', 'centre', 'jury', 'centre_epreuve'];
/** The date this statement was drawn up (RGAA: "Cette déclaration a été établie le …"). */
const ESTABLISHED = '7 décembre 2026';

export function AccessibilityPage() {
  const contact = useQuery({ queryKey: ['accessibility'], queryFn: () => api.get<Contact>('/api/accessibility') });
  const service = contact.data?.service ?? null;
  const checked = ROLES.reduce((n, r) => n + pagesOf(r).length, PUBLIC_PAGES.length);
  return (
    <Page title="Déclaration d'accessibilité" showContext={false}>
      <p>
        {service ? service.libelle : "Le service des examens de l'académie qui exploite cette instance"}{' '}
        s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102
        du 11 février 2005.
      </p>
      <p>Cette déclaration d'accessibilité s'applique à Délib, application de gestion des délibérations d'examen.</p>

      <h2 className="fr-h4 fr-mt-4w">État de conformité</h2>
      <p data-testid="conformity">
        Délib est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité
        (RGAA), version 4.1.2, en raison des non-conformités énumérées ci-dessous.
      </p>

      <h2 className="fr-h4 fr-mt-4w">Résultats des tests</h2>
      <p>
        Cette déclaration repose sur une auto-évaluation ; aucun audit complet des 106 critères du RGAA n'a encore été
        réalisé par un organisme extérieur. Le taux de conformité sera publié à l'issue de cet audit.
      </p>
      <p>À chaque version de Délib, une suite de tests automatisés vérifie :</p>
      <ul>
        <li>{`les ${checked} pages atteintes par les profils académie, centre de délibération, jury et centre d'épreuve, et les pages publiques, avec l'outil axe-core : aucune erreur grave ou critique ;`}</li>
        <li>la saisie des notes du 2nd groupe et la modification d'une note dans le procès-verbal individuel au clavier seul ;</li>
        <li>l'étiquetage de chaque champ de formulaire et le titre de chaque page.</li>
      </ul>

      <h2 className="fr-h4 fr-mt-4w">Contenus non accessibles</h2>
      <h3 className="fr-h6">Non-conformités</h3>
      <ul>
        <li>
          Les documents PDF édités (listes, procès-verbaux, relevés de notes, convocations, bordereaux) ne sont pas
          balisés : leur structure (titres, tableaux, ordre de lecture) n'est pas restituée aux technologies
          d'assistance (critère 13.3). Les listes existent aussi au format CSV, lisible par un tableur.
        </li>
        <li>
          La session de travail se termine après 8 heures d'inactivité et au plus tard 12 heures après la connexion,
          sans que l'utilisateur puisse prolonger ce délai (critère 13.1) ; une nouvelle connexion est alors demandée.
        </li>
        <li>Les pages n'ont pas encore été vérifiées avec un lecteur d'écran (NVDA, JAWS, VoiceOver).</li>
      </ul>
      <h3 className="fr-h6">Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3 className="fr-h6">Contenus non soumis à l'obligation d'accessibilité</h3>
      <p>
        Les fichiers d'échange (CSV) du dossier de session, dont le format est imposé par le système d'information
        des examens.
      </p>

      <h2 className="fr-h4 fr-mt-4w">Établissement de cette déclaration d'accessibilité</h2>
      <p>{`Cette déclaration a été établie le ${ESTABLISHED}.`}</p>
      <h3 className="fr-h6">Technologies utilisées pour la réalisation de Délib</h3>
      <ul>
        <li>HTML5, CSS et JavaScript (React)</li>
        <li>Système de design de l'État (DSFR)</li>
      </ul>
      <h3 className="fr-h6">Environnement de test</h3>
      <p>Navigateur Chromium (Debian), clavier seul ; outil axe-core.</p>
      <h3 className="fr-h6">Pages du site ayant fait l'objet de la vérification de conformité</h3>
      <details data-testid="checked-pages">
        <summary>{`Les ${checked} pages vérifiées, par profil`}</summary>
        <h4 className="fr-text--md fr-mb-1w fr-mt-2w">Pages publiques</h4>
        <ul>{PUBLIC_PAGES.map((p) => <li key={p.route}>{p.label}</li>)}</ul>
        {ROLES.map((r) => (
          <section key={r}>
            <h4 className="fr-text--md fr-mb-1w">{`Profil ${ROLE_LABELS[r] ?? r}`}</h4>
            <ul>{pagesOf(r).map((p) => <li key={p.route}>{p.label}</li>)}</ul>
          </section>
        ))}
      </details>

      <h2 className="fr-h4 fr-mt-4w">Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable de Délib
        pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme :
      </p>
      {service ? (
        <ul data-testid="accessibility-contact">
          <li>{service.libelle}</li>
          {service.mail && <li>{'Courriel : '}<a href={`mailto:${service.mail}`}>{service.mail}</a></li>}
          {service.telephone && <li>{`Téléphone : ${service.telephone}`}</li>}
          {service.adresse && <li>{`Adresse : ${service.adresse}`}</li>}
        </ul>
      ) : (
        <p data-testid="accessibility-contact">le service des examens de votre académie (ses coordonnées figurent sur les documents édités).</p>
      )}

      <h2 className="fr-h4 fr-mt-4w">Voies de recours</h2>
      <p>
        Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable de Délib un défaut
        d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services et vous n'avez pas obtenu de
        réponse satisfaisante.
      </p>
      <ul>
        <li>Écrire un message au Défenseur des droits (formulaire en ligne : formulaire.defenseurdesdroits.fr) ;</li>
        <li>Contacter le délégué du Défenseur des droits dans votre région (www.defenseurdesdroits.fr/saisir/delegues) ;</li>
        <li>Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
    </Page>
  );
}
