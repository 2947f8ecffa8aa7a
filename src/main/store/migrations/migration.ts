import type { Db } from '../database.ts';

/**
 * Data steps that migrations run but that belong to a feature above the store
 * (the store imports no feature): given by whoever opens the store (the core
 * wires the features' functions in `core.ts`).
 */
export interface MigrationSteps {
  /** Computes the clusters, first URLs and search entries of reports stored before they existed (reports/projection.ts). */
  backfillReportProjection(db: Db): void;
  /** Extracts the observables of reports stored before they were (reports/projection.ts). */
  backfillObservables(db: Db): void;
}

/** One step of the schema's history. Never edit a released migration: add the next one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db, steps: MigrationSteps): void;
}
