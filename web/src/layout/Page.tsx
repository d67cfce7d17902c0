import type { ReactNode } from 'react';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb.js';
import { PageHeader } from './PageHeader.js';

export interface Crumb {
  label: string;
  to: string;
}

interface Props {
  title: string;
  /** the trail between "Accueil" and the current page */
  crumbs?: Crumb[];
  /** the breadcrumb's last item (defaults to the title) */
  current?: string;
  showPeriode?: boolean;
  showContext?: boolean;
  /** the home page: the breadcrumb is just "Accueil" */
  home?: boolean;
  children: ReactNode;
}

/** Every page: breadcrumb, memo-style heading (h1 + context), then the content. */
export function Page({ title, crumbs = [], current, showPeriode, showContext, home = false, children }: Props) {
  return (
    <>
      <Breadcrumb
        className="fr-mt-0 fr-mb-3w"
        homeLinkProps={home ? undefined : { to: '/' }}
        segments={crumbs.map((c) => ({ label: c.label, linkProps: { to: c.to } }))}
        currentPageLabel={current ?? title}
      />
      <PageHeader title={title} showPeriode={showPeriode} showContext={showContext} />
      {children}
    </>
  );
}
