import type { ReactNode } from 'react';
import { Page, type Crumb } from './Page.js';
import { groupOf, pageTitleOf, type MenuEntry } from '../menu.js';
import { groupRoute, sectionAnchor } from './groupRoutes.js';

interface Props {
  entry: MenuEntry;
  showPeriode?: boolean;
  children: ReactNode;
}

function titleCase(groupLabel: string): string {
  return groupLabel.charAt(0) + groupLabel.slice(1).toLowerCase();
}

/** A page reached from the menu: its title and breadcrumb come from the menu definition. */
export function EntryPage({ entry, showPeriode, children }: Props) {
  const group = groupOf(entry.group);
  const crumbs: Crumb[] = [];
  const groupTo = groupRoute(entry.group);
  if (groupTo) {
    crumbs.push({ label: titleCase(group.label), to: groupTo });
    if (entry.group === 'deliberation') {
      crumbs.push({ label: entry.section, to: `${groupTo}#${sectionAnchor(entry.section)}` });
    }
  }
  return (
    <Page title={pageTitleOf(entry)} crumbs={crumbs} current={entry.label} showPeriode={showPeriode}>
      {children}
    </Page>
  );
}
