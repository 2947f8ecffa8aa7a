/**
 * For the browser tests of URL diagnostics: a report whose current revision
 * names given URLs, appended to the reference intake service, and a
 * workstation set up and synced with it to the service's head.
 */
import assert from 'node:assert/strict';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import type { IntakeServer } from '../../src/intake/server.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import type { Workstation } from './harness.ts';

/** A new revision of a fresh fraud report naming `urls`; returns the report's id. */
export function appendUrlReport(server: IntakeServer, urls: string[]): string {
  const donor = JSON.parse(server.appendReport({ category: 'fraud' }).payload) as ReportPayload;
  const revision = {
    ...donor,
    revision: donor.revision + 1,
    updated_at: utcSeconds(Date.parse(donor.updated_at) + 60_000),
    content: { ...donor.content, urls, platform: 'website', description: 'Page de phishing signalée.' },
  };
  server.appendRaw('report', JSON.stringify(revision));
  return donor.id;
}

/** The supervisor profile, the intake connection, and a sync run to the service's head. */
export async function setUpAndSync(ws: Workstation, server: IntakeServer): Promise<void> {
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  for (const deadline = Date.now() + 60_000; ; ) {
    await ws.core.syncIdle();
    const status = await value(ws.core, 'sync.status');
    if (!status.running && status.cursor === server.headSeq()) break;
    assert.ok(Date.now() < deadline, 'sync did not finish');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
