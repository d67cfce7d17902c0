// Use case: read the journal, within the actor's scope (académie: everything; centre: its juries;
// jury: its own jury; centre d'épreuve: no access). The values of a 2nd-group grade whose double
// entry is still blind are shown to the author of the change only (ADR 0012).
import type { Db } from '../../db/connect.js';
import { listJournal } from '../../db/repositories/journal.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../errors/app-error.js';
import { enforce } from '../auth/authorize.js';
import { journalScope } from '../juries/jury-scope.js';
import { journalVerdict } from '../juries/policies.js';
import { entryKey } from '../../db/repositories/second-group-grades.js';
import { blindGradeKeys, gradeOfSubject } from '../second-group/double-entry.js';
import { findJournalSubjects } from '../../db/repositories/journal-subjects.js';
import { maskValues, presentEntry, subjectRefs, timeZoneLabel, type EntryContext } from './present-entry.js';
import type { JournalEntryDto, JournalQuery } from './schemas.js';

export const JOURNAL_PAGE_SIZE = 50;

export async function readJournal(db: Db, actor: Actor, q: JournalQuery): Promise<{ items: JournalEntryDto[]; total: number; page: number; pageSize: number; timeZone: string }> {
  enforce(journalVerdict(actor));
  // null = the whole journal; else only entries about these juries
  const scope = await journalScope(db, actor);
  if (q.jury && scope && !scope.includes(q.jury)) throw new AppError('NOT_FOUND', 'Jury introuvable.');
  const { rows, total } = await listJournal(db, {
    juryCodes: scope,
    ...(q.jury ? { juryCode: q.jury } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    limit: JOURNAL_PAGE_SIZE,
    offset: (q.page - 1) * JOURNAL_PAGE_SIZE,
  });
  const grades = rows.map((r) => gradeOfSubject(r.subject));
  const blind = await blindGradeKeys(db, [...new Set(grades.flatMap((g) => (g ? [g.candidateId] : [])))]);
  const refs = rows.map((r) => subjectRefs(r.subject));
  const distinct = <T>(xs: (T | undefined)[]) => [...new Set(xs.filter((x): x is T => x !== undefined))];
  const ctx: EntryContext = {
    subjects: await findJournalSubjects(db, {
      candidateIds: distinct(refs.map((x) => x.candidateId)), juryCodes: distinct(refs.map((x) => x.juryCode)), specialiteCodes: distinct(refs.map((x) => x.specialiteCode)),
    }),
    // a jury deliberates on anonymous candidates: it knows them by their N° anonymat
    anonymous: actor.role === 'jury',
  };
  const items = rows.map((r, i) => {
    const g = grades[i];
    const hidden = g && r.actor_login !== actor.login && blind.has(entryKey(g.candidateId, g.epreuveCode));
    return hidden ? maskValues(presentEntry(r, ctx)) : presentEntry(r, ctx);
  });
  return { items, total, page: q.page, pageSize: JOURNAL_PAGE_SIZE, timeZone: timeZoneLabel() };
}
