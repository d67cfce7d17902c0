import { Link } from 'react-router-dom';
import { Badge } from '@codegouvfr/react-dsfr/Badge.js';
import type { Role } from '../api/types.js';
import { menuFor, type MenuGroupId } from '../menu.js';
import { sectionAnchor } from '../layout/groupRoutes.js';

interface Props {
  role: Role;
  group: MenuGroupId;
  /** heading level of the sections */
  level?: 'h2' | 'h3';
}

/** The activities of one menu group, by section: links for what exists, greyed text with its purpose otherwise. */
export function MenuOverview({ role, group, level = 'h2' }: Props) {
  const g = menuFor(role).find((x) => x.group.id === group);
  if (!g) return null;
  const H = level;
  const single = g.sections.length === 1;
  return (
    <div className="delib-overview">
      {g.sections.map((s) => (
        <section key={s.label} id={sectionAnchor(s.label)} className="fr-mb-3w" aria-labelledby={single ? undefined : `t-${sectionAnchor(s.label)}`}>
          {!single && <H className="fr-h6 fr-mb-1w" id={`t-${sectionAnchor(s.label)}`}>{s.label}</H>}
          <ul className="delib-overview__list">
            {s.entries.map((e) => (
              <li key={e.id} className={e.enabled ? '' : 'delib-overview__item--disabled'}>
                {e.enabled
                  ? <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={e.route}>{e.label}</Link>
                  : (
                    <span aria-disabled="true">
                      {e.label}{' '}
                      <Badge small severity="info" noIcon as="span">{e.availability ?? 'Disponible prochainement'}</Badge>
                    </span>
                  )}
                <span className="fr-hint-text">{e.purpose}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
