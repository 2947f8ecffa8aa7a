/**
 * The trusted side of the contract: every call from the renderer (over IPC or
 * the browser test host) comes through here as untrusted data.
 */
import type { z } from 'zod';
import { channels, isChannelName, type Result } from '../../shared/contract.ts';
import { AppError, isDiskFull } from '../errors.ts';
import type { Session } from '../session/session.ts';
import { secureStoreFolder } from '../store/permissions.ts';
import type { Handlers } from './handlers.ts';
import type { Db } from '../store/database.ts';

function describeIssues(error: z.ZodError): string {
  // Paths and messages only: the rejected values may be passphrases.
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * The calls that open the store folder: the first state asked (every host
 * starts there), setup and unlock. Around each, the folder is made the
 * owner's alone again (store/permissions.ts), whatever mode it was found in.
 */
const OPENS_STORE: ReadonlySet<string> = new Set(['session.state', 'session.setup', 'session.unlock']);

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

/** Runs a handler past the sync's write gate: one that may write holds it, one that only reads passes (see sync/write-gate.ts). */
export type Hold = <T>(run: () => T, readOnly: boolean) => T;

/**
 * The core's `Hold` over the sync's write gate: a channel marked `readOnly` does not wait for the sync's
 * transaction, and reads one snapshot of the store (`snapshot`), as a request holding the gate did (the
 * worker starts no transaction while it runs): a count and its page, a case and its reports, agree even
 * when the sync commits between two of its statements.
 */
export function passGate(gate: { hold<T>(run: () => T): T }, snapshot: <T>(run: () => T) => T = (run) => run()): Hold {
  return (run, readOnly) => (readOnly ? snapshot(run) : gate.hold(run));
}

/**
 * Runs `run` (its synchronous part) in a read transaction of the connection `db()` gives, when there is
 * one and it is not in a transaction already: its statements read one snapshot (WAL: the sync's writer
 * is neither blocked nor waited for). A locked store (`db` throws) runs it as it is.
 */
export function readSnapshot(db: () => Db): <T>(run: () => T) => T {
  return (run) => {
    let connection: Db;
    try {
      connection = db();
    } catch {
      return run();
    }
    if (connection.inTransaction) return run();
    connection.prepare('BEGIN').run();
    try {
      return run();
    } finally {
      if (connection.inTransaction) connection.prepare('COMMIT').run();
    }
  };
}

export function createDispatch(handlers: Handlers, session: Session, log: (message: string, error: unknown) => void, hold: Hold = (run) => run()): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown channel.' } };
    }
    const definition = channels[channel];
    try {
      // Access first: a locked or unauthorised caller learns nothing from how its input is judged.
      if (definition.access === 'analyst') session.unlocked();
      if (definition.access === 'supervisor') session.requireSupervisor();
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() };
      throw error;
    }
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } };
    }
    const opensStore = OPENS_STORE.has(channel);
    try {
      if (opensStore) secureStoreFolder(session.storeDir);
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await hold(() => handler(parsed.data), definition.readOnly === true);
      // Setup creates the folder's files; an unlock may have written the keyring.
      if (opensStore && channel !== 'session.state') secureStoreFolder(session.storeDir);
      // The output schema is the allow-list of what may cross to the renderer.
      return { ok: true, value: definition.output.parse(value) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() };
      // SQLite rolled the transaction back (SQLITE_FULL), or a file write found no space (ENOSPC): said plainly.
      if (isDiskFull(error)) return { ok: false, error: { code: 'DISK_FULL', message: `The disk is full: ${channel} saved nothing. Free some space and try again.` } };
      log(`Unexpected failure in ${channel}`, error);
      return { ok: false, error: { code: 'INTERNAL', message: `Unexpected failure in ${channel}.` } };
    }
  };
}
