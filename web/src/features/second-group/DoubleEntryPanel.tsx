import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useDoubleEntry, useSetDoubleEntry } from './api.js';

/** Which épreuves of each jury (198–200) require the blind second entry. */
export function DoubleEntryPanel() {
  const settings = useDoubleEntry();
  const set = useSetDoubleEntry();
  const juries = settings.data?.juries ?? [];
  return (
    <>
      <p className="delib-sg-rule">
        Cochez les épreuves dont les notes doivent être saisies deux fois, par deux personnes différentes, la seconde sans
        voir la première (onglet « Seconde saisie »). Chaque changement est enregistré immédiatement et journalisé.
      </p>
      <ErrorAlert error={settings.error} title="Impossible de charger le paramétrage" />
      <ErrorAlert error={set.error} title="Le paramétrage n'a pas été enregistré" />
      {settings.data && juries.length === 0 && <p>Aucun jury aux états 198 ou 200.</p>}
      {juries.map((j) => (
        <fieldset key={j.juryCode} className="fr-fieldset" data-testid={`double-entry-${j.juryCode}`}>
          <legend className="fr-fieldset__legend fr-text--regular">
            <strong>{`Jury ${j.juryCode} - ${j.specialiteLibelle}`}</strong>
            <span className="fr-hint-text">{`${j.etat} - ${j.etatLibelle}`}</span>
          </legend>
          {j.units.map((u) => {
            const id = `double-${j.juryCode}-${u.code}`;
            return (
              <div key={u.code} className="fr-fieldset__element fr-fieldset__element--inline">
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input type="checkbox" id={id} checked={u.enabled} disabled={set.isPending}
                    onChange={(e) => set.mutate({ juryCode: j.juryCode, epreuveCode: u.code, enabled: e.target.checked })} />
                  <label className="fr-label" htmlFor={id}>{u.libelle}</label>
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}
