/**
 * The intake service's own SQLite store: the signed change feed, the current
 * revision of each report, attachment bytes, workstation tokens and the
 * idempotency keys of status pushes. Not encrypted: it holds generated test
 * data, never real reports.
 */
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import type { ChangeKind } from './contract.ts';
import type { GeneratedChange } from './generator.ts';
import { createSigningKey, loadSigningKey, type SigningKey } from './keys.ts';

export type Db = Database.Database;

/** A change as stored and served. */
export interface ChangeRow {
  seq: number;
  kind: ChangeKind;
  payload: string;
  sig: string;
}

export interface AttachmentRow {
  id: string;
  report_id: string;
  media_type: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

export interface ReportRow {
  id: string;
  revision: number;
  seq: number;
}

/** What a workstation token stands for. */
export interface TokenGrant {
  workstationId: string;
  revoked: boolean;
}

/** A status push already answered under an idempotency key. */
export interface IdempotentAnswer {
  requestHash: string;
  status: number;
  body: string;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'status')),
  payload TEXT NOT NULL,
  sig TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  seq INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS workstation_tokens (
  token_hash TEXT PRIMARY KEY,
  workstation_id TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS idempotency_keys (
  workstation_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workstation_id, key)
) STRICT;
`;

/** The store, with the statements the service runs prepared once. */
export interface IntakeStore {
  readonly db: Db;
  readonly signingKey: SigningKey;
  headSeq(): number;
  /** Up to `limit` changes with `seq > after`, ascending. */
  changesAfter(after: number, limit: number): ChangeRow[];
  /**
   * The same changes as `changesAfter`, already as the JSON of the page's `changes` array
   * (UTF-8, without the brackets), with how many there are and the last seq.
   */
  changesAfterJson(after: number, limit: number): { json: Buffer; count: number; lastSeq: number | null };
  /** The seq `back` changes before `after` (0 when there are fewer): where a replayed page starts. */
  seqBefore(after: number, back: number): number;
  change(seq: number): ChangeRow | undefined;
  changeCount(): number;
  report(id: string): ReportRow | undefined;
  /** Signs and appends one change at `head_seq + 1` (or the given seq). */
  appendChange(kind: ChangeKind, payload: string, seq?: number): ChangeRow;
  /** Streams a generated feed in: batches are signed on the thread pool while the next is generated. */
  ingest(feed: Iterable<GeneratedChange>, batchSize?: number): Promise<{ changes: number; attachments: number }>;
  addAttachment(file: { id: string; reportId: string; mediaType: string; bytes: Buffer }): void;
  attachment(id: string): AttachmentRow | undefined;
  attachmentIdTaken(id: string): boolean;
  issueToken(workstationId: string, token?: string): string;
  /** Revokes one token; false if it is unknown. */
  revokeToken(token: string): boolean;
  /** Revokes every token of a workstation; returns how many. */
  revokeWorkstation(workstationId: string): number;
  tokenGrant(token: string): TokenGrant | undefined;
  idempotentAnswer(workstationId: string, key: string): IdempotentAnswer | undefined;
  rememberAnswer(workstationId: string, key: string, answer: IdempotentAnswer): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  transaction<T>(run: () => T): T;
  close(): void;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return `iblw_${randomBytes(24).toString('base64url')}`;
}

/** Opens (creating if needed) a store in `file`, or in memory with ':memory:'. */
export function openIntakeStore(file: string): IntakeStore {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // Test data that can be regenerated: speed matters more than surviving a power cut.
  db.pragma('synchronous = OFF');
  db.exec(SCHEMA);
  const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  if (version !== undefined && Number(version) !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`${file} holds an intake store of schema version ${version}; this service reads version ${SCHEMA_VERSION}`);
  }

  const getMetaStmt = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setMetaStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const getMeta = (key: string): string | undefined => getMetaStmt.get(key) as string | undefined;
  const setMeta = (key: string, value: string): void => void setMetaStmt.run(key, value);
  setMeta('schema_version', String(SCHEMA_VERSION));

  let signingKey: SigningKey;
  const storedKey = getMeta('signing_key');
  if (storedKey) {
    signingKey = loadSigningKey(storedKey);
  } else {
    signingKey = createSigningKey();
    setMeta('signing_key', signingKey.privateKeyPem);
  }

  const headStmt = db.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck();
  const countStmt = db.prepare('SELECT count(*) FROM changes').pluck();
  const afterStmt = db.prepare('SELECT seq, kind, payload, sig FROM changes WHERE seq > ? ORDER BY seq LIMIT ?');
  // SQLite writes the JSON: the payload strings go out exactly as stored, escaped as JSON
  // requires, without a trip through JavaScript strings (a third of the service's time per page).
  const afterJsonStmt = db.prepare(`
    SELECT count(*) AS count, max(seq) AS lastSeq,
           CAST(coalesce(group_concat(json_object('seq', seq, 'kind', kind, 'payload', payload, 'sig', sig), ',' ORDER BY seq), '') AS BLOB) AS json
      FROM (SELECT seq, kind, payload, sig FROM changes WHERE seq > ? ORDER BY seq LIMIT ?)`);
  const beforeStmt = db.prepare('SELECT seq FROM changes WHERE seq <= ? ORDER BY seq DESC LIMIT 1 OFFSET ?').pluck();
  const changeStmt = db.prepare('SELECT seq, kind, payload, sig FROM changes WHERE seq = ?');
  const insertChange = db.prepare('INSERT INTO changes (seq, kind, payload, sig) VALUES (?, ?, ?, ?)');
  const upsertReport = db.prepare(
    'INSERT INTO reports (id, revision, seq) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, seq = excluded.seq WHERE excluded.revision > reports.revision',
  );
  const reportStmt = db.prepare('SELECT id, revision, seq FROM reports WHERE id = ?');
  const insertAttachment = db.prepare('INSERT INTO attachments (id, report_id, media_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?)');
  const attachmentStmt = db.prepare('SELECT id, report_id, media_type, size, sha256, bytes FROM attachments WHERE id = ?');
  const attachmentExists = db.prepare('SELECT 1 FROM attachments WHERE id = ?').pluck();
  const insertToken = db.prepare('INSERT OR IGNORE INTO workstation_tokens (token_hash, workstation_id, issued_at) VALUES (?, ?, ?)');
  const tokenStmt = db.prepare('SELECT workstation_id, revoked_at FROM workstation_tokens WHERE token_hash = ?');
  const revokeTokenStmt = db.prepare('UPDATE workstation_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  const revokeWorkstationStmt = db.prepare('UPDATE workstation_tokens SET revoked_at = ? WHERE workstation_id = ? AND revoked_at IS NULL');
  const answerStmt = db.prepare('SELECT request_hash, status, body FROM idempotency_keys WHERE workstation_id = ? AND key = ?');
  const rememberStmt = db.prepare('INSERT INTO idempotency_keys (workstation_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)');

  const headSeq = (): number => headStmt.get() as number;

  /** Keeps `reports` on the highest revision; payloads that are not reports are left alone. */
  const trackReport = (seq: number, payload: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { kind, id, revision } = parsed as { kind?: unknown; id?: unknown; revision?: unknown };
    if (kind === 'report' && typeof id === 'string' && typeof revision === 'number') upsertReport.run(id, revision, seq);
  };

  const addAttachment: IntakeStore['addAttachment'] = (file) => {
    insertAttachment.run(file.id, file.reportId, file.mediaType, file.bytes.length, createHash('sha256').update(file.bytes).digest('hex'), file.bytes);
  };

  const insertBatch = db.transaction((batch: GeneratedChange[], signatures: string[]) => {
    batch.forEach((change, i) => {
      insertChange.run(change.seq, change.kind, change.payload, signatures[i]);
      if (change.kind === 'report' && change.revision !== undefined) upsertReport.run(change.reportId, change.revision, change.seq);
      for (const file of change.attachments) addAttachment(file);
    });
  });

  return {
    db,
    signingKey,
    headSeq,
    changesAfter: (after, limit) => afterStmt.all(after, limit) as ChangeRow[],
    changesAfterJson: (after, limit) => afterJsonStmt.get(after, limit) as { json: Buffer; count: number; lastSeq: number | null },
    seqBefore: (after, back) => (beforeStmt.get(after, back) as number | undefined) ?? 0,
    change: (seq) => changeStmt.get(seq) as ChangeRow | undefined,
    changeCount: () => countStmt.get() as number,
    report: (id) => reportStmt.get(id) as ReportRow | undefined,
    appendChange(kind, payload, seq) {
      const row: ChangeRow = { seq: seq ?? headSeq() + 1, kind, payload, sig: signingKey.sign(payload) };
      db.transaction(() => {
        insertChange.run(row.seq, row.kind, row.payload, row.sig);
        if (kind === 'report') trackReport(row.seq, payload);
      })();
      return row;
    },
    async ingest(feed, batchSize = 2000) {
      // A bulk load into a fresh store: no rollback journal; WAL again for serving.
      const journal = db.pragma('journal_mode', { simple: true }) as string;
      if (journal === 'wal') db.pragma('journal_mode = OFF');
      let changes = 0;
      let attachments = 0;
      try {
        let pending: { batch: GeneratedChange[]; signatures: Promise<string[]> } | null = null;
        const iterator = feed[Symbol.iterator]();
        for (;;) {
          const batch: GeneratedChange[] = [];
          while (batch.length < batchSize) {
            const next = iterator.next();
            if (next.done) break;
            batch.push(next.value);
          }
          // The previous batch was being signed on the thread pool while this one was generated.
          if (pending) insertBatch(pending.batch, await pending.signatures);
          if (batch.length === 0) break;
          changes += batch.length;
          for (const change of batch) attachments += change.attachments.length;
          pending = { batch, signatures: Promise.all(batch.map((change) => signingKey.signAsync(change.payload))) };
        }
      } finally {
        if (journal === 'wal') db.pragma('journal_mode = WAL');
      }
      return { changes, attachments };
    },
    addAttachment,
    attachment: (id) => attachmentStmt.get(id) as AttachmentRow | undefined,
    attachmentIdTaken: (id) => attachmentExists.get(id) !== undefined,
    issueToken(workstationId, token = newToken()) {
      // What RFC 6750 allows after "Bearer ", so that the token can be sent at all.
      if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) throw new Error('a token is made of letters, digits and -._~+/ (RFC 6750 b64token)');
      insertToken.run(hashToken(token), workstationId, new Date().toISOString());
      return token;
    },
    revokeToken: (token) => revokeTokenStmt.run(new Date().toISOString(), hashToken(token)).changes > 0,
    revokeWorkstation: (workstationId) => revokeWorkstationStmt.run(new Date().toISOString(), workstationId).changes,
    tokenGrant(token) {
      const row = tokenStmt.get(hashToken(token)) as { workstation_id: string; revoked_at: string | null } | undefined;
      return row ? { workstationId: row.workstation_id, revoked: row.revoked_at !== null } : undefined;
    },
    idempotentAnswer(workstationId, key) {
      const row = answerStmt.get(workstationId, key) as { request_hash: string; status: number; body: string } | undefined;
      return row ? { requestHash: row.request_hash, status: row.status, body: row.body } : undefined;
    },
    rememberAnswer(workstationId, key, answer) {
      rememberStmt.run(workstationId, key, answer.requestHash, answer.status, answer.body, new Date().toISOString());
    },
    getMeta,
    setMeta,
    transaction: (run) => db.transaction(run)(),
    close: () => db.close(),
  };
}
