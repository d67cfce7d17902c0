// The offline portal's banner, on every page of a jury account: "Hors ligne — N modifications en
// attente", the sending when the network is back, its result, and the conflicts the jury resolves
// (nothing is dropped silently: each offline change is applied or explicitly abandoned, journaled).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { errorMessage } from '../../../api/client.js';
import { formatGrade } from '../../../../../src/domain/grades.js';
import { parseChangeValue } from '../../../../../src/features/deliberation/grade-input.js';
import type { OfflineBundle, QueuedChange } from '../../../../../src/features/deliberation/offline-views.js';
import { formatDateTime } from '../../../format.js';
import { resolveConflict, type ConflictItem } from './state.js';
import { UnlockForm } from './OfflineUnlockPage.js';
import { useOffline, useOfflineEngine } from './useOffline.js';
import './offline.css';

/** "aucune modification en attente", "1 modification en attente", "3 modifications en attente" */
export function pendingText(n: number): string {
  if (n === 0) return 'aucune modification en attente';
  return n === 1 ? '1 modification en attente' : `${n} modifications en attente`;
}

/** "15" → "15,00"; the text as typed when it is not a grade. */
function valueText(c: QueuedChange): string {
  const p = parseChangeValue(c.group, c.value);
  return p.ok ? formatGrade(p.value) : c.value;
}

function where(b: OfflineBundle | null, c: QueuedChange): { anonymat: string; epreuve: string } {
  const cand = b?.candidates.find((x) => x.candidate.id === c.candidateId);
  const unit = b?.ruleset.units.find((u) => u.code === c.epreuve || u.leaves.some((l) => l.code === c.epreuve));
  const leaf = unit?.leaves.find((l) => l.code === c.epreuve);
  const libelle = leaf && leaf.code !== unit?.code ? leaf.libelle : unit?.libelle;
  const epreuve = `${c.epreuve}${libelle ? ` - ${libelle}` : ''}${c.group === 2 ? ' (contrôle)' : ''}`;
  return { anonymat: cand?.candidate.numeroAnonymat ?? `candidat n° ${c.candidateId}`, epreuve };
}

const KIND_TITLES: Record<ConflictItem['kind'], string> = {
  grade: 'La note a changé sur le serveur pendant la coupure',
  state: "L'état du jury a changé pendant la coupure",
  rejected: 'Le serveur refuse cette modification',
};

