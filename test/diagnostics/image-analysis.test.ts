/**
 * Attachments analysed after the sync (a real reference intake service with
 * real images), stored in attachment_analysis, shown per report with near
 * duplicates across reports; the greyscale preview's pixels, never for a
 * category never shown; the threshold in settings (supervisor); the linear
 * scan over 100,000 stored PDQ hashes, measured.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import jpeg from 'jpeg-js';
import { similarImages } from '../../src/main/diagnostics/images/analysis.ts';
import { fixture } from '../sync/fixture.ts';
import { failure, value } from '../helpers/store.ts';
import { testJpeg, testPixels } from './test-images.ts';

test('attachments are analysed after the sync; near duplicates across reports; previews are pixels; the threshold is a setting', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 10 });
  f.server.appendReport({ attachments: 1, category: 'child_sexual_exploitation' });
  await f.sync();
  const pass = await value(f.core, 'images.analysePending');
  assert.equal(pass.pending, 0);
  const { db } = f.core.unlockedStore();
  const analysed = db.prepare('SELECT count(*) FROM attachment_analysis').pluck().get() as number;
  const verified = db.prepare("SELECT count(*) FROM attachments WHERE state = 'verified'").pluck().get() as number;
  assert.ok(verified > 0);
  assert.equal(analysed, verified);
  const decoded = db.prepare('SELECT count(*) FROM attachment_analysis WHERE decoded = 1 AND pdq IS NOT NULL AND md5 IS NOT NULL').pluck().get() as number;
  assert.ok(decoded > 0, 'the intake images are decoded');

  // Three reports that may be viewed: the same photo, the photo recompressed, and another one.
  const rows = db
    .prepare(
      `SELECT a.id, a.report_id FROM attachments a JOIN reports r ON r.id = a.report_id
        WHERE a.state = 'verified' AND r.category <> 'child_sexual_exploitation' GROUP BY a.report_id ORDER BY a.report_id LIMIT 3`,
    )
    .all() as { id: string; report_id: string }[];
  assert.equal(rows.length, 3);
  const original = testJpeg(400, 300, 1);
  const recompressed = Buffer.from(jpeg.encode({ width: 400, height: 300, data: testPixels(400, 300, 1) }, 45).data);
  const another = Buffer.from(jpeg.encode({ width: 300, height: 400, data: Buffer.from(testPixels(300, 400, 5).map((v, k) => (k % 4 === 3 ? 255 : 255 - v))) }, 90).data);
  const contents = [original, recompressed, another];
  rows.forEach((row, k) => {
    db.prepare("UPDATE attachments SET content = ?, media_type = 'image/png' WHERE id = ?").run(contents[k], row.id);
    db.prepare('DELETE FROM attachment_analysis WHERE attachment_id = ?').run(row.id);
  });
  // The report view asks for its own attachments first.
  const view = await value(f.core, 'images.report', { reportId: rows[0]!.report_id });
  const mine = view.attachments.find((a) => a.attachmentId === rows[0]!.id)!;
  assert.equal(mine.analysed, true);
  assert.equal(mine.sniffedType, 'image/jpeg');
  assert.equal(mine.declaredType, 'image/png');
  assert.equal(mine.typeMismatch, true);
  assert.deepEqual([mine.width, mine.height], [400, 300]);
  assert.equal(view.threshold, 31);
  await value(f.core, 'images.analysePending');
  const again = await value(f.core, 'images.report', { reportId: rows[0]!.report_id });
  const similar = again.attachments.find((a) => a.attachmentId === rows[0]!.id)!.similar;
  assert.ok(similar.some((s) => s.reportId === rows[1]!.report_id && s.attachmentId === rows[1]!.id && s.distance <= 31), JSON.stringify(similar));
  assert.ok(!similar.some((s) => s.reportId === rows[2]!.report_id), JSON.stringify(similar));

  // A time-out or a crash may be the machine's: retried once, then kept.
  db.prepare("UPDATE attachment_analysis SET error_code = 'TIMEOUT', error = 'no answer within 15000 ms' WHERE attachment_id = ?").run(rows[2]!.id);
  assert.equal((await value(f.core, 'images.analysePending')).analysed, 1);
  assert.equal(db.prepare('SELECT error_code FROM attachment_analysis WHERE attachment_id = ?').pluck().get(rows[2]!.id), null);
  db.prepare("UPDATE attachment_analysis SET error_code = 'CRASHED', error = 'retried: the decoder process ended' WHERE attachment_id = ?").run(rows[2]!.id);
  assert.equal((await value(f.core, 'images.analysePending')).analysed, 0);

  // Pixels only: greyscale, at most 256 a side.
  const preview = await value(f.core, 'images.preview', { reportId: rows[0]!.report_id, attachmentId: rows[0]!.id });
  assert.deepEqual([preview.width, preview.height], [256, 192]);
  assert.equal(Buffer.from(preview.grey, 'base64').length, 256 * 192);
  const audit = db.prepare("SELECT count(*) FROM audit_events WHERE action = 'report.attachment_viewed'").pluck().get() as number;
  assert.equal(audit, 1);

  // A category never shown: analysed (hashes, metadata), no preview stored, none given.
  const cse = db.prepare("SELECT a.id, a.report_id FROM attachments a JOIN reports r ON r.id = a.report_id WHERE r.category = 'child_sexual_exploitation' AND a.state = 'verified' LIMIT 1").get() as
    | { id: string; report_id: string }
    | undefined;
  assert.ok(cse);
  assert.equal(db.prepare('SELECT preview IS NULL AND md5 IS NOT NULL FROM attachment_analysis WHERE attachment_id = ?').pluck().get(cse.id), 1);
  assert.equal((await failure(f.core, 'images.preview', { reportId: cse.report_id, attachmentId: cse.id })).code, 'FORBIDDEN');

  // The threshold: a supervisor's setting, recorded.
  assert.deepEqual(await value(f.core, 'images.settings'), { pdqMaxDistance: 31 });
  assert.deepEqual(await value(f.core, 'images.updateSettings', { pdqMaxDistance: 0 }), { pdqMaxDistance: 0 });
  const strict = await value(f.core, 'images.report', { reportId: rows[0]!.report_id });
  assert.ok(!strict.attachments.find((a) => a.attachmentId === rows[0]!.id)!.similar.some((s) => s.reportId === rows[1]!.report_id && s.distance > 0));
  assert.equal((await failure(f.core, 'images.updateSettings', { pdqMaxDistance: 300 })).code, 'INVALID_INPUT');
  assert.equal(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'images.settings_updated'").pluck().get(), 1);

  // The linear scan over 100,000 stored hashes.
  const insert = db.prepare(
    "INSERT INTO attachment_analysis (attachment_id, report_id, declared_type, type_mismatch, decoded, pdq, pdq_quality, md5, sha1, sha256, analysed_at) VALUES (?, ?, 'image/jpeg', 0, 1, ?, 100, ?, ?, ?, '2026-01-01T00:00:00Z')",
  );
  db.transaction(() => {
    for (let k = 0; k < 100_000; k++) insert.run(`bench-${k}`, `R-bench-${k}`, randomBytes(32), '0'.repeat(32), '0'.repeat(40), '0'.repeat(64));
  })();
  const started = performance.now();
  const found = similarImages(db, rows[0]!.id, 31);
  const ms = performance.now() - started;
  t.diagnostic(`similar-image scan over ${100_000 + analysed} stored PDQ hashes: ${ms.toFixed(0)} ms`);
  assert.ok(found.some((s) => s.attachmentId === rows[1]!.id));
  assert.ok(ms < 3_000, `${ms} ms`);
});
