// DSFR pagination for lists paged by the server: first / previous / a few pages / next / last, and
// "Jurys 51 à 100 sur 5 005". Buttons (not links): the page is state of the screen, not an address.
interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** what is counted, plural ("jurys") */
  noun: string;
  /** accessible name of the navigation */
  label?: string;
}

/** The page numbers shown around the current one (first and last always). */
export function pageWindow(page: number, last: number, around = 2): (number | '…')[] {
  const out: (number | '…')[] = [];
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - page) <= around) out.push(p);
    else if (out[out.length - 1] !== '…') out.push('…');
  }
  return out;
}

const fmt = new Intl.NumberFormat('fr-FR');

export function Pager({ page, pageSize, total, onPage, noun, label = 'Pagination' }: Props) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = (p: number, text: string, cls: string, title: string, disabled: boolean) => (
    <li>
      <button type="button" className={`fr-pagination__link ${cls}`} title={title} disabled={disabled}
        aria-disabled={disabled || undefined} onClick={() => onPage(p)}>
        {text}
      </button>
    </li>
  );
  return (
    <div className="delib-pager fr-mt-2w">
      <p className="fr-text--sm fr-mb-1w" aria-live="polite">
        {total === 0 ? `Aucun résultat` : `${noun[0]!.toUpperCase()}${noun.slice(1)} ${fmt.format(from)} à ${fmt.format(to)} sur ${fmt.format(total)}`}
      </p>
      {last > 1 && (
        <nav role="navigation" className="fr-pagination" aria-label={label}>
          <ul className="fr-pagination__list">
            {link(1, 'Première page', 'fr-pagination__link--first', 'Première page', page === 1)}
            {link(page - 1, 'Page précédente', 'fr-pagination__link--prev fr-pagination__link--lg-label', 'Page précédente', page === 1)}
            {pageWindow(page, last).map((p, i) => p === '…'
              ? <li key={`gap-${i}`}><span className="fr-pagination__link fr-displayed-lg">…</span></li>
              : (
                <li key={p}>
                  <button type="button" className="fr-pagination__link" title={`Page ${p}`}
                    aria-current={p === page ? 'page' : undefined} onClick={() => onPage(p)}>
                    {fmt.format(p)}
                  </button>
                </li>
              ))}
            {link(page + 1, 'Page suivante', 'fr-pagination__link--next fr-pagination__link--lg-label', 'Page suivante', page === last)}
            {link(last, 'Dernière page', 'fr-pagination__link--last', 'Dernière page', page === last)}
          </ul>
        </nav>
      )}
    </div>
  );
}
