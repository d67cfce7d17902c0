import { useEffect } from 'react';
import { useSessionContext } from '../api/hooks.js';
import { formatAcademie } from '../format.js';
import { SERVICE_TITLE } from '../brand.js';

interface Props {
  title: string;
  /** "Période de délibération : Session normale", as the memo shows on the jury-state screens */
  showPeriode?: boolean;
  /** the "BTS - 2023-06 - ACADÉMIE DE BESANCON" line */
  showContext?: boolean;
}

/** The memo's page heading: h1, then the exam context line, then the deliberation period. */
export function PageHeader({ title, showPeriode = false, showContext = true }: Props) {
  const ctx = useSessionContext(showContext || showPeriode);

  useEffect(() => {
    document.title = `${title} - ${SERVICE_TITLE}`;
  }, [title]);

  const data = ctx.data;
  return (
    <div className="fr-mb-4w">
      <h1 className="fr-h3 fr-mb-1w">{title}</h1>
      {showContext && data && (
        <p className="fr-text--lg fr-text--bold fr-mb-1w delib-context" data-testid="context-line">
          {`${data.domaine} - ${data.session} - ${formatAcademie(data.academieLibelle)}`}
        </p>
      )}
      {showContext && ctx.isError && (
        <p className="fr-text--sm fr-mb-1w fr-error-text">Le contexte de la session est indisponible.</p>
      )}
      {showPeriode && (
        <p className="fr-mb-0">
          Période de délibération : <strong>{data?.periode ?? 'Session normale'}</strong>
        </p>
      )}
    </div>
  );
}
