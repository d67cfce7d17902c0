// FROZEN: never edit a migration that has shipped; add a new one.
// Verifiable documents and versioned PVs (issue #15, ADR 0017).
// - verification_code: one row per verification code printed on a relevé de notes or a PVI. Only the
//   code's SHA-256 is stored (the code is 80 random bits: a hash is enough, nothing to brute-force);
//   content_json is what the document shows, content_hash its digest; replaced_at is set when a new
//   version of the same document (other content) is issued.
// - pv_version: each version of a jury's PV de tenue (per group) as produced, its model kept so that
//   version N can be printed again as it was.
// - document_production: when a jury's PV or result lists were produced (what a later correction
//   makes superseded).
// - pv_correction: a grade changed after the jury's PV or result lists were produced: who, when, why,
//   the grade before/after, and the candidates of the jury whose decision or average changed.
import type { Kysely } from 'kysely';
import { autoIdType } from './util.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('verification_code')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull()) // rln | pvi
    .addColumn('groupe', 'integer', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('jury_code', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text')
    .execute();
  await db.schema.createIndex('verification_code_document').on('verification_code').columns(['candidate_id', 'kind', 'groupe']).execute();
  await db.schema.createIndex('verification_code_jury').on('verification_code').column('jury_code').execute();

  await db.schema
    .createTable('pv_version')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('jury_code', 'text', (c) => c.notNull())
    .addColumn('groupe', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('produced_at', 'text', (c) => c.notNull())
    .addColumn('produced_by', 'text', (c) => c.notNull())
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('pv_version_unique', ['jury_code', 'groupe', 'version'])
    .execute();

  await db.schema
    .createTable('pv_correction')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('jury_code', 'text', (c) => c.notNull())
    .addColumn('groupe', 'integer', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('epreuve_code', 'text', (c) => c.notNull())
    .addColumn('note_avant', 'text')
    .addColumn('note_apres', 'text')
    .addColumn('motif', 'text')
    .addColumn('auteur', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // the PV version this correction appears in (the latest produced version + 1 when it was made)
    .addColumn('pv_version', 'integer', (c) => c.notNull())
    // [{ candidateId, … decision/average before and after }]: every candidate of the jury that changed
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('document_production')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('jury_code', 'text', (c) => c.notNull())
    .addColumn('groupe', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // pv-tenue | resultats-*
    .addColumn('produced_at', 'text', (c) => c.notNull())
    .addColumn('produced_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_production_jury').on('document_production').columns(['jury_code', 'groupe']).execute();
  await db.schema.createIndex('pv_correction_jury').on('pv_correction').columns(['jury_code', 'groupe']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_production').execute();
  await db.schema.dropTable('pv_correction').execute();
  await db.schema.dropTable('pv_version').execute();
  await db.schema.dropTable('verification_code').execute();
}
