// Use case: read the journal, within the actor's scope (académie: everything; centre: its juries;
// jury: its own jury; centre d'épreuve: no access).
import type { Db } from '../../db/connect.js';
import { listJournal } from '../../db/repositories/journal.js';
import type { Actor } from '../../domain/types.js';
import { AppError } from '../../server/app-error.js';
import { enforce } from '../auth/authorize.js';
import { journalScope } from '../juries/jury-scope.js';
import { journalVerdict } from '../juries/policies.js';
import { presentEntry } from './present-entry.js';
import type { JournalEntryDto, JournalQuery } from './schemas.js';

export const JOURNAL_PAGE_SIZE = 50;

export async function readJournal(db: Db, actor: Actor, q: JournalQuery): Promise<{ items: JournalEntryDto[]; total: number; page: number; pageSize: number }> {
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
  return { items: rows.map(presentEntry), total, page: q.page, pageSize: JOURNAL_PAGE_SIZE };
}
