/** What `store.status` and `iblagh-ws status` report about the open store. */
import type { StoreStatus } from '../../shared/schemas.ts';
import type { Db } from './database.ts';
import { LATEST_VERSION, schemaVersion } from './migrations/index.ts';

function count(db: Db, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

/** Rows of a table that a later schema version introduces; 0 while the store predates it. */
function countIfPresent(db: Db, table: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  return exists ? count(db, `SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`) : 0;
}

export function storeStatus(db: Db): StoreStatus {
  const createdAt = db.prepare("SELECT value FROM store_meta WHERE key = 'created_at'").get() as { value: string } | undefined;
  return {
    schemaVersion: schemaVersion(db),
    latestSchemaVersion: LATEST_VERSION,
    createdAt: createdAt?.value ?? '',
    cipher: `${db.pragma('cipher', { simple: true }) as string} (SQLCipher v4 compatible, SQLite3MultipleCiphers)`,
    counts: {
      profiles: count(db, 'SELECT count(*) AS n FROM analysts'),
      activeProfiles: count(db, 'SELECT count(*) AS n FROM analysts WHERE disabled_at IS NULL'),
      reports: countIfPresent(db, 'reports'),
      auditEvents: count(db, 'SELECT count(*) AS n FROM audit_events'),
    },
  };
}
