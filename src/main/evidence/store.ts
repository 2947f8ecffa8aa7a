/**
 * Writing evidence: the item (immutable), its bytes when they live only in
 * the evidence store, and its custody log (append-only). Diagnostics add
 * their captures through `storeEvidence`; the triggers of migration 7 refuse
 * any change afterwards.
 */
import type { EvidenceKind, CustodyAction } from '../../shared/evidence.ts';
import { workstationCode } from '../cases/cases.ts';
import { packageVersion } from '../version.ts';
import type { Db } from '../store/database.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { digests } from './hashes.ts';
import { sniffMediaType } from './sniff.ts';

export const TOOL = 'Iblagh Workstation';
/** acquired_at is read from this workstation's system clock, in UTC. */
export const WORKSTATION_CLOCK = 'workstation';
export const CLOCK_DESCRIPTION = "this workstation's system clock, UTC";

function prepare(db: Db) {
  return {
    counter: db.prepare('SELECT next FROM evidence_counters WHERE workstation = ? AND year = ?').pluck(),
    taken: db.prepare('SELECT 1 FROM evidence_items WHERE id = ?'),
    count: db.prepare('INSERT INTO evidence_counters (workstation, year, next) VALUES (?, ?, ?) ON CONFLICT (workstation, year) DO UPDATE SET next = excluded.next'),
    item: db.prepare(
      `INSERT INTO evidence_items (id, kind, report_id, case_id, source_ref, label, sha256, sha1, md5, size, media_type, declared_type,
         acquired_at, clock, acquired_by, workstation_id, tool, tool_version, method, registered_at, demo)
       VALUES (@id, @kind, @reportId, @caseId, @sourceRef, @label, @sha256, @sha1, @md5, @size, @mediaType, @declaredType,
         @acquiredAt, @clock, @acquiredBy, @workstationId, @tool, @toolVersion, @method, @registeredAt, @demo)`,
    ),
    blob: db.prepare('INSERT INTO evidence_blobs (item_id, content) VALUES (?, ?)'),
    custody: db.prepare('INSERT INTO evidence_custody (item_id, at, analyst_id, action, detail) VALUES (?, ?, ?, ?, ?)'),
  };
}

/** Statements prepared once per connection (registering a big case's evidence writes thousands of items). */
const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepared(db: Db): ReturnType<typeof prepare> {
  let found = statements.get(db);
  if (!found) {
    found = prepare(db);
    statements.set(db, found);
  }
  return found;
}

/** Next evidence id for this workstation and year (inside the caller's transaction): `EV-2026-WSRABAT03-000017`. */
export function nextEvidenceId(db: Db, workstationId: string | null | undefined, now: Date): string {
  const s = prepared(db);
  const code = workstationCode(workstationId);
  const year = Number(now.toISOString().slice(0, 4));
  let next = (s.counter.get(code, year) as number | undefined) ?? 1;
  const format = (n: number) => `EV-${year}-${code}-${String(n).padStart(6, '0')}`;
  // An id restored from elsewhere may already hold the number: skip it.
  while (s.taken.get(format(next)) !== undefined) next += 1;
  s.count.run(code, year, next + 1);
  return format(next);
}

export type CustodyDetail = Record<string, string | number | boolean | null>;

export function appendCustody(db: Db, itemId: string, action: CustodyAction, analystId: string | null, detail: CustodyDetail = {}, at = new Date()): void {
  prepared(db).custody.run(itemId, at.toISOString(), analystId, action, JSON.stringify(detail));
}

export interface NewEvidence {
  kind: EvidenceKind;
  bytes: Buffer;
  reportId?: string | null;
  caseId?: number | null;
  /** Where the bytes live when not in the evidence store (then they are not copied). */
  sourceRef?: string | null;
  label?: string | null;
  declaredType?: string | null;
  /** When it was acquired (UTC); now when not given. */
  acquiredAt?: string;
  /** The analyst; null for this workstation's sync. */
  acquiredBy: string | null;
  /** How: for a capture the exact request, the proxy and the resolver; always the clock. */
  method: Record<string, unknown>;
  demo?: boolean;
  /** Said in the `acquired` custody entry. */
  custodyDetail?: CustodyDetail;
  /** This workstation's id, when the caller has read it already (many items at once); read from the settings otherwise. */
  workstationId?: string | null;
}

/**
 * Records one item (its bytes in `evidence_blobs` unless `sourceRef` names where
 * they live) and its `acquired` custody entry; returns its id. In one transaction.
 */
export function storeEvidence(db: Db, item: NewEvidence, now = new Date()): string {
  return db.transaction(() => {
    const workstationId = item.workstationId !== undefined ? item.workstationId : (readIntakeConfig(db)?.workstationId ?? null);
    const id = nextEvidenceId(db, workstationId, now);
    const d = digests(item.bytes);
    const acquiredAt = item.acquiredAt ?? now.toISOString();
    prepared(db).item.run({
      id,
      kind: item.kind,
      reportId: item.reportId ?? null,
      caseId: item.caseId ?? null,
      sourceRef: item.sourceRef ?? null,
      label: item.label ?? null,
      ...d,
      mediaType: sniffMediaType(item.bytes),
      declaredType: item.declaredType ?? null,
      acquiredAt,
      clock: WORKSTATION_CLOCK,
      acquiredBy: item.acquiredBy,
      workstationId,
      tool: TOOL,
      toolVersion: packageVersion(),
      method: JSON.stringify({ ...item.method, clock: CLOCK_DESCRIPTION }),
      registeredAt: now.toISOString(),
      demo: item.demo ? 1 : 0,
    });
    if (item.sourceRef === undefined || item.sourceRef === null) prepared(db).blob.run(id, item.bytes);
    appendCustody(db, id, 'acquired', item.acquiredBy, item.custodyDetail ?? {}, new Date(acquiredAt));
    return id;
  })();
}
