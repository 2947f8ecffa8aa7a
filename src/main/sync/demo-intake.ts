/**
 * Demo mode: the reference intake service, started in-process with generated
 * reports, for a workstation that has no intake service yet. Everything it
 * produces is marked as demo data (reports.demo, the intake settings, the UI).
 */
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../store/database.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { updateIntake } from './intake-settings.ts';

export interface RunningDemo {
  url: string;
  token: string;
  publicKeyPem: string;
  reports: number;
  /** The instant the demo's feed is dated relative to (its newest changes are from just before it). */
  relativeTo: string;
}

export const DEMO_REPORTS = 5000;
export const DEMO_ATTACHMENTS = 150;
const DEMO_SEED = 2026;
/** Settings row keeping the instant the demo's feed is dated relative to, so that a restart serves the same changes. */
const DEMO_FEED_KEY = 'demo_feed';
const DemoFeed = z.object({ relativeTo: z.iso.datetime() });

/**
 * The instant the demo's feed is dated relative to: the one kept when the workstation is
 * resuming its demo (same seed, same instant: the same changes under the same seqs as the reports
 * it already holds), else now, kept for the next restart.
 */
function demoFeedAnchor(db: Db, resuming: boolean, analystId: string, at: Date): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(DEMO_FEED_KEY) as { value: string } | undefined;
  if (resuming && row) {
    const kept = DemoFeed.safeParse(JSON.parse(row.value));
    if (kept.success) return kept.data.relativeTo;
  }
  const relativeTo = at.toISOString();
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(DEMO_FEED_KEY, JSON.stringify({ relativeTo }), relativeTo, analystId);
  return relativeTo;
}

/** The prefix of the temporary folders where versions before issue #13 kept the demo service's database. */
const LEGACY_PREFIX = 'iblagh-demo-intake-';
/** What those folders held: the demo service's SQLite file and its WAL companions, nothing else. */
const LEGACY_FILES: ReadonlySet<string> = new Set(['intake.db', 'intake.db-wal', 'intake.db-shm', 'intake.db-journal']);

/**
 * Removes what a demo session of an earlier version left in the temporary
 * folder when it died before its stop (killed, crashed, power cut): a folder
 * `iblagh-demo-intake-*` holding the demo service's plaintext database. Only
 * folders that are certainly ours go: the exact prefix, a real folder (not a
 * link), owned by this user, holding nothing but the demo database's files.
 * Returns the folders removed.
 */
export function removeDemoLeftovers(dir = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  for (const name of names) {
    if (!name.startsWith(LEGACY_PREFIX) || !/^[A-Za-z0-9]{6}$/.test(name.slice(LEGACY_PREFIX.length))) continue;
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory() || (uid !== null && stat.uid !== uid)) continue;
      const entries = readdirSync(path, { withFileTypes: true });
      if (!entries.every((entry) => entry.isFile() && LEGACY_FILES.has(entry.name))) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone meanwhile, or not readable by us: not ours to clean.
    }
  }
  return removed;
}

export class DemoIntake {
  private running: { demo: RunningDemo; close: () => Promise<void> } | null = null;

  constructor() {
    // At every start of the workstation: what a dead demo session of an earlier version left.
    removeDemoLeftovers();
  }

  /** Starts the demo service with a feed dated relative to `relativeTo` (a running one dated otherwise is replaced). */
  async start(relativeTo: string): Promise<RunningDemo> {
    if (this.running?.demo.relativeTo === relativeTo) return this.running.demo;
    await this.stop();
    // Loaded on demand: the reference service is not needed unless demo mode is asked for.
    const { startIntakeServer } = await import('../../intake/server.ts');
    // In memory: the demo service's reports (reporters' identities included, generated but
    // plaintext) never touch the disk, so a demo session that dies leaves nothing behind. It costs
    // no more memory than a file did (about 170 MB of RSS either way while it generates).
    const server = await startIntakeServer({ dbFile: ':memory:', seed: DEMO_SEED, count: DEMO_REPORTS, attachments: DEMO_ATTACHMENTS, endAt: relativeTo });
    const demo = { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, reports: DEMO_REPORTS, relativeTo };
    this.running = { demo, close: () => server.close() };
    return demo;
  }

  isRunning(): boolean {
    return this.running !== null;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (!running) return;
    await running.close();
  }
}

/**
 * Starts the demo service (if it is not running in this process) and points
 * the workstation at it. The feed is dated relative to the moment the demo was
 * started (most reports in the last weeks, as on a live service) from a fixed
 * seed; that moment is kept, so after a restart the same changes come back
 * under the same seqs: only the service's address, token and signing key are new.
 */
export async function connectDemo(db: Db, analystId: string, demo: DemoIntake, at = new Date()): Promise<void> {
  const current = readIntakeConfig(db);
  const running = await demo.start(demoFeedAnchor(db, current?.demo === true, analystId, at));
  updateIntake(
    db,
    { url: running.url, token: running.token, publicKeyPem: running.publicKeyPem, workstationId: current?.workstationId ?? 'ws-demo', syncIntervalMinutes: current?.syncIntervalMinutes ?? 1 },
    analystId,
    { demo: true },
  );
  recordAudit(db, analystId, 'intake.demo_started', { reports: running.reports });
}
