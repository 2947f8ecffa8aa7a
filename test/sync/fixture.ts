/** A real reference intake service on loopback and a real encrypted workstation store. */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { startIntakeServer, type IntakeServer, type IntakeServerOptions } from '../../src/intake/server.ts';
import { createCore, type Core } from '../../src/main/core.ts';
import type { DossierPdfRenderer } from '../../src/main/dossiers/document/render.ts';
import type { Db } from '../../src/main/store/database.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import type { SyncStatus } from '../../src/shared/schemas.ts';
import { SUPERVISOR, tempDir, value } from '../helpers/store.ts';

/** Short waits, so that fault tests take seconds, not minutes. */
export const FAST_RETRY = { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 5_000 };

export interface Fixture {
  server: IntakeServer;
  core: Core;
  storeDir: string;
  /** Runs "Sync now" to the end and returns the final status. */
  sync(): Promise<SyncStatus>;
}

export async function fixture(t: TestContext, serverOptions: IntakeServerOptions = {}, options: { storeDir?: string; retry?: typeof FAST_RETRY; pageLimit?: number; dossierPdfPrepare?: () => void; dossierPdf?: DossierPdfRenderer; queueReaderOpened?: (db: Db) => void } = {}): Promise<Fixture> {
  // The faults are armed once the settings are saved: saving them tests the connection (health, newest change) first.
  const { faults, ...feed } = serverOptions;
  const server = await startIntakeServer({ seed: 7, count: 300, attachments: 12, ...feed });
  t.after(() => server.close());
  const storeDir = options.storeDir ?? tempDir(t);
  const core = createCore({
    storeDir,
    host: 'cli',
    version: 'test',
    scrypt: TEST_SCRYPT,
    syncEngine: { retry: options.retry ?? FAST_RETRY, pageLimit: options.pageLimit ?? 200 },
    dossierPdfPrepare: options.dossierPdfPrepare,
    dossierPdf: options.dossierPdf,
    queueReaderOpened: options.queueReaderOpened,
  });
  t.after(() => core.close());
  const state = await value(core, 'session.state');
  if (state.phase === 'setup') await value(core, 'session.setup', SUPERVISOR);
  else if (state.phase === 'locked') await value(core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  await value(core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  if (faults) server.faults.apply(faults);
  return {
    server,
    core,
    storeDir,
    async sync() {
      await value(core, 'sync.start');
      await core.syncIdle();
      return value(core, 'sync.status');
    },
  };
}

interface Change {
  seq: number;
  kind: string;
  payload: string;
  sig: string;
}

/** Every change the service holds, read over HTTP without the workstation's client. */
export async function serverFeed(server: IntakeServer): Promise<Change[]> {
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${server.url}/changes?after=${after}&limit=1000`, { headers: { Authorization: `Bearer ${server.token}` } });
    assert.equal(response.status, 200);
    const page = (await response.json()) as { changes: Change[]; next_after: number; head_seq: number };
    changes.push(...page.changes.filter((c) => c.seq > after));
    if (page.changes.length === 0 || page.next_after >= page.head_seq) return changes;
    after = page.next_after;
  }
}

/** What the workstation must end up with: revisions kept, current revision and status per report. */
export function expectedState(feed: Change[], excludeSeqs: ReadonlySet<number> = new Set()) {
  const revisions = new Set<string>();
  const current = new Map<string, number>();
  const status = new Map<string, { seq: number; accepted: number; status: string }>();
  for (const change of feed) {
    if (excludeSeqs.has(change.seq)) continue;
    const payload = JSON.parse(change.payload) as { kind: string; id?: string; revision?: number; report_id?: string; status?: string; accepted_at?: string };
    if (payload.kind === 'report') {
      revisions.add(`${payload.id}#${payload.revision}`);
      current.set(payload.id!, Math.max(current.get(payload.id!) ?? 0, payload.revision!));
    } else {
      // Contract 1.1: the latest accepted_at, then the higher seq; a change without accepted_at (1.0) below every one with it.
      const previous = status.get(payload.report_id!);
      const accepted = payload.accepted_at === undefined ? -Infinity : Date.parse(payload.accepted_at);
      if (!previous || previous.accepted < accepted || (previous.accepted === accepted && previous.seq < change.seq)) status.set(payload.report_id!, { seq: change.seq, accepted, status: payload.status! });
    }
  }
  return { revisions, current, status };
}

/** What the workstation holds. */
export function storedState(core: Core) {
  const { db } = core.unlockedStore();
  const revisions = new Set((db.prepare('SELECT report_id, revision FROM report_revisions').all() as { report_id: string; revision: number }[]).map((r) => `${r.report_id}#${r.revision}`));
  const rows = db.prepare('SELECT id, revision, status FROM reports').all() as { id: string; revision: number; status: string }[];
  return { revisions, current: new Map(rows.map((r) => [r.id, r.revision])), status: new Map(rows.map((r) => [r.id, r.status])) };
}

/** Asserts the workstation holds exactly what the service says (minus quarantined seqs). */
export async function assertConverged(f: Fixture, quarantinedSeqs: ReadonlySet<number> = new Set()): Promise<void> {
  const feed = await serverFeed(f.server);
  const expected = expectedState(feed, quarantinedSeqs);
  const stored = storedState(f.core);
  assert.deepEqual([...stored.revisions].sort(), [...expected.revisions].sort(), 'same revisions kept');
  assert.deepEqual(new Map([...stored.current].sort()), new Map([...expected.current].sort()), 'same current revision');
  for (const [id, s] of expected.status) {
    if (stored.current.has(id)) assert.equal(stored.status.get(id), s.status, `status of ${id}`);
  }
  const { db } = f.core.unlockedStore();
  const cursor = Number((db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get() as { value: string }).value);
  assert.equal(cursor, f.server.headSeq(), 'cursor at the head of the feed');
}

export function quarantinedSeqs(core: Core): number[] {
  return (core.unlockedStore().db.prepare('SELECT seq FROM quarantine WHERE seq IS NOT NULL ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
}