function ConflictCard({ item, bundle, online }: { item: ConflictItem; bundle: OfflineBundle | null; online: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = item.change;
  const { anonymat, epreuve } = where(bundle, c);
  const mine = valueText(c);
  const server = item.current?.value || 'aucune note';
  const choose = (choice: 'keep-mine' | 'keep-server') => {
    setBusy(true);
    setError(null);
    resolveConflict(c.id, choice).catch((e) => setError(errorMessage(e))).finally(() => setBusy(false));
  };
  return (
    <li className="delib-conflict fr-p-2w fr-mb-2w" data-testid={`conflict-${c.epreuve}`}>
      <h3 className="fr-h6 fr-mb-1w">
        <Link className="fr-link" to={`/jury/candidats/${c.candidateId}`}>{anonymat}</Link>
        {` - ${epreuve}`}
      </h3>
      <p className="fr-text--sm fr-mb-1w"><strong>{KIND_TITLES[item.kind]}</strong>{` : ${item.message}`}</p>
      <dl className="delib-dl fr-text--sm fr-mb-1w">
        <dt>Votre saisie hors ligne</dt>
        <dd data-testid="conflict-mine">{`${mine} (le ${formatDateTime(c.enteredAt)}${c.memberName ? ` par ${c.memberName}` : ''})`}</dd>
        <dt>Valeur sur le serveur</dt>
        <dd data-testid="conflict-server">{`${server}${item.current?.updatedBy ? ` (modifiée par ${item.current.updatedBy}${item.current.updatedAt ? ` le ${formatDateTime(item.current.updatedAt)}` : ''})` : ''}`}</dd>
      </dl>
      {error && <Alert severity="error" small className="fr-mb-1w" description={error} />}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        {item.kind !== 'rejected' && (
          <li>
            <Button onClick={() => choose('keep-mine')} disabled={busy || !online}>{`Garder ma saisie (${mine})`}</Button>
          </li>
        )}
        <li>
          <Button priority="secondary" onClick={() => choose('keep-server')} disabled={busy || !online}>
            {item.kind === 'rejected' ? 'Abandonner ma saisie' : `Garder la valeur du serveur (${server})`}
          </Button>
        </li>
      </ul>
    </li>
  );
}

function Conflicts({ items, bundle, online }: { items: readonly ConflictItem[]; bundle: OfflineBundle | null; online: boolean }) {
  return (
    <section className="delib-panel fr-p-3w fr-mb-2w" aria-labelledby="offline-conflicts-title" data-testid="offline-conflicts">
      <h2 className="fr-h5" id="offline-conflicts-title">{`Conflits à résoudre (${items.length})`}</h2>
      <p className="fr-text--sm">
        Ces modifications faites hors ligne n'ont pas été enregistrées. Choisissez pour chacune la valeur à garder : votre choix est
        enregistré au journal, et rien n'est abandonné sans lui.
        {!online && ' La résolution sera possible au retour du réseau.'}
      </p>
      <ul className="delib-conflicts">
        {items.map((item) => <ConflictCard key={item.change.id} item={item} bundle={bundle} online={online} />)}
      </ul>
    </section>
  );
}

/** The banner of a jury account (mounted once, in the application shell). */
export function OfflineBanner() {
  useOfflineEngine(true);
  const s = useOffline();
  const [seenSync, setSeenSync] = useState<string | null>(null);
  if (s.status !== 'ready' && s.locked) {
    return (
      <section className="delib-panel fr-p-2w fr-mb-3w" aria-labelledby="offline-locked-title" data-testid="offline-locked">
        <h2 className="fr-h6 fr-mb-1w" id="offline-locked-title">Données hors ligne du jury à déverrouiller</h2>
        <p className="fr-text--sm">
          Ce navigateur garde, chiffrées, des données du jury (et peut-être des modifications faites hors ligne non encore envoyées).
          Saisissez votre mot de passe pour les déverrouiller dans cet onglet : les modifications en attente seront alors envoyées.
        </p>
        <UnlockForm logins={[s.locked]} compact />
      </section>
    );
  }
  if (s.status !== 'ready') {
    return (
      <p className="fr-text--xs fr-mb-2w delib-offline-note" data-testid="offline-unavailable">
        Mode hors ligne non préparé dans cet onglet : il se prépare à la connexion (déconnectez-vous puis reconnectez-vous pour
        pouvoir travailler sans réseau).
      </p>
    );
  }
  const n = s.queue.length;
  const synced = s.lastSync && s.lastSync.sent > 0 && s.lastSync.at !== seenSync ? s.lastSync : null;
  return (
    <div className="fr-mb-3w" data-testid="offline-banner">
      {!s.online && (
          <Alert severity="warning" role="status" as="h2" className="fr-mb-2w" title={`Hors ligne — ${pendingText(n)}`} description={
            <>
              Le réseau est coupé : les candidats, les procès-verbaux et les statistiques du jury sont calculés dans ce navigateur, avec les
              mêmes règles que le serveur. Vos modifications de notes y sont gardées, chiffrées, et seront envoyées au serveur dès le retour
              du réseau. La clôture de la délibération attendra le serveur.
            </>
          } />
        )}
        {s.online && n > 0 && (
          <Alert severity="info" role="status" small className="fr-mb-2w" description={s.syncing
            ? `Réseau rétabli — envoi au serveur : ${pendingText(n)}…`
            : `Réseau rétabli — ${pendingText(n)} : envoi au serveur au prochain essai.`} />
        )}
        {synced && (
          <Alert severity="success" role="status" small closable onClose={() => setSeenSync(synced.at)} className="fr-mb-2w" description={
            `${synced.sent === 1 ? '1 modification faite hors ligne est enregistrée' : `${synced.sent} modifications faites hors ligne sont enregistrées`} sur le serveur et au journal${conflictsText(synced.conflicts, s.conflicts.length)}.`
          } />
        )}
      {s.problem && <Alert severity="error" small className="fr-mb-2w" description={s.problem} />}
      {s.conflicts.length > 0 && <Conflicts items={s.conflicts} bundle={s.bundle} online={s.online} />}
      {s.online && n === 0 && s.bundle && (
        <p className="fr-text--xs fr-mb-0 delib-offline-note" data-testid="offline-ready">
          {`Portail disponible hors ligne : données du jury gardées chiffrées dans ce navigateur (mises à jour le ${formatDateTime(s.bundle.generatedAt)}).`}
        </p>
      )}
    </div>
  );
}

/** The conflicts of the last sending: those still open, else that they were resolved (never a stale count). */
function conflictsText(ofSync: number, open: number): string {
  if (open > 0) return ` ; ${open} en conflit, à résoudre ci-dessous`;
  if (ofSync > 0) return ofSync === 1 ? ' ; le conflit a été résolu' : ` ; les ${ofSync} conflits ont été résolus`;
  return '';
}
