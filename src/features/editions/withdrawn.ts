// Documents follow the state (issue #13, point 5). A stored document of an edition (a background
// job's file: RLN, PV, lists …) is withdrawn when one of its juries, after the document was made,
// went back by an exceptional state change below the state that allowed the edition (an RLN made at
// 140, the jury back to 110): it is no longer served (a French message says why) and the compte-rendu
// shows it "Retiré". Going forward again does not bring it back — what it printed may have changed:
// the edition is produced again.
import type { Db } from '../../db/connect.js';
import { belowEdition, isEditionKind, JURY_STATE_LABELS, JURY_STATES, type EditionKind, type Group, type JuryState } from '../../domain/index.js';
import { frenchDateTime } from '../../jobs/local-time.js';
import { defaultGroup } from './catalog.js';

/** The action of "Gérer l'avancement des jurys" in the journal (apply-state-change.ts). */
const EXCEPTIONAL = 'JURY_ETAT_EXCEPTIONNEL';

export interface StoredDocument {
  readonly id: string;
  readonly job_id: number;
  /** ISO time the document was stored */
  readonly created_at: string;
}

export interface StoredJob {
  readonly id: number;
  readonly params_json: string;
  /** ISO time of the request */
  readonly created_at: string;
}

interface Coverage {
  readonly kind: EditionKind;
  readonly group: Group;
  readonly juries: readonly string[];
  /** each jury's journal chain position when the edition was asked for (older jobs: none, their request time counts) */
  readonly journalHeads: Readonly<Record<string, number>> | null;
}

/** The edition and juries of a job, from its parameters (EditionJobParams); null for another job. */
export function coverageOf(paramsJson: string): Coverage | null {
  let p: unknown;
  try {
    p = JSON.parse(paramsJson);
  } catch {
    return null;
  }
  if (!p || typeof p !== 'object') return null;
  const params = p as { request?: { kind?: unknown; group?: unknown; juries?: unknown }; juries?: unknown; group?: unknown; journalHeads?: unknown };
  const kind = params.request?.kind;
  if (typeof kind !== 'string' || !isEditionKind(kind)) return null;
  const g = params.group ?? params.request?.group;
  const group: Group = g === 1 || g === 2 ? g : defaultGroup(kind);
  const list = Array.isArray(params.juries) ? params.juries : Array.isArray(params.request?.juries) ? params.request.juries : [];
  const heads = params.journalHeads;
  const journalHeads = heads && typeof heads === 'object' && !Array.isArray(heads)
    && Object.values(heads).every((n) => typeof n === 'number' && Number.isInteger(n)) ? heads as Record<string, number> : null;
  return { kind, group, juries: list.filter((c): c is string => typeof c === 'string'), journalHeads };
}

function isState(x: unknown): x is JuryState {
  return typeof x === 'string' && (JURY_STATES as readonly string[]).includes(x);
}

export function withdrawnMessage(jury: string, etat: JuryState, at: string): string {
  return `Document retiré : le jury ${jury} est revenu à l'état ${etat} (${JURY_STATE_LABELS[etat]}) le ${frenchDateTime(new Date(at))} `
    + "par un changement d'état exceptionnel, après la production de ce document. Il n'est plus valable : produisez-le de nouveau "
    + "lorsque le jury aura retrouvé l'état qui permet cette édition.";
}

/**
 * The withdrawn documents among `documents` (id → the reason): those of a job whose juries went back
 * below the state that allowed its edition by an exceptional change journaled after the request
 * (journal order; jobs older than that record: after the request's time).
 */
export async function withdrawnDocuments(db: Db, jobs: readonly StoredJob[], documents: readonly StoredDocument[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const coverage = new Map<number, Coverage & { readonly requestedAt: string }>();
  for (const j of jobs) {
    const c = coverageOf(j.params_json);
    if (c && c.juries.length) coverage.set(j.id, { ...c, requestedAt: j.created_at });
  }
  const docs = documents.filter((d) => coverage.has(d.job_id));
  if (docs.length === 0) return out;
  const covered = [...new Set(docs.map((d) => d.job_id))].map((id) => coverage.get(id)!);
  const juries = [...new Set(covered.flatMap((c) => c.juries))];
  const changes = await db.selectFrom('journal').select(['chain', 'seq', 'jury_code', 'at', 'after_json'])
    .where('action', '=', EXCEPTIONAL).where('jury_code', 'in', juries)
    .orderBy('id').execute();
  const rollbacks = changes.flatMap((e) => {
    let etat: unknown;
    try {
      etat = (JSON.parse(e.after_json ?? 'null') as { etat?: unknown } | null)?.etat;
    } catch {
      etat = undefined;
    }
    return isState(etat) && e.jury_code ? [{ chain: e.chain, seq: e.seq, jury: e.jury_code, at: e.at, etat }] : [];
  });
  for (const d of docs) {
    const c = coverage.get(d.job_id)!;
    // journal order within the jury's chain (ADR 0013); entries of the single chain of before, and jobs without positions: time
    const after = (r: { chain: string; seq: number; jury: string; at: string }) => (c.journalHeads !== null && r.chain === r.jury
      ? r.seq > (c.journalHeads[r.jury] ?? 0) : r.at > c.requestedAt);
    const hit = rollbacks.find((r) => after(r) && c.juries.includes(r.jury) && belowEdition(c.kind, c.group, r.etat));
    if (hit) out.set(d.id, withdrawnMessage(hit.jury, hit.etat, hit.at));
  }
  return out;
}
