// HTTP contract of /api/journal.
import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date attendue au format AAAA-MM-JJ.' });

export const JournalQuery = z.object({
  jury: z.string().trim().max(20).optional(),
  action: z.string().trim().max(50).optional(),
  actor: z.string().trim().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type JournalQuery = z.infer<typeof JournalQuery>;

export const JournalEntryDto = z.object({
  id: z.number(),
  seq: z.number(),
  at: z.string(),
  /** "06/06/2023 13:54:25", in the page's time zone */
  atText: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  juryCode: z.string().nullable(),
  subject: z.string().nullable(),
  /** the object for people: candidate, jury, épreuve label */
  subjectText: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
});
export type JournalEntryDto = z.infer<typeof JournalEntryDto>;

export const JournalPage = z.object({
  items: z.array(JournalEntryDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** the one time zone of every time on the page, stated: "heure de Paris" */
  timeZone: z.string(),
});
