import { Pager } from '../../components/Pager.js';
import { TableFrame } from '../../components/TableFrame.js';
import { stateLabel } from '../../format.js';
import type { EditionJuries } from './api.js';

interface Props {
  question: string;
  /** one page of the juries matching the filter, and every selectable code */
  page: Pick<EditionJuries, 'juries' | 'total' | 'page' | 'pageSize' | 'selectableCodes'>;
  /** the text filter (applied by the server) */
  filter: string;
  onFilter: (filter: string) => void;
  onPage: (page: number) => void;
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** one jury only (radio buttons), e.g. the PV de tenue */
  single?: boolean;
  error?: string | null;
}

/**
 * "► Pour quel(s) jury(s) voulez-vous éditer la liste ?": the juries of the scope, those whose state
 * does not allow the edition greyed and not selectable, with the reason (the server's, from the domain).
 * The server filters and pages them; the selection spans pages.
 */
export function JurySelection({ question, page, filter, onFilter, onPage, selected, onChange, single = false, error }: Props) {
  const selectable = page.selectableCodes;
  const allSelected = selectable.length > 0 && selectable.every((c) => selected.has(c));
  const visible = page.juries;

  const toggle = (code: string, on: boolean) => {
    if (single) return onChange(new Set(on ? [code] : []));
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    onChange(next);
  };

  return (
    <fieldset className="fr-fieldset fr-mb-2w" aria-describedby={error ? 'juries-error' : undefined} data-testid="jury-selection">
      <legend className="fr-fieldset__legend fr-h6 fr-mb-1w">{question}</legend>
      {error && <div className="fr-fieldset__element"><p id="juries-error" className="fr-error-text fr-mt-0 fr-mb-1w">{error}</p></div>}
      <div className="fr-fieldset__element delib-selection-bar fr-mb-1w">
        {!single && (
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input type="checkbox" id="juries-all" checked={allSelected} disabled={selectable.length === 0}
              onChange={(e) => onChange(new Set(e.target.checked ? selectable : []))} />
            <label className="fr-label" htmlFor="juries-all">Sélectionner / désélectionner tous les jurys</label>
          </div>
        )}
        <div className="fr-input-group delib-filter fr-mb-0">
          <label className="fr-label" htmlFor="juries-filter">Rechercher dans les résultats</label>
          <input className="fr-input" id="juries-filter" type="search" value={filter} autoComplete="off" onChange={(e) => onFilter(e.target.value)} />
        </div>
      </div>
      <div className="fr-fieldset__element">
      <TableFrame caption="Jurys du centre" captionHidden testId="edition-juries">
        <thead>
          <tr>
            <th scope="col">Jury</th>
            <th scope="col">Spécialité</th>
            <th scope="col">Etat d'avancement du jury</th>
            <th scope="col">{single ? 'Sélectionner le jury' : 'Sélectionner les jurys'}</th>
          </tr>
        </thead>
        <tbody>
          {visible.length === 0 && <tr><td colSpan={4}>Aucun jury.</td></tr>}
          {visible.map((j) => {
            const id = `jury-${j.code}`;
            const reasonId = `jury-reason-${j.code}`;
            return (
              <tr key={j.code} className={j.selectable ? undefined : 'delib-row--disabled'} data-testid={`edition-jury-${j.code}`}>
                <td>{j.code}</td>
                <td>{j.specialiteLibelle}</td>
                <td>
                  {stateLabel(j.etat, j.etatLibelle)}
                  {j.reason && <p id={reasonId} className="fr-text--xs fr-mb-0 delib-reason">{j.reason}</p>}
                  {j.pvAvis && <p className="fr-badge fr-badge--warning fr-badge--sm fr-mb-0" data-testid={`pv-avis-${j.code}`}>{j.pvAvis}</p>}
                </td>
                <td>
                  <div className={`delib-check ${single ? 'fr-radio-group fr-radio-group--sm' : 'fr-checkbox-group fr-checkbox-group--sm'}`}>
                    <input type={single ? 'radio' : 'checkbox'} name={single ? 'edition-jury' : undefined} id={id} value={j.code}
                      checked={selected.has(j.code)} disabled={!j.selectable} aria-describedby={j.reason ? reasonId : undefined}
                      onChange={(e) => toggle(j.code, e.target.checked)} />
                    <label className="fr-label" htmlFor={id}>
                      <span className="fr-sr-only">{`Sélectionner le jury ${j.code} - ${j.specialiteLibelle}`}</span>
                    </label>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </TableFrame>
      {page.total > page.pageSize && <Pager page={page.page} pageSize={page.pageSize} total={page.total} onPage={onPage} noun="jurys" label="Pages des jurys de l'édition" />}
      <p className="fr-text--sm fr-mb-0" aria-live="polite">{`${selected.size} jury(s) sélectionné(s) sur ${selectable.length} sélectionnable(s)`}</p>
      </div>
    </fieldset>
  );
}
