import { Fragment, useEffect, useRef, useState, type ReactElement } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '@codegouvfr/react-dsfr/Alert.js';
import { Button } from '@codegouvfr/react-dsfr/Button.js';
import { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { Page, type Crumb } from '../../layout/Page.js';
import { usePvi, useRevealIdentity, type GradeCell, type Identity, type Pvi } from './api.js';
import { GradeEditor } from './GradeEditor.js';
import { DecisionBadge, FlagBadges, JuryCard, livretLabel, StateNotice } from './parts.js';
import { useLocalMode, useOffline } from './offline/useOffline.js';

const key = (c: GradeCell) => `${c.group}:${c.epreuve}`;

/** Cells changed offline and not yet on the server ("1:U1"), for the candidate shown. */
function usePendingCells(candidateId: number): ReadonlySet<string> {
  const { queue } = useOffline();
  return new Set(queue.filter((c) => c.candidateId === candidateId).map((c) => `${c.group}:${c.epreuve}`));
}

function observations(cell: GradeCell, facultative = false, pending: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  if (pending.has(key(cell))) out.push('Modifiée hors ligne, en attente d’envoi au serveur');
  if (cell.value === '') out.push(facultative ? 'Non présentée' : 'Note manquante');
  if (cell.benefice) out.push(`Bénéfice de la session ${cell.benefice}`);
  if (cell.original !== null) {
    out.push(cell.original === ''
      ? `Saisie en délibération par ${cell.updatedBy ?? '?'}`
      : `Modifiée par ${cell.updatedBy ?? '?'} (note initiale : ${cell.original})`);
  }
  return out;
}

interface EditProps {
  cell: GradeCell;
  label: string;
  editing: boolean;
  onEdit: () => void;
}

function EditButton({ cell, label, editing, onEdit }: EditProps) {
  if (!cell.editable) return null;
  const verb = cell.value === '' ? 'Saisir' : 'Modifier';
  return (
    <Button size="small" priority="tertiary" onClick={onEdit} disabled={editing}
      nativeButtonProps={{ 'aria-label': `${verb} la note ${label}`, 'data-testid': `edit-${cell.group}-${cell.epreuve}` }}>
      {verb}
    </Button>
  );
}

const JURY_PORTAL: Crumb = { label: 'Portail du jury', to: '/jury' };

/** "Procès-verbal individuel": the candidate's grades, totals, averages and proposed decision; grades changed in place. */
export function PviPage({ back = JURY_PORTAL }: { back?: Crumb } = {}) {
  const id = Number(useParams().id);
  const pvi = usePvi(id);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const pending = usePendingCells(id);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const notFound = pvi.error instanceof ApiError && pvi.error.status === 404;
  if (pvi.error) {
    return (
      <Page title={notFound ? 'Candidat introuvable' : 'Procès-verbal individuel'} crumbs={[back]}>
        <ErrorAlert error={pvi.error} title={notFound ? 'Candidat introuvable' : 'Procès-verbal indisponible'} />
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={back.to}>Retour à la liste des candidats</Link>
      </Page>
    );
  }
  const p = pvi.data;
  const onSaved = (message: string) => {
    setEditing(null);
    setSaved(message);
  };
  const editProps = (cell: GradeCell, label: string) => ({
    cell, label, editing: editing === key(cell),
    onEdit: () => {
      setSaved(null);
      setEditing(key(cell));
    },
  });
  const editor = (cell: GradeCell, label: string, colSpan: number) => editing === key(cell) && (
    <GradeEditor key={key(cell)} candidateId={id} cell={cell} label={label} colSpan={colSpan} onSaved={onSaved} onCancel={() => setEditing(null)} />
  );

  return (
    <Page title={p ? `Procès-verbal individuel - ${p.candidate.numeroAnonymat}` : 'Procès-verbal individuel'}
      crumbs={[back]} current={p ? `PVI ${p.candidate.numeroAnonymat}` : 'PVI'}>
      <p><Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={back.to}>Retour à la liste des candidats</Link></p>
      {pvi.isPending && <p aria-live="polite">Chargement du procès-verbal…</p>}
      {p && (
        <>
          <JuryCard jury={p.jury} />
          <StateNotice jury={p.jury} />
          <CandidatePanel pvi={p} />
          <div ref={savedRef} tabIndex={-1} aria-live="polite" className="delib-focus-target">
            {saved && <Alert severity="success" small description={saved} className="fr-mb-2w" closable onClose={() => setSaved(null)} />}
          </div>
          <Decision1 pvi={p} />
          <Group1Table pvi={p} editProps={editProps} editor={editor} pending={pending} />
          {p.group2 && p.jury.group === 2 && <Group2Table pvi={p} editProps={editProps} editor={editor} pending={pending} />}
          <p className="fr-mt-2w" data-testid="pvi-ects">{`Crédits européens (ECTS) : ${p.ects}`}</p>
        </>
      )}
    </Page>
  );
}

function CandidatePanel({ pvi: p }: { pvi: Pvi }) {
  const reveal = useRevealIdentity();
  const [identity, setIdentity] = useState<Identity | null>(null);
  const c = p.candidate;
  const local = useLocalMode();
  const canReveal = p.jury.actions.canRevealIdentity && !p.jury.actions.needsActingMember && !local;
  return (
    <section className="delib-panel fr-p-3w fr-mb-3w" aria-labelledby="pvi-candidate">
      <h2 className="fr-h4 fr-mb-1w" id="pvi-candidate">{`N° d'anonymat : ${c.numeroAnonymat}`}</h2>
      <FlagBadges flags={c.flags} />
      <dl className="delib-dl fr-mt-2w">
        <dt>Catégorie</dt>
        <dd>{c.categorie}</dd>
        <dt>Forme de passage</dt>
        <dd>{c.formePassage}</dd>
        <dt>Livret scolaire</dt>
        <dd data-testid="pvi-livret">{livretLabel(c.flags.livret)}</dd>
        <dt>Mesures pour handicap</dt>
        <dd>{c.flags.handicap || 'aucune'}</dd>
        <dt>Bénéfices</dt>
        <dd>{c.benefices.length ? c.benefices.map((b) => `${b.code} (${b.session})`).join(', ') : 'aucun'}</dd>
        <dt>Dispenses</dt>
        <dd>{c.dispenses.length ? c.dispenses.join(', ') : 'aucune'}</dd>
        <dt>Identité</dt>
        <dd data-testid="pvi-identity">
          {identity ? `${identity.nom}${identity.nomUsage ? ` (${identity.nomUsage})` : ''} ${identity.prenoms} - N° candidat ${identity.numeroCandidat}` : canReveal ? (
            <Button size="small" priority="secondary" onClick={() => reveal.mutate(c.id, { onSuccess: setIdentity })} disabled={reveal.isPending}>
              Afficher l'identité
            </Button>
          ) : local ? 'non affichée (hors ligne : la consultation est journalisée par le serveur)' : 'non affichée'}
        </dd>
      </dl>
      <ErrorAlert error={reveal.error} title="L'identité n'a pas pu être affichée" className="fr-mt-2w" />
    </section>
  );
}

function Decision1({ pvi: p }: { pvi: Pvi }) {
  const g = p.group1;
  return (
    <section className="delib-decision-box fr-p-3w fr-mb-3w" aria-labelledby="pvi-decision-title" data-testid="pvi-decision-box">
      <h2 className="fr-h5 fr-mb-2w" id="pvi-decision-title">Résultat du 1er groupe</h2>
      <div className="delib-averages">
        <p><span className="delib-averages__label">Moyenne</span><span className="delib-averages__value" data-testid="pvi-moyenne">{g.moyenne ? `${g.moyenne}/20` : '—'}</span></p>
        <p><span className="delib-averages__label">Moyenne des épreuves professionnelles</span><span className="delib-averages__value" data-testid="pvi-moyenne-pro">{g.moyennePro ? `${g.moyennePro}/20` : '—'}</span></p>
      </div>
      <p className="fr-mb-1w">
        <strong>Décision proposée : </strong>
        <DecisionBadge decision={g.decision} label={g.decisionLabel} testId="pvi-decision" />
      </p>
      <p className="fr-text--sm fr-mb-0" data-testid="pvi-rule">{`Règle appliquée : ${g.rule}`}</p>
    </section>
  );
}

interface TableProps {
  pvi: Pvi;
  editProps: (cell: GradeCell, label: string) => EditProps;
  editor: (cell: GradeCell, label: string, colSpan: number) => false | ReactElement;
  /** cells changed offline, not yet on the server */
  pending: ReadonlySet<string>;
}

function GradeValue({ cell }: { cell: GradeCell }) {
  return <span data-testid={`grade-${cell.group}-${cell.epreuve}`}>{cell.value || '—'}</span>;
}

function Group1Table({ pvi: p, editProps, editor, pending }: TableProps) {
  const g = p.group1;
  const cols = 6;
  return (
    <TableFrame caption="Épreuves du 1er groupe" testId="pvi-group1">
      <thead>
        <tr>
          <th scope="col">Épreuve</th>
          <th scope="col" className="fr-cell--right">Coef.</th>
          <th scope="col" className="fr-cell--right">Note /20</th>
          <th scope="col" className="fr-cell--right">Points</th>
          <th scope="col">Observations</th>
          <th scope="col">Modification</th>
        </tr>
      </thead>
      <tbody>
        {p.units.map((u) => {
          const label = `${u.code} - ${u.libelle}`;
          const obs = [
            ...(u.domaine === 'professionnel' ? ['Épreuve professionnelle'] : []),
            ...(u.facultative ? ['Épreuve facultative : seuls les points au-dessus de 10 comptent'] : []),
            ...(u.cell ? observations(u.cell, u.facultative, pending) : []),
          ];
          return (
            <Fragment key={u.code}>
              <tr className={u.cell ? undefined : 'delib-unit-row'} data-testid={`unit-row-${u.code}`}>
                <th scope="row">{label}</th>
                <td className="fr-cell--right">{u.coef}</td>
                <td className="fr-cell--right delib-nowrap">{u.cell ? <GradeValue cell={u.cell} /> : (u.grade || '—')}</td>
                <td className="fr-cell--right delib-nowrap">{u.facultative ? (u.bonus ? `+${u.bonus}` : '—') : (u.points ?? '—')}</td>
                <td className="fr-text--sm">{obs.join(' ; ')}</td>
                <td>{u.cell && <EditButton {...editProps(u.cell, label)} />}</td>
              </tr>
              {u.cell && editor(u.cell, label, cols)}
              {u.leaves.map((l) => {
                const leafLabel = `${l.code} - ${l.libelle}`;
                return (
                  <Fragment key={l.code}>
                    <tr className="delib-leaf-row" data-testid={`leaf-row-${l.code}`}>
                      <th scope="row"><span className="delib-leaf">{leafLabel}</span></th>
                      <td className="fr-cell--right">{l.coef}</td>
                      <td className="fr-cell--right delib-nowrap"><GradeValue cell={l.cell} /></td>
                      <td />
                      <td className="fr-text--sm">{observations(l.cell, false, pending).join(' ; ')}</td>
                      <td><EditButton {...editProps(l.cell, leafLabel)} /></td>
                    </tr>
                    {editor(l.cell, leafLabel, cols)}
                  </Fragment>
                );
              })}
            </Fragment>
          );
        })}
      </tbody>
      <tfoot>
        <tr className="delib-total-row">
          <th scope="row">Total</th>
          <td className="fr-cell--right">{g.totalCoef}</td>
          <td />
          <td className="fr-cell--right">{g.totalPoints ?? '—'}</td>
          <td colSpan={2}><strong>{`Moyenne : ${g.moyenne ? `${g.moyenne}/20` : '—'}`}</strong></td>
        </tr>
        <tr className="delib-total-row">
          <th scope="row">Épreuves professionnelles</th>
          <td className="fr-cell--right">{g.totalCoefPro}</td>
          <td />
          <td className="fr-cell--right">{g.totalPointsPro ?? '—'}</td>
          <td colSpan={2}><strong>{`Moyenne : ${g.moyennePro ? `${g.moyennePro}/20` : '—'}`}</strong></td>
        </tr>
      </tfoot>
    </TableFrame>
  );
}

function Group2Table({ pvi: p, editProps, editor, pending }: TableProps) {
  const g = p.group2!;
  const cols = 7;
  return (
    <section aria-labelledby="pvi-group2-title" className="fr-mt-4w">
      <h2 className="fr-h5" id="pvi-group2-title">Épreuves de contrôle (2nd groupe)</h2>
      {g.choices.length === 0 && <p>{g.rule}</p>}
      {g.choices.length > 0 && (
        <TableFrame caption="Épreuves de contrôle" captionHidden testId="pvi-group2">
          <thead>
            <tr>
              <th scope="col">Épreuve</th>
              <th scope="col" className="fr-cell--right">Coef.</th>
              <th scope="col" className="fr-cell--right">Note initiale</th>
              <th scope="col" className="fr-cell--right">Note de contrôle</th>
              <th scope="col" className="fr-cell--right">Note retenue</th>
              <th scope="col">Observations</th>
              <th scope="col">Modification</th>
            </tr>
          </thead>
          <tbody>
            {g.choices.map((c) => {
              const label = `${c.code} - ${c.libelle} (contrôle)`;
              const obs = [...(c.meilleureNoteRetenue ? ['Meilleure note retenue'] : []), ...observations(c.cell, false, pending)];
              return (
                <Fragment key={c.code}>
                  <tr data-testid={`controle-row-${c.code}`}>
                    <th scope="row">{`${c.code} - ${c.libelle}`}</th>
                    <td className="fr-cell--right">{c.coef}</td>
                    <td className="fr-cell--right">{c.initial || '—'}</td>
                    <td className="fr-cell--right"><GradeValue cell={c.cell} /></td>
                    <td className="fr-cell--right">{c.retained || '—'}</td>
                    <td className="fr-text--sm">{obs.join(' ; ')}</td>
                    <td><EditButton {...editProps(c.cell, label)} /></td>
                  </tr>
                  {editor(c.cell, label, cols)}
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="delib-total-row">
              <th scope="row">Total après contrôle</th>
              <td className="fr-cell--right">{g.totalCoef}</td>
              <td colSpan={2} />
              <td className="fr-cell--right">{g.totalPoints ?? '—'}</td>
              <td colSpan={2}><strong>{`Moyenne : ${g.moyenne ? `${g.moyenne}/20` : '—'}`}</strong></td>
            </tr>
          </tfoot>
        </TableFrame>
      )}
      <p className="fr-mb-1w">
        <strong>Décision du 2nd groupe : </strong>
        <DecisionBadge decision={g.decision} label={g.decisionLabel} testId="pvi-decision2" />
      </p>
      <p className="fr-text--sm" data-testid="pvi-rule2">{`Règle appliquée : ${g.rule}`}</p>
    </section>
  );
}
