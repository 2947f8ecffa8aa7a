import type { Db } from '../database.ts';

/** One step of the schema's history. Never edit a released migration: add the next one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
