/**
 * Known-hash lists against a real reference intake service with attachments:
 * CSV and JSON, matches with attachments synced before the import and after
 * it, PDQ within the threshold, malformed lists refused whole with line
 * numbers, supervisors only, recorded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Core } from '../../src/main/core.ts';
import { parseCsvList, parseJsonList } from '../../src/main/diagnostics/images/hash-lists.ts';
import { fixture } from '../sync/fixture.ts';
import { ANALYST, failure, value, createProfile } from '../helpers/store.ts';

async function switchTo(core: Core, who: { name: string; passphrase: string }): Promise<void> {
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: who.name, passphrase: who.passphrase });
}

/** Flips `n` bits of a PDQ hash (hex). */
function flipBits(hex: string, n: number): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let k = 0; k < n; k++) bytes[k * 3]! ^= 1;
  return bytes.toString('hex');
}

test('CSV and JSON parsing: header or not, types, hex lengths, line numbers', () => {
  const csv = parseCsvList('# NCMEC-like sample\ntype,hash,note\nmd5,D41D8CD98F00B204E9800998ECF8427E,x\n\nsha1,da39a3ee5e6b4b0d3255bfef95601890afd80709\nsha256,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\npdq,' + 'f'.repeat(64) + '\n');
  assert.deepEqual(csv.problems, []);
  assert.deepEqual(
    csv.entries.map((e) => [e.kind, e.line]),
    [
      ['md5', 3],
      ['sha1', 5],
      ['sha256', 6],
      ['pdq', 7],
    ],
  );
  assert.equal(csv.entries[0]!.value, 'd41d8cd98f00b204e9800998ecf8427e');
  const headerless = parseCsvList('d41d8cd98f00b204e9800998ecf8427e\nda39a3ee5e6b4b0d3255bfef95601890afd80709\n');
  assert.deepEqual(headerless.entries.map((e) => e.kind), ['md5', 'sha1']);
  const bad = parseCsvList('type,hash\nmd5,abc\nsha256,' + 'a'.repeat(63) + '\nwhirlpool,' + 'a'.repeat(32) + '\nmd5,zz' + 'a'.repeat(30) + '\n,' + 'a'.repeat(64) + '\n');
  assert.deepEqual(bad.problems.map((p) => p.line), [2, 3, 4, 5, 6]);
  const json = parseJsonList(JSON.stringify({ source: 'Interpol ICSE extract', entries: [{ type: 'sha256', hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, 'd41d8cd98f00b204e9800998ecf8427e', { type: 'pdq', hash: 'x' }] }));
  assert.equal(json.source, 'Interpol ICSE extract');
  assert.deepEqual(json.problems.map((p) => p.line), [3]);
  assert.equal(parseJsonList('{not json').problems[0]!.line, 0);
});

test('a list matches attachments synced before and after its import; PDQ within the threshold; nothing half-imported; supervisors only', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 10 });
  await f.sync();
  await value(f.core, 'images.analysePending');
  const { db } = f.core.unlockedStore();
  const analysed = db.prepare('SELECT attachment_id, report_id, md5, sha1, sha256, hex(pdq) AS pdq FROM attachment_analysis WHERE pdq IS NOT NULL ORDER BY report_id').all() as {
    attachment_id: string;
    report_id: string;
    md5: string;
    sha1: string;
    sha256: string;
    pdq: string;
  }[];
  const reports = [...new Set(analysed.map((a) => a.report_id))];
  assert.ok(reports.length >= 3, 'three reports with decoded images');
  const [a, b, c] = reports.map((r) => analysed.find((x) => x.report_id === r)!);

  // Malformed: nothing imported, lines named.
  const malformed = await failure(f.core, 'hashlists.import', { format: 'csv', label: 'Liste test', text: `type,hash\nmd5,${a!.md5}\nsha1,123\nsha256,${'g'.repeat(64)}\n` });
  assert.equal(malformed.code, 'INVALID_INPUT');
  assert.match(malformed.message, /line 3: sha1 takes 40 hex digits, not 3/);
  assert.match(malformed.message, /line 4: not a hexadecimal hash/);
  assert.equal(db.prepare('SELECT count(*) FROM hash_lists').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM hash_list_entries').pluck().get(), 0);

  // A report that arrives later: its attachment's SHA-256 is on the service before the workstation has it.
  const later = f.server.appendReport({ attachments: 1 });
  const laterPayload = JSON.parse(later.payload) as { id: string; attachments: { id: string; sha256: string }[] };
  const laterSha = laterPayload.attachments[0]!.sha256;

  const csv = [
    'type,hash',
    `md5,${a!.md5.toUpperCase()}`,
    `pdq,${flipBits(b!.pdq.toLowerCase(), 5)}`,
    `sha256,${laterSha}`,
    `sha256,${'0'.repeat(64)}`,
  ].join('\n');
  const imported = await value(f.core, 'hashlists.import', { format: 'csv', label: 'Contenus connus (test)', source: 'BNPJ', text: csv });
  assert.equal(imported.imported, 4);
  assert.equal(imported.matches, 2);
  const viewA = await value(f.core, 'images.report', { reportId: a!.report_id });
  assert.deepEqual(
    viewA.hashMatches.map((m) => [m.label, m.source, m.kind, m.attachmentId, m.distance]),
    [['Contenus connus (test)', 'BNPJ', 'md5', a!.attachment_id, null]],
  );
  const viewB = await value(f.core, 'images.report', { reportId: b!.report_id });
  assert.deepEqual(viewB.hashMatches.map((m) => [m.kind, m.distance]), [['pdq', 5]]);

  // JSON, with the source inside.
  const json = JSON.stringify({ source: 'Liste partenaire', entries: [{ type: 'sha1', hash: c!.sha1 }] });
  const second = await value(f.core, 'hashlists.import', { format: 'json', label: 'Partenaire', text: json });
  assert.deepEqual([second.imported, second.matches, second.source], [1, 1, 'Liste partenaire']);

  // Synced after the import: matched when analysed (the pass after the sync run).
  await f.sync();
  await value(f.core, 'images.analysePending');
  const viewLater = await value(f.core, 'images.report', { reportId: laterPayload.id });
  assert.deepEqual(viewLater.hashMatches.map((m) => [m.kind, m.value]), [['sha256', laterSha]]);

  // The queue: a filter with its live count, and a priority reason.
  const flagged = await value(f.core, 'queue.query', { filters: { hashMatch: true }, limit: 50 });
  assert.deepEqual(flagged.rows.map((r) => r.id).sort(), [a!.report_id, b!.report_id, c!.report_id, laterPayload.id].sort());
  assert.equal(flagged.facets?.['hashMatch']?.find((x) => x.value === 'true')?.count, 4);
  const reportView = await value(f.core, 'reports.get', { reportId: b!.report_id });
  assert.ok(reportView.priority.reasons.some((r) => r.code === 'hash_list_match' && r.points === 50), JSON.stringify(reportView.priority.reasons));

  const lists = await value(f.core, 'hashlists.list');
  assert.deepEqual(lists.map((l) => [l.label, l.entries, l.matchedReports]), [
    ['Contenus connus (test)', 4, 3],
    ['Partenaire', 1, 1],
  ]);
  assert.equal(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'hashlist.imported'").pluck().get(), 2);

  // The case shows how many of its reports are on a list.
  const unflagged = (db.prepare('SELECT id FROM reports WHERE id NOT IN (SELECT report_id FROM hash_list_matches) LIMIT 1').pluck().get() as string);
  const created = await value(f.core, 'cases.create', { title: 'Escroqueries aux images connues', reportIds: [a!.report_id, unflagged] });
  assert.equal((await value(f.core, 'cases.get', { ref: created.ref })).hashMatchReports, 1);

  // Analysts may not import.
  await createProfile(f.core, { ...ANALYST });
  await switchTo(f.core, ANALYST);
  assert.equal((await failure(f.core, 'hashlists.import', { format: 'csv', label: 'x', text: `md5,${a!.md5}` })).code, 'FORBIDDEN');
});
