// Request validation with zod, messages in French (zod's French locale, per parse: no global config).
import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import fr from 'zod/v4/locales/fr.js';

const french = fr().localeError;

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Marker on validation errors produced here, so the error handler recognises them. */
export const VALIDATION_ISSUES = Symbol.for('delib.validationIssues');

export const frenchValidatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema }) => (data) => {
  const result = safeParse(schema, data, { error: french });
  if (!result.error) return { value: result.data };
  const issues: FieldIssue[] = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const error = Object.assign(new Error(formatIssues(issues)), { [VALIDATION_ISSUES]: issues });
  return { error };
};

/** Our own messages (schemas' custom errors) are full French sentences ending with a period. */
const isOwnSentence = (m: string) => m.endsWith('.');

export function formatIssues(issues: readonly FieldIssue[]): string {
  const shown = issues.slice(0, 5);
  if (shown.every((i) => isOwnSentence(i.message))) return [...new Set(shown.map((i) => i.message))].join(' ');
  const parts = shown.map((i) => (isOwnSentence(i.message) || !i.path ? i.message : `champ « ${i.path} » : ${i.message}`));
  return `Requête invalide : ${parts.join(' ; ')}.`;
}

export function validationIssuesOf(e: unknown): FieldIssue[] | undefined {
  if (typeof e === 'object' && e !== null && VALIDATION_ISSUES in e) return (e as { [VALIDATION_ISSUES]: FieldIssue[] })[VALIDATION_ISSUES];
  return undefined;
}
