import type { MenuGroupId } from '../menu.js';

/** Landing page of each menu group (its activities listed), when it has one. */
export function groupRoute(id: MenuGroupId): string | undefined {
  switch (id) {
    case 'deliberation': return '/deliberation';
    case 'academie': return '/academie';
    case 'centre_epreuve': return '/centre-epreuve';
    default: return undefined;
  }
}

export function sectionAnchor(section: string): string {
  return section
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
