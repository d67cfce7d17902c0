import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { Role } from '../api/types.js';
import { menuFor, type MenuEntry } from '../menu.js';
import { sectionAnchor } from './groupRoutes.js';

/**
 * The activity tree (DSFR side menu markup). Built by hand rather than with react-dsfr's SideMenu so
 * that activities not built yet are shown greyed, as text (never a link), with what they are for.
 * Sections fold and unfold with React state; the mobile wrapper is a DSFR collapse.
 */
export function SideMenu({ role }: { role: Role }) {
  const { pathname } = useLocation();
  const groups = menuFor(role);
  const activeSection = groups
    .flatMap((g) => g.sections)
    .find((s) => s.entries.some((e) => e.route === pathname))?.label;

  const [open, setOpen] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (activeSection) setOpen((o) => ({ ...o, [activeSection]: true }));
  }, [activeSection]);

  return (
    <nav className="fr-sidemenu delib-sidemenu" aria-label="Menu des activités">
      <div className="fr-sidemenu__inner">
        <button type="button" className="fr-sidemenu__btn" aria-controls="delib-sidemenu-wrapper" aria-expanded="false">
          Menu des activités
        </button>
        <div className="fr-collapse" id="delib-sidemenu-wrapper">
          {groups.map(({ group, sections }) => (
            <div key={group.id} className="fr-mb-3w">
              <p className="fr-sidemenu__title" id={`sidemenu-${group.id}`}>{group.label}</p>
              <ul className="fr-sidemenu__list" aria-labelledby={`sidemenu-${group.id}`}>
                {group.id !== 'deliberation'
                  ? sections.flatMap((s) => s.entries).map((e) => <EntryItem key={e.id} entry={e} active={e.route === pathname} />)
                  : sections.map((s) => (
                    <SectionItem
                      key={s.label}
                      label={s.label}
                      entries={s.entries}
                      pathname={pathname}
                      expanded={open[s.label] ?? false}
                      onToggle={() => setOpen((o) => ({ ...o, [s.label]: !(o[s.label] ?? false) }))}
                    />
                  ))}
              </ul>
            </div>
          ))}
        </div>
      </div>
    </nav>
  );
}

interface SectionProps {
  label: string;
  entries: MenuEntry[];
  pathname: string;
  expanded: boolean;
  onToggle: () => void;
}

function SectionItem({ label, entries, pathname, expanded, onToggle }: SectionProps) {
  const id = `sidemenu-section-${sectionAnchor(label)}`;
  const active = entries.some((e) => e.route === pathname);
  return (
    <li className={`fr-sidemenu__item${active ? ' fr-sidemenu__item--active' : ''}`}>
      <button type="button" className="fr-sidemenu__btn" aria-expanded={expanded} aria-controls={id} onClick={onToggle}>
        {label}
      </button>
      <ul className="fr-sidemenu__list delib-sidemenu__sublist" id={id} hidden={!expanded}>
        {entries.map((e) => <EntryItem key={e.id} entry={e} active={e.route === pathname} />)}
      </ul>
    </li>
  );
}

function EntryItem({ entry, active }: { entry: MenuEntry; active: boolean }) {
  if (!entry.enabled) {
    return (
      <li className="fr-sidemenu__item">
        <span className="fr-sidemenu__link delib-menu-disabled" aria-disabled="true" title={entry.purpose}
          data-testid={`menu-${entry.id}`}>
          <span>{entry.label}</span>
          <span className="fr-hint-text">{entry.availability ?? 'Disponible prochainement'}</span>
        </span>
      </li>
    );
  }
  return (
    <li className={`fr-sidemenu__item${active ? ' fr-sidemenu__item--active' : ''}`}>
      <Link className="fr-sidemenu__link" to={entry.route} aria-current={active ? 'page' : undefined}
        data-testid={`menu-${entry.id}`}>
        {entry.label}
      </Link>
    </li>
  );
}
