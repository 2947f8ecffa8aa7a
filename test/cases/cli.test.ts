/** `iblagh-ws cases …`, `notes add`, `observables list` on a store synced from the reference service. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { cliAsync, initSyncedStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

const cli = cliAsync;

const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

test('iblagh-ws cases create|add|remove|status|list|show, notes add, observables list', async (t) => {
  const server = await startIntakeServer({ seed: 11, count: 120, attachments: 0 });
  t.after(() => server.close());
  const dir = tempDir(t);
  const store = await initSyncedStore(dir, server);
  const reports = lines((await cli(['reports', 'list', '--store', store, '--json', '--limit', '4'])).stdout).map((r) => r['id'] as string);

  const created = await cli(['cases', 'create', '--store', store, '--title', 'Réseau de fraude', '--reports', reports.slice(0, 2).join(','), '--qualification', 'FRAUD', '--json']);
  assert.equal(created.status, 0, created.stderr);
  const c = lines(created.stdout)[0]!;
  assert.match(c['ref'] as string, /^DOS-\d{4}-WSRABAT03-00001$/);
  assert.equal(c['status'], 'open');
  assert.deepEqual([...(c['reports'] as string[])].sort(), reports.slice(0, 2).sort());
  assert.deepEqual((c['qualifications'] as { code: string }[]).map((q) => q.code), ['FRAUD']);
  const jurisdiction = c['jurisdiction'] as Record<string, unknown>;
  for (const field of ['police_service', 'prosecutor', 'court', 'reason']) assert.ok(field in jurisdiction, field);
  const ref = c['ref'] as string;

  assert.equal((await cli(['cases', 'add', ref, '--reports', reports[2]!, '--store', store])).status, 0);
  const noReason = await cli(['cases', 'remove', ref, '--reports', reports[0]!, '--store', store]);
  assert.equal(noReason.status, 2);
  assert.match(noReason.stderr, /--reason/);
  assert.equal((await cli(['cases', 'remove', ref, '--reports', reports[0]!, '--reason', 'Hors sujet après analyse', '--store', store])).status, 0);
  const unknown = await cli(['cases', 'add', ref, '--reports', 'IBL-2026-9999999', '--store', store]);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /NOT_FOUND/);
  assert.equal((await cli(['cases', 'status', ref, '--set', 'in_analysis', '--store', store])).status, 0);
  const badMove = await cli(['cases', 'status', ref, '--set', 'referred', '--store', store]);
  assert.equal(badMove.status, 1);
  assert.match(badMove.stderr, /CONFLICT/);

  writeFileSync(join(dir, 'note.md'), '## Constat\n\nLe site `arnaque.example` reprend les visuels de la banque.\n');
  const note = await cli(['notes', 'add', '--store', store, '--case', ref, '--text-file', join(dir, 'note.md'), '--for-dossier', '--json']);
  assert.equal(note.status, 0, note.stderr);
  assert.equal(lines(note.stdout)[0]!['for_dossier'], true);
  assert.equal((await cli(['notes', 'add', '--store', store, '--text-file', join(dir, 'note.md'), '--json'])).status, 2, 'a note needs --case or --report');

  const shown = await cli(['cases', 'show', ref, '--store', store, '--json']);
  assert.equal(shown.status, 0, shown.stderr);
  const whole = lines(shown.stdout)[0]!;
  assert.equal(whole['status'], 'in_analysis');
  assert.deepEqual([...(whole['reports'] as string[])].sort(), [reports[1], reports[2]].sort());
  const notes = whole['notes'] as { id: number; author: string; created_at: string; text: string; revisions: unknown[] }[];
  assert.equal(notes.length, 1);
  assert.equal(notes[0]!.author, 'Karima Benali');
  assert.match(notes[0]!.text, /Constat/);
  assert.equal(notes[0]!.revisions.length, 1);
  assert.ok(Array.isArray(whole['observables']));
  assert.deepEqual((whole['timeline'] as { kind: string }[]).map((e) => e.kind), ['created', 'report_added', 'qualifications_set', 'report_added', 'report_removed', 'status_changed', 'note_added']);

  const listed = lines((await cli(['cases', 'list', '--store', store, '--json'])).stdout);
  assert.deepEqual(listed.map((l) => l['ref']), [ref]);
  const observables = await cli(['observables', 'list', '--store', store, '--case', ref, '--json']);
  assert.equal(observables.status, 0, observables.stderr);
  const rows = lines(observables.stdout);
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.ok(['url', 'domain', 'ip', 'email', 'phone', 'handle', 'crypto_address', 'bank_account', 'invite_link'].includes(row['type'] as string));
    assert.equal(typeof row['seen_in_reports'], 'number');
    assert.equal(typeof row['seen_in_cases'], 'number');
  }
  const byReport = await cli(['observables', 'list', '--store', store, '--report', reports[1]!, '--json']);
  assert.equal(byReport.status, 0, byReport.stderr);
  assert.equal((await cli(['cases', 'show', 'DOS-2026-WSRABAT03-09999', '--store', store, '--json'])).status, 1);
  assert.equal((await cli(['cases', 'show', '--store', store, '--json'])).status, 2);

  // Another workstation claims one of the case's reports: referring the case asks for --take-over.
  server.appendStatus({ reportId: reports[1]!, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date(Date.now() + 60_000).toISOString() });
  assert.equal((await cli(['sync', '--store', store])).status, 0);
  assert.equal((await cli(['cases', 'status', ref, '--set', 'ready', '--store', store])).status, 0);
  const held = await cli(['cases', 'status', ref, '--set', 'referred', '--store', store]);
  assert.equal(held.status, 1, held.stdout + held.stderr);
  assert.match(held.stderr, /1 of the case's reports are in analysis at another workstation \(ws-casa-02.*--take-over/);
  assert.equal(held.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
  const taken = await cli(['cases', 'status', ref, '--set', 'referred', '--take-over', '--store', store, '--json']);
  assert.equal(taken.status, 0, taken.stderr);
  assert.equal(lines(taken.stdout)[0]!['status'], 'referred');
});
