import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE codes the application turns into user-facing answers. */
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_SERIALIZATION_FAILURE = '40001';

interface PgDriverError {
  code?: string;
  constraint?: string;
  detail?: string;
}

export function pgError(error: unknown): PgDriverError | undefined {
  if (error instanceof QueryFailedError) return error.driverError as PgDriverError;
  if (error && typeof error === 'object' && 'code' in error) return error as PgDriverError;
  return undefined;
}

export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === code && (constraint === undefined || pg.constraint === constraint);
}
