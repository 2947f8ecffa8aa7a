import type { Migration } from './migration.ts';

/**
 * Cluster keys by cluster id. `clusters` is keyed by its content key (the
 * sync finds a report's cluster by key), and the queue reads the key of each
 * row's cluster by id (`QueueRow.clusterKey`, the report view too): without
 * this index each of those reads scanned the whole table (measured at
 * 1,000,000 reports, 293,954 clusters: ~7 ms a read, ~740 ms for a page of
 * 100 rows). Not unique: ids are unique by construction (projection.ts), but
 * a duplicate must never fail a sync.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'clusters-by-id',
  up(db) {
    db.exec('CREATE INDEX clusters_by_id ON clusters (id)');
  },
};
