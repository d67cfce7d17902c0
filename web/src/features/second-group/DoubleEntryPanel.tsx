import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { Input } from '@codegouvfr/react-dsfr/Input.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useDoubleEntry, useSetDoubleEntry } from './api.js';

interface Refused {
  juryCode: string;
  epreuveCode: string;
  libelle: string;
}

/**
 * The académie's confirmation of a switch-off refused over open entries: with a reason, and the
 * entries stay open (listed, missing) until completed or arbitrated.
 */
function OverrideForm({ refused, busy, onConfirm, onCancel }: { refused: Refused; busy: boolean; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <div className="fr-mb-3w" data-testid="double-entry-override">
      <Input
        textArea
        label={`Motif de la désactivation de la double saisie (${refused.libelle}, jury ${refused.juryCode})`}
        hintText="Les notes en cours de double saisie listées ci-dessus restent ouvertes : elles comptent comme manquantes jusqu'à leur seconde saisie ou leur arbitrage. Le motif est enregistré au journal."
        nativeTextAreaProps={{ value: reason, rows: 2, maxLength: 500, onChange: (e) => setReason(e.target.value) }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li><Button size="small" disabled={busy || !reason.trim()} onClick={() => onConfirm(reason.trim())}>Désactiver malgré les saisies en cours</Button></li>
        <li><Button size="small" priority="secondary" onClick={onCancel}>Annuler</Button></li>
      </ul>
    </div>
  );
}

/** Which épreuves of each jury (198–200) require the blind double entry. */
export function DoubleEntryPanel() {
  const settings = useDoubleEntry();
  const set = useSetDoubleEntry();
  const academie = useMe().data?.user?.role === 'academie';
  const [refused, setRefused] = useState<Refused | null>(null);
  const juries = settings.data?.juries ?? [];

  const toggle = (juryCode: string, epreuveCode: string, libelle: string, enabled: boolean) => {
    setRefused(null);
    set.mutate({ juryCode, epreuveCode, enabled }, {
      // 422: open entries (listed in the error); only the académie may confirm
      onError: (e) => { if (academie && !enabled && e instanceof ApiError && e.status === 422) setRefused({ juryCode, epreuveCode, libelle }); },
    });
  };

  return (
    <>
      <p className="delib-sg-rule">
        Cochez les épreuves dont les notes doivent être saisies deux fois, par deux personnes différentes, la seconde sans
        voir la première (onglet « Seconde saisie »). Les notes déjà saisies d'une épreuve deviennent des premières saisies :
        elles ne comptent plus jusqu'à leur seconde saisie. La double saisie ne se désactive pas tant que des notes de
        l'épreuve sont en cours de double saisie. Chaque changement est enregistré immédiatement et journalisé.
      </p>
      <ErrorAlert error={settings.error} title="Impossible de charger le paramétrage" />
      <ErrorAlert error={set.error} title="Le paramétrage n'a pas été enregistré" />
      {refused && (
        <OverrideForm refused={refused} busy={set.isPending} onCancel={() => { setRefused(null); set.reset(); }}
          onConfirm={(reason) => set.mutate({ juryCode: refused.juryCode, epreuveCode: refused.epreuveCode, enabled: false, override: true, reason }, {
            onSuccess: () => setRefused(null),
          })} />
      )}
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
                    onChange={(e) => toggle(j.juryCode, u.code, u.libelle, e.target.checked)} />
                  <label className="fr-label" htmlFor={id}>
                    {u.libelle}
                    {u.open.length > 0 && <span className="fr-hint-text">{`${u.open.length} note(s) en cours de double saisie`}</span>}
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}
