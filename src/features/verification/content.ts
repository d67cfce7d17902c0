// What a verification page shows of a document (issue #15): exactly the rows the relevé de notes or
// the PVI prints — name, spécialité, session, units and grades, averages, decisions — built by the
// same pure row builders as the PDF (src/documents/transcript/rows.ts), and nothing else (no
// address, birth date, INE or candidate numbers). Stored as JSON when the code is issued; its digest
// tells whether the document is still the current version.
import { createHash } from 'node:crypto';
import type { TranscriptEntry } from '../../documents/model.js';
import {
  controleRows, group1DecisionLine, group1Summary, group2DecisionLine, group2Summary, hasControleResult, PROPOSED_PREFIX, unitRows,
} from '../../documents/transcript/rows.js';

export type VerifiedKind = 'rln' | 'pvi';

export const DOCUMENT_LABELS: Readonly<Record<VerifiedKind, string>> = {
  rln: 'Relevé de notes',
  pvi: 'Procès-verbal individuel de notes',
};

export interface VerifiedRow {
  readonly label: string;
  readonly note: string;
  readonly coeff: string;
  readonly points: string;
  readonly leaf: boolean;
}

export interface VerifiedSummary {
  readonly label: string;
  readonly total: string;
  readonly points: string;
  readonly moyenne: string;
}

export interface VerifiedContent {
  readonly document: string;
  readonly session: string;
  readonly nom: string;
  readonly nomUsage: string;
  readonly prenoms: string;
  readonly specialite: string;
  readonly units: readonly VerifiedRow[];
  readonly summary1: readonly VerifiedSummary[];
  readonly decision1: string;
  readonly controle: readonly VerifiedRow[];
  readonly summary2: VerifiedSummary | null;
  readonly decision2: string | null;
}

const row = (r: { label: string; note: string; coeff: string; points: string; leaf: boolean }): VerifiedRow =>
  ({ label: r.label, note: r.note, coeff: r.coeff, points: r.points, leaf: r.leaf });

export function verifiedContent(kind: VerifiedKind, session: string, e: TranscriptEntry): VerifiedContent {
  const prefix = kind === 'pvi' ? PROPOSED_PREFIX : undefined;
  const withControle = hasControleResult(e.result);
  const s2 = withControle ? group2Summary(e.result) : null;
  return {
    document: DOCUMENT_LABELS[kind],
    session,
    nom: e.candidate.nom,
    nomUsage: e.candidate.nomUsage,
    prenoms: e.candidate.prenoms,
    specialite: e.specialite,
    units: unitRows(e.units, e.result).map(row),
    summary1: group1Summary(e.result),
    decision1: group1DecisionLine(e.result, prefix),
    controle: withControle ? controleRows(e.units, e.result).map(row) : [],
    summary2: s2,
    decision2: withControle ? group2DecisionLine(e.result, prefix) : null,
  };
}

/** The digest of a content: equal contents (same document version) have the same digest. */
export function contentHash(c: VerifiedContent): string {
  return createHash('sha256').update(JSON.stringify(c)).digest('hex');
}
