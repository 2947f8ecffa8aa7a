import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syncErrorKind } from '../../src/main/sync/error-kind.ts';
import { IntakeAuthError, IntakeProtocolError, IntakeRefusedError, IntakeUnreachableError, ProtocolViolation, TransientError } from '../../src/main/sync/intake-client.ts';
import { IntakeKeyError } from '../../src/main/crypto/intake-key.ts';

test('a sync failure is classified by its class, where the error object lives', () => {
  assert.equal(syncErrorKind(new IntakeAuthError(401)), 'auth');
  assert.equal(syncErrorKind(new IntakeAuthError(403)), 'auth');
  assert.equal(syncErrorKind(new IntakeUnreachableError(new TransientError('reset'), 8)), 'unreachable');
  assert.equal(syncErrorKind(new IntakeRefusedError(422, 'bad')), 'refused');
  assert.equal(syncErrorKind(new IntakeProtocolError(new ProtocolViolation('next_after is 9, not 4'), 8)), 'protocol');
  assert.equal(syncErrorKind(new IntakeKeyError('not a key')), 'config');
  assert.equal(syncErrorKind(new Error('disk I/O error')), 'other');
  assert.equal(syncErrorKind('a string thrown'), 'other');
});

test('an error that merely names itself like an intake error is not one', () => {
  // What a thread boundary delivers: the class is gone (only a plain Error with the message is left).
  const cloned = structuredClone(new IntakeAuthError(401));
  assert.ok(!(cloned instanceof IntakeAuthError));
  assert.equal((cloned as Error).message, new IntakeAuthError(401).message);
  assert.equal(syncErrorKind(cloned), 'other');
  const impostor = Object.assign(new Error('x'), { name: 'IntakeUnreachableError' });
  assert.equal(syncErrorKind(impostor), 'other');
});
