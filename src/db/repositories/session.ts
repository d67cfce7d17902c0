import type { Db } from '../connect.js';
import type { ExamSessionTable } from '../schema.js';

export type ExamSession = ExamSessionTable;

export async function getExamSession(db: Db): Promise<ExamSession | undefined> {
  return db.selectFrom('exam_session').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function getEtablissement(db: Db, uai: string) {
  return db.selectFrom('etablissement').selectAll().where('uai', '=', uai).executeTakeFirst();
}

export async function listEtablissements(db: Db) {
  return db.selectFrom('etablissement').selectAll().orderBy('uai').execute();
}
