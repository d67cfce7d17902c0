// Corrections after a jury's PV or result lists were produced (issue #15, point 2; ADR 0017). A grade
// change of a group whose PV or result lists exist (an académie correction through the exceptional
// path, a 2nd-group grade entered late) is probed before it is written: every candidate of the jury
// is decided before and after by the exact engine, those whose decision or average changed are kept
// with the change (who, when, why, grade before/after) for the PV's next version, and the journal
// records it. Runs inside the transaction of the change.
import type { Db } from '../../db/connect.js';
import { appendJournal } from '../../db/repositories/journal.js';
import { getExamSession } from '../../db/repositories/session.js';
import '../../db/schema-verification.js';
import { average, decisionLabel } from '../../documents/format.js';
import { formatGrade } from '../../domain/grades.js';
import type { CandidateResult } from '../../domain/rules/result.js';
import type { Actor, GradeValue } from '../../domain/types.js';
import { evaluateJuries, type Evaluations } from '../editions/snapshot/context.js';

/** A candidate whose decision or average changed with a correction. */
export interface DecisionChange {
  readonly candidateId: number;
  readonly numeroCandidat: string;
  readonly nom: string;
  readonly prenoms: string;
  readonly decisionAvant: string;
  readonly decisionApres: string;
  readonly moyenneAvant: string;
  readonly moyenneApres: string;
}

export interface GradeFact {
  readonly candidateId: number;
  readonly epreuve: string;
  readonly before: GradeValue | null | undefined;
  readonly after: GradeValue | null | undefined;
}

export interface CorrectionProbe {
  /** After the writes: the decisions again, the corrections kept, the journal entry. */
  finish(facts: readonly GradeFact[], o: { actor: Actor; reason: string | null; at: Date }): Promise<DecisionChange[]>;
}

type JuryKey = { readonly code: string; readonly specialiteCode: string };

