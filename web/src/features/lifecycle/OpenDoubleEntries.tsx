import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox.js';
import type { RowOutcome } from './useSaveChanges.js';

interface Props {
  outcomes: Record<string, RowOutcome>;
  /** the académie may confirm; others only read why */
  canConfirm: boolean;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}

/** The juries refused over 2nd-group grades in double entry not resolved yet. */
export function refusedOverOpenEntries(outcomes: Record<string, RowOutcome>): string[] {
  return Object.entries(outcomes).filter(([, o]) => o.openDoubleEntries?.length).map(([code]) => code);
}

/**
 * Lists the open double entries that refused an exceptional change and, for the académie, the
 * confirmation that sends it again over them (the motif stays mandatory; they stay open and listed).
 */
export function OpenDoubleEntries({ outcomes, canConfirm, confirmed, onConfirm }: Props) {
  const codes = refusedOverOpenEntries(outcomes);
  if (codes.length === 0) return null;
  return (
    <div className="fr-mb-3w" data-testid="open-double-entries">
      <Alert
        severity="warning"
        title="Notes du 2nd groupe en double saisie non résolues"
        className="fr-mb-2w"
        description={
          <>
            <span>Ces notes ont été saisies sans être confirmées (seconde saisie manquante ou discordante) : elles comptent comme manquantes.</span>
            <ul className="fr-mt-1w">
              {codes.flatMap((code) => outcomes[code]!.openDoubleEntries!.map((d, i) => <li key={`${code}-${i}`}>{`Jury ${code} : ${d}`}</li>))}
            </ul>
          </>
        }
      />
      {canConfirm && (
        <Checkbox
          options={[{
            label: "Je confirme le changement d'état malgré ces notes",
            hintText: "Elles resteront ouvertes, listées dans « Discordances » et comptées comme manquantes jusqu'à leur seconde saisie ou leur arbitrage. Le motif est enregistré au journal avec leur liste.",
            nativeInputProps: { checked: confirmed, onChange: (e) => onConfirm(e.target.checked), name: 'confirmer-double-saisie' },
          }]}
        />
      )}
    </div>
  );
}
