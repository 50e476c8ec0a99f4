import type { Db } from '../database';

/**
 * One step of the schema. Versions are numbered from 1 without gaps, applied in order, each in
 * its own transaction, and recorded in `schema_migrations`; a shipped migration is never edited
 * (a later one changes what it did). Each has its own test file under tests/unit/store/migrations.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