/** Has the PV or a result list of this jury and group been produced? */
export async function documentsProduced(db: Db, juryCode: string, group: 1 | 2): Promise<boolean> {
  const r = await db.selectFrom('document_production').select('id').where('jury_code', '=', juryCode).where('groupe', '=', group).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** The latest PV version produced for the jury and group (0: none yet). */
export async function latestPvVersion(db: Db, juryCode: string, group: 1 | 2): Promise<number> {
  const r = await db.selectFrom('pv_version').select((eb) => eb.fn.max('version').as('v')).where('jury_code', '=', juryCode).where('groupe', '=', group).executeTakeFirst();
  return Number(r?.v ?? 0);
}

function outcome(r: CandidateResult, group: 1 | 2): { decision: string; moyenne: string } {
  if (group === 1) return { decision: decisionLabel(r.group1.decision), moyenne: average(r.group1.moyenne) };
  const g = r.group2;
  return { decision: g ? decisionLabel(g.decision === 'INCOMPLET' ? 'INCOMPLET' : g.decision) : '', moyenne: g ? average(g.moyenne) : '' };
}

function diff(before: Evaluations, after: Evaluations, group: 1 | 2): Omit<DecisionChange, 'numeroCandidat' | 'nom' | 'prenoms'>[] {
  const out: Omit<DecisionChange, 'numeroCandidat' | 'nom' | 'prenoms'>[] = [];
  for (const [id, a] of after.byCandidate) {
    const b = before.byCandidate.get(id);
    if (!b) continue;
    const ob = outcome(b.result, group);
    const oa = outcome(a.result, group);
    if (ob.decision !== oa.decision || ob.moyenne !== oa.moyenne) {
      out.push({ candidateId: id, decisionAvant: ob.decision, decisionApres: oa.decision, moyenneAvant: ob.moyenne, moyenneApres: oa.moyenne });
    }
  }
  return out.sort((x, y) => x.candidateId - y.candidateId);
}

/** null when nothing was produced for the jury and group yet (an ordinary change). */
export async function probeCorrection(trx: Db, jury: JuryKey, group: 1 | 2): Promise<CorrectionProbe | null> {
  if (!(await documentsProduced(trx, jury.code, group))) return null;
  const session = await getExamSession(trx);
  if (!session) return null;
  const before = await evaluateJuries(trx, session, [jury]);
  return {
    async finish(facts, o) {
      if (facts.length === 0) return [];
      const after = await evaluateJuries(trx, session, [jury]);
      const changed = diff(before, after, group);
      const ids = [...new Set([...changed.map((c) => c.candidateId), ...facts.map((f) => f.candidateId)])];
      const people = new Map((await trx.selectFrom('candidate').select(['id', 'numero_candidat', 'nom', 'prenoms']).where('id', 'in', ids).execute())
        .map((c) => [Number(c.id), c]));
      const named: DecisionChange[] = changed.map((c) => {
        const p = people.get(c.candidateId);
        return { ...c, numeroCandidat: p?.numero_candidat ?? '', nom: p?.nom ?? '', prenoms: p?.prenoms ?? '' };
      });
      const version = (await latestPvVersion(trx, jury.code, group)) + 1;
      const at = o.at.toISOString();
      const own = (id: number): DecisionChange => {
        const p = people.get(id);
        const ob = outcome(before.byCandidate.get(id)!.result, group);
        const oa = outcome(after.byCandidate.get(id)!.result, group);
        return { candidateId: id, numeroCandidat: p?.numero_candidat ?? '', nom: p?.nom ?? '', prenoms: p?.prenoms ?? '',
          decisionAvant: ob.decision, decisionApres: oa.decision, moyenneAvant: ob.moyenne, moyenneApres: oa.moyenne };
      };
      const corrected = new Set(facts.map((f) => f.candidateId));
      // a grade only moves its own candidate's result; anything else the engine found goes with the last one
      const others = named.filter((c) => !corrected.has(c.candidateId));
      for (const [i, f] of facts.entries()) {
        const changes = [own(f.candidateId), ...(i === facts.length - 1 ? others : [])];
        await trx.insertInto('pv_correction').values({
          jury_code: jury.code, groupe: group, candidate_id: f.candidateId, epreuve_code: f.epreuve,
          note_avant: f.before ? formatGrade(f.before) : null, note_apres: f.after ? formatGrade(f.after) : null,
          motif: o.reason, auteur: o.actor.name, at, pv_version: version, changes_json: JSON.stringify(changes),
        }).execute();
      }
      await appendJournal(trx, [{
        at: o.at, actor: o.actor, action: 'CORRECTION_APRES_PV', juryCode: jury.code, subject: `pv:${jury.code}:${group}`,
        before: { notes: facts.map((f) => ({ candidat: f.candidateId, epreuve: f.epreuve, note: f.before ? formatGrade(f.before) : null })) },
        after: {
          groupe: group, versionPv: version,
          notes: facts.map((f) => ({ candidat: f.candidateId, epreuve: f.epreuve, note: f.after ? formatGrade(f.after) : null })),
          decisionsModifiees: named.map((c) => ({ candidat: c.numeroCandidat, decision: `${c.decisionAvant} → ${c.decisionApres}`, moyenne: `${c.moyenneAvant} → ${c.moyenneApres}` })),
        },
        reason: o.reason,
      }]);
      return named;
    },
  };
}

export interface PvCorrectionView {
  readonly candidateId: number;
  readonly epreuve: string;
  readonly noteAvant: string | null;
  readonly noteApres: string | null;
  readonly motif: string | null;
  readonly auteur: string;
  readonly at: string;
  readonly pvVersion: number;
  readonly changes: readonly DecisionChange[];
}

/** The corrections of a jury and group up to a PV version (included), oldest first. */
export async function listPvCorrections(db: Db, juryCode: string, group: 1 | 2, upToVersion?: number): Promise<PvCorrectionView[]> {
  let q = db.selectFrom('pv_correction').selectAll().where('jury_code', '=', juryCode).where('groupe', '=', group);
  if (upToVersion !== undefined) q = q.where('pv_version', '<=', upToVersion);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id, epreuve: r.epreuve_code, noteAvant: r.note_avant, noteApres: r.note_apres, motif: r.motif, auteur: r.auteur,
    at: r.at, pvVersion: r.pv_version, changes: JSON.parse(r.changes_json) as DecisionChange[],
  }));
}
