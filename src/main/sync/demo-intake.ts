/**
 * Demo mode: the reference intake service, started in-process with generated
 * reports, for a workstation that has no intake service yet. Everything it
 * produces is marked as demo data (reports.demo, the intake settings, the UI).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordAudit } from '../audit/audit.ts';
import type { Db } from '../store/database.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { updateIntake } from './intake-settings.ts';

export interface RunningDemo {
  url: string;
  token: string;
  publicKeyPem: string;
  reports: number;
}

export const DEMO_REPORTS = 5000;
export const DEMO_ATTACHMENTS = 150;
const DEMO_SEED = 2026;

export class DemoIntake {
  private running: { demo: RunningDemo; close: () => Promise<void>; dir: string } | null = null;

  async start(): Promise<RunningDemo> {
    if (this.running) return this.running.demo;
    // Loaded on demand: the reference service is not needed unless demo mode is asked for.
    const { startIntakeServer } = await import('../../intake/server.ts');
    const dir = mkdtempSync(join(tmpdir(), 'iblagh-demo-intake-'));
    const server = await startIntakeServer({ dbFile: join(dir, 'intake.db'), seed: DEMO_SEED, count: DEMO_REPORTS, attachments: DEMO_ATTACHMENTS });
    const demo = { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, reports: DEMO_REPORTS };
    this.running = { demo, close: () => server.close(), dir };
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
    rmSync(running.dir, { recursive: true, force: true });
  }
}

/**
 * Starts the demo service (if it is not running in this process) and points
 * the workstation at it. The feed is generated from a fixed seed, so after a
 * restart the same changes come back under the same seqs: only the service's
 * address, token and signing key are new.
 */
export async function connectDemo(db: Db, analystId: string, demo: DemoIntake): Promise<void> {
  const current = readIntakeConfig(db);
  const running = await demo.start();
  updateIntake(
    db,
    { url: running.url, token: running.token, publicKeyPem: running.publicKeyPem, workstationId: current?.workstationId ?? 'ws-demo', syncIntervalMinutes: current?.syncIntervalMinutes ?? 1 },
    analystId,
    { demo: true },
  );
  recordAudit(db, analystId, 'intake.demo_started', { reports: running.reports });
}
