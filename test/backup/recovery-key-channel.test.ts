/** The recovery key from the window: supervisors only, shown once, recorded, and it opens the backups made after. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { createBackup, storeDatabaseKey, verifyBackup } from '../../src/main/backup/backup.ts';
import { parseRecoveryKey } from '../../src/main/backup/recovery-key.ts';
import { listAudit } from '../../src/main/audit/audit.ts';
import { ANALYST, failure, setUpStore, SUPERVISOR, tempDir, testCore, value } from '../helpers/store.ts';

test('backup.generateRecoveryKey: supervisors only, answered once, recorded, replaced on demand, and it opens a backup', async (t) => {
  const storeDir = tempDir(t);
  const core = testCore(t, storeDir);
  await setUpStore(core);
  assert.deepEqual(await value(core, 'backup.recoveryKey'), { current: null });

  const first = await value(core, 'backup.generateRecoveryKey');
  assert.match(first.recoveryKey, /^([A-Z2-7]{4}-){13}[A-Z2-7]{4}$/);
  assert.equal(first.replaced, false);
  const state = await value(core, 'backup.recoveryKey');
  assert.equal(state.current?.fingerprint, first.fingerprint);
  assert.equal(JSON.stringify(state).includes(first.recoveryKey), false, 'the key itself is never answered again');
  const { db, analyst } = core.unlockedStore();
  const recorded = listAudit(db, { limit: 5 }).events.find((e) => e.action === 'backup.recovery_key_created');
  assert.equal(recorded?.detail['fingerprint'], first.fingerprint);
  assert.equal(JSON.stringify(listAudit(db, { limit: 50 })).includes(first.recoveryKey), false);

  const second = await value(core, 'backup.generateRecoveryKey');
  assert.equal(second.replaced, true);
  assert.notEqual(second.fingerprint, first.fingerprint);

  const key = await storeDatabaseKey(storeDir, undefined, SUPERVISOR.passphrase);
  t.after(() => key.fill(0));
  const file = join(tempDir(t), 'b.iblagh-backup');
  await createBackup({ db, databaseKey: key, storeDir, analystId: analyst.id, out: file, now: new Date() });
  assert.equal((await verifyBackup(file, { recoveryKey: parseRecoveryKey(second.recoveryKey) })).ok, true);
  await assert.rejects(verifyBackup(file, { recoveryKey: parseRecoveryKey(first.recoveryKey) }), /not the one this backup was made for/);

  await value(core, 'profiles.create', { ...ANALYST });
  await value(core, 'session.lock');
  assert.equal((await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase })).phase, 'passphrase-change');
  assert.equal((await failure(core, 'backup.generateRecoveryKey')).code, 'LOCKED');
  await value(core, 'session.changeInitialPassphrase', { next: 'figue ardoise tempête 31 minaret' });
  assert.equal((await failure(core, 'backup.generateRecoveryKey')).code, 'FORBIDDEN');
  assert.equal((await failure(core, 'backup.recoveryKey')).code, 'FORBIDDEN');
});
