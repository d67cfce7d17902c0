// FROZEN: never edit a migration that has shipped; add a new one.
import type { Kysely } from 'kysely';
import { autoIdType } from './util.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exam_session')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('domaine', 'text', (c) => c.notNull())
    .addColumn('session', 'text', (c) => c.notNull())
    .addColumn('academie_code', 'text', (c) => c.notNull())
    .addColumn('academie_libelle', 'text', (c) => c.notNull())
    .addColumn('service_examen_libelle', 'text', (c) => c.notNull())
    .addColumn('service_examen_adresse', 'text', (c) => c.notNull())
    .addColumn('service_examen_mail', 'text', (c) => c.notNull())
    .addColumn('service_examen_telephone', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('etablissement')
    .addColumn('uai', 'text', (c) => c.primaryKey())
    .addColumn('libelle', 'text', (c) => c.notNull())
    .addColumn('ville', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('specialite')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('libelle', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('epreuve')
    .addColumn('specialite_code', 'text', (c) => c.notNull().references('specialite.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('libelle', 'text', (c) => c.notNull())
    .addColumn('coef_centi', 'integer', (c) => c.notNull())
    .addColumn('domaine', 'text', (c) => c.notNull())
    .addColumn('controle', 'integer', (c) => c.notNull())
    .addColumn('facultative', 'integer', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('ects', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('epreuve_pk', ['specialite_code', 'code'])
    .execute();

  await db.schema
    .createTable('jury')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('specialite_code', 'text', (c) => c.notNull().references('specialite.code'))
    .addColumn('centre_uai', 'text', (c) => c.notNull().references('etablissement.uai'))
    .addColumn('president', 'text', (c) => c.notNull())
    .addColumn('vice_president', 'text', (c) => c.notNull())
    .addColumn('debut_deliberation', 'text')
    .addColumn('fin_deliberation', 'text')
    .addColumn('etat', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('emergency_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emergency_password_hash', 'text')
    .addColumn('emergency_generated_at', 'text')
    .execute();
  await db.schema.createIndex('jury_centre_idx').on('jury').column('centre_uai').execute();

  await db.schema
    .createTable('candidate')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('numero_candidat', 'text', (c) => c.notNull())
    .addColumn('numero_inscription', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('nom_usage', 'text', (c) => c.notNull())
    .addColumn('prenoms', 'text', (c) => c.notNull())
    .addColumn('sexe', 'text', (c) => c.notNull())
    .addColumn('date_naissance', 'text')
    .addColumn('lieu_naissance', 'text', (c) => c.notNull())
    .addColumn('ine', 'text', (c) => c.notNull())
    .addColumn('categorie', 'text', (c) => c.notNull())
    .addColumn('forme_passage', 'text', (c) => c.notNull())
    .addColumn('etablissement_uai', 'text', (c) => c.notNull().references('etablissement.uai'))
    .addColumn('centre_epreuve_uai', 'text', (c) => c.notNull().references('etablissement.uai'))
    .addColumn('jury_code', 'text', (c) => c.notNull().references('jury.code'))
    .addColumn('numero_anonymat', 'text', (c) => c.notNull())
    .addColumn('livret', 'integer')
    .addColumn('handicap', 'text', (c) => c.notNull())
    .addColumn('liste_rouge', 'integer', (c) => c.notNull())
    .addColumn('presume_fraudeur', 'integer', (c) => c.notNull())
    .addColumn('adresse', 'text', (c) => c.notNull())
    .addColumn('code_postal', 'text', (c) => c.notNull())
    .addColumn('ville', 'text', (c) => c.notNull())
    .addColumn('mail', 'text', (c) => c.notNull())
    .addUniqueConstraint('candidate_natural_key', ['numero_candidat', 'numero_inscription'])
    .execute();
  await db.schema.createIndex('candidate_jury_idx').on('candidate').column('jury_code').execute();
  await db.schema.createIndex('candidate_centre_epreuve_idx').on('candidate').column('centre_epreuve_uai').execute();

  // Grades reference candidates without a declared foreign key: the import writes millions of
  // rows in bulk inside one transaction and checks every reference itself (ADR 0005).
  await db.schema
    .createTable('grade')
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('hundredths', 'integer')
    .addColumn('benefice', 'text')
    .addColumn('orig_kind', 'text')
    .addColumn('orig_hundredths', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('grade_pk', ['candidate_id', 'epreuve_code'])
    .execute();

  await db.schema
    .createTable('controle_choice')
    .addColumn('candidate_id', 'integer', (c) => c.primaryKey())
    .addColumn('epreuve_1', 'text', (c) => c.notNull())
    .addColumn('epreuve_2', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('controle_grade')
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hundredths', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('controle_grade_pk', ['candidate_id', 'epreuve_code'])
    .execute();

  await db.schema
    .createTable('journal')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_login', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('jury_code', 'text')
    .addColumn('candidate_id', 'integer')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_jury_idx').on('journal').columns(['jury_code', 'seq']).execute();
  await db.schema.createIndex('journal_candidate_idx').on('journal').column('candidate_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['journal', 'controle_grade', 'controle_choice', 'grade', 'candidate', 'jury', 'epreuve', 'specialite', 'etablissement', 'exam_session']) {
    await db.schema.dropTable(t).execute();
  }
}
