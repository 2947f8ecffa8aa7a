import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyPage, judgeChange, prepareApply, readCursor } from '../../src/main/sync/apply.ts';
import { migrationSteps } from '../../src/main/core.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import { migrate } from '../../src/main/store/migrations/index.ts';
import { tempDir } from '../helpers/store.ts';
import { ed25519Verifier } from '../../src/main/crypto/ed25519.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const verify = ed25519Verifier(publicKey);
const status = JSON.stringify({ kind: 'status', report_id: 'IBL-2026-0000017', status: 'in_analysis', at: '2026-06-12T10:02:00Z', workstation_id: 'ws-casa-02' });
const signed = (payload: string) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64');

test('a well-formed, signed, valid change is accepted', () => {
  const verdict = judgeChange({ seq: 44, kind: 'status', payload: status, sig: signed(status) }, verify);
  assert.equal(verdict.ok, true);
});

test('malformed envelopes are refused with the field at fault', () => {
  const cases: [unknown, number | null, RegExp][] = [
    [null, null, /seq is missing/],
    [[1, 2], null, /seq is missing/],
    [{ kind: 'status', payload: status, sig: 'x' }, null, /seq is missing/],
    [{ seq: 0, kind: 'status', payload: status, sig: 'x' }, 0, /seq/],
    [{ seq: 4.5, kind: 'status', payload: status, sig: 'x' }, null, /seq/],
    [{ seq: 7, kind: 3, payload: status, sig: 'x' }, 7, /kind is missing or of the wrong type/],
    [{ seq: 7, kind: 'status', payload: { kind: 'status' }, sig: 'x' }, 7, /payload is missing/],
    [{ seq: 7, kind: 'status', payload: status }, 7, /sig is missing/],
  ];
  for (const [raw, seq, reason] of cases) {
    const verdict = judgeChange(raw, verify);
    assert.equal(verdict.ok, false, JSON.stringify(raw));
    if (!verdict.ok) {
      assert.equal(verdict.code, 'malformed');
      assert.equal(verdict.seq, seq);
      assert.match(verdict.reason, reason);
    }
  }
});

test('a verdict from the verifier thread is trusted only when it accepts', () => {
  const forged = { seq: 45, kind: 'status', payload: status, sig: signed(status.replace('in_analysis', 'referred')) };
  const refused = judgeChange(forged, verify, false);
  assert.equal(refused.ok, false);
  // No verdict: checked here.
  assert.equal(judgeChange(forged, verify).ok, false);
  const notBase64 = judgeChange({ seq: 46, kind: 'status', payload: status, sig: `${signed(status)}!` }, verify, false);
  assert.equal(!notBase64.ok && notBase64.reason, 'signature is not standard base64');
});

test('applying a page moves the cursor to the seqs it holds, never to a next_after beyond them', (t) => {
  const db = openDatabase(join(tempDir(t), 'store.db'), randomBytes(32), { create: true });
  t.after(() => db.close());
  migrate(db, migrationSteps);
  const s = prepareApply(db);
  const outcome = applyPage(db, s, { changes: [{ seq: 5, kind: 'status', payload: status, sig: signed(status) }], next_after: 1_000_000_005, head_seq: 9 }, verify, { demo: false });
  assert.equal(outcome.cursor, 5);
  assert.equal(readCursor(db), 5);
  // An empty page moves nothing, whatever it says.
  assert.equal(applyPage(db, s, { changes: [], next_after: 1_000_000_000, head_seq: 9 }, verify, { demo: false }).cursor, 5);
  assert.equal(readCursor(db), 5);
});
