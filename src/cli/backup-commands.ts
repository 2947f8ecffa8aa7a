/**
 * `iblagh-ws backup …`: backups proved by restoring them.
 *
 *   backup recovery-key --store DIR [--analyst NAME] [--json]
 *   backup create  --store DIR --out FILE [--analyst NAME] [--json]
 *   backup verify  FILE [--analyst NAME | --recovery-key-file F] [--json]
 *   backup restore FILE --store DIR [--analyst NAME]
 *                  [--recovery-key-file F --analyst NEW-NAME [--service S] [--locale fr|ar]] [--json]
 *
 * The passphrase comes from --passphrase-file FILE or IBLAGH_PASSPHRASE, as
 * for every command; a passphrase or recovery key file readable by others is
 * refused. recovery-key and create need a supervisor profile (a backup holds
 * the whole store). verify and restore need no store open: the passphrase is
 * that of a profile in the backup (named with --analyst when it holds
 * several), or, with --recovery-key-file, the new supervisor's (restore).
 * Exit 0 done, 1 refused or failed (verify: a backup that does not hold),
 * 2 usage.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Core } from '../main/core.ts';
import { AppError, isDiskFull } from '../main/errors.ts';
import { createBackup, restoreBackup, storeDatabaseKey, verifyBackup, BackupRefused, type BackupCredentials } from '../main/backup/backup.ts';
import { BackupFormatError } from '../main/backup/format.ts';
import { generateRecoveryKey, parseRecoveryKey, recoveryPublicKey, RecoveryKeyFormatError } from '../main/backup/recovery-key.ts';
import { packageVersion } from '../main/version.ts';
import { FolderError, folderProblem, makeFolders, removeCreatedFolders } from '../main/store/folder.ts';
import { parseProblem } from './usage.ts';

const USAGE = `Usage:
  iblagh-ws backup recovery-key --store DIR [--analyst NAME] [--json]
  iblagh-ws backup create  --store DIR --out FILE [--analyst NAME] [--json]
  iblagh-ws backup verify  FILE [--analyst NAME | --recovery-key-file FILE] [--json]
  iblagh-ws backup restore FILE --store EMPTY-DIR [--analyst NAME] [--json]
  iblagh-ws backup restore FILE --store EMPTY-DIR --recovery-key-file FILE --analyst NEW-NAME
                   [--service NAME] [--locale fr|ar] [--json]

recovery-key (supervisors) generates the store's recovery key and prints it
once: write it down and keep it in a safe; it opens every later backup when no
profile's passphrase is left. Generating another replaces it for later backups.
create (supervisors) writes an encrypted backup of the store to FILE (never
replacing a file): the database as the store keeps it, encrypted, and the
keys that open it (each profile's passphrase, and the recovery key).
verify opens a backup (a profile's passphrase, or the recovery key) and runs
the integrity check on its database; exit 1 when it does not hold.
restore writes a backup into an empty (or new) folder; the same profiles
then unlock it with their own passphrases. With --recovery-key-file, for when
no passphrase is left, it adds a new supervisor profile NEW-NAME whose
passphrase is the one given (--passphrase-file or IBLAGH_PASSPHRASE).`;

const OPTIONS = {
  store: { type: 'string' },
  out: { type: 'string' },
  analyst: { type: 'string' },
  service: { type: 'string' },
  locale: { type: 'string' },
  json: { type: 'boolean', default: false },
  'passphrase-file': { type: 'string' },
  passphrase: { type: 'string' },
  'recovery-key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  debug: { type: 'boolean', default: false },
} as const;

/** Each command's own usage lines (the first lines of USAGE), for a usage error. */
const COMMAND_USAGE: ReadonlyMap<string, string> = new Map(
  ['recovery-key', 'create', 'verify', 'restore'].map((command) => [
    command,
    USAGE.split('\n')
      .filter((line, i, all) => line.startsWith(`  iblagh-ws backup ${command} `) || (line.startsWith('                   ') && all[i - 1]?.startsWith(`  iblagh-ws backup ${command} `)))
      .map((line, i) => (i === 0 ? `Usage: ${line.trimStart()}` : `       ${line.trimStart()}`.replace(/^(\s+)(\[)/, '$1                  $2')))
      .join('\n'),
  ]),
);

/** The problem, the command's usage line(s) and where to read more: not the whole help. */
function usageError(message: string, command: string | undefined): string {
  const usage = (command !== undefined && COMMAND_USAGE.get(command)) || USAGE.split('\n').slice(1, 7).map((line, i) => (i === 0 ? `Usage: ${line.trimStart()}` : `       ${line.trimStart()}`)).join('\n');
  return `iblagh-ws: ${message.replace(/[\r\n]+/g, ' ')}\n${usage}\nMore: iblagh-ws backup --help`;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class Usage extends Error {}
class Refused extends Error {}

export interface BackupCliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A secret's file: owner only, like the store itself. */
function readSecretFile(path: string, what: string): string {
  let mode: number;
  let text: string;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Refused(`Cannot read the ${what} file: ${(error as Error).message}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) throw new Refused(`The ${what} file ${path} is readable by other users: chmod 600 it first.`);
  return text.replace(/\r?\n$/, '');
}

function readPassphrase(values: Values): string {
  if (values.passphrase !== undefined) throw new Usage('--passphrase is not accepted: command-line arguments are visible to other users. Use --passphrase-file FILE or IBLAGH_PASSPHRASE.');
  if (values['passphrase-file'] !== undefined) return readSecretFile(values['passphrase-file'], 'passphrase');
  const fromEnv = process.env['IBLAGH_PASSPHRASE'];
  if (fromEnv) return fromEnv;
  throw new Usage('No passphrase: give --passphrase-file FILE or set IBLAGH_PASSPHRASE.');
}

function readRecoveryKey(path: string): Buffer {
  try {
    return parseRecoveryKey(readSecretFile(path, 'recovery key'));
  } catch (error) {
    if (error instanceof RecoveryKeyFormatError) throw new Refused(error.message);
    throw error;
  }
}

function requireStore(values: Values): string {
  if (!values.store) throw new Usage('--store DIR is required.');
  return resolve(values.store);
}

/** Unlocks the store through the session (throttled and audited like any unlock) as a supervisor. */
async function unlockSupervisor(core: Core, values: Values, passphrase: string): Promise<void> {
  const result = await core.dispatch('session.unlock', values.analyst === undefined ? { passphrase } : { name: values.analyst, passphrase });
  if (!result.ok) throw new Refused(`${result.error.message} (${result.error.code})`);
  if (core.unlockedStore().analyst.role !== 'supervisor') throw new Refused('Only a supervisor profile can do this (FORBIDDEN).');
}

async function withStore<T>(values: Values, step: (core: Core, passphrase: string) => Promise<T>): Promise<T> {
  const storeDir = requireStore(values);
  const passphrase = readPassphrase(values);
  const problem = folderProblem(storeDir);
  if (problem !== null) throw new Refused(`--store: ${problem}`);
  if (!existsSync(storeDir)) throw new Refused(`No store in ${storeDir} (no such folder).`);
  const { createCore } = await import('../main/core.ts');
  const core = createCore({ storeDir, host: 'cli', version: packageVersion() });
  try {
    const state = await core.dispatch('session.state', undefined);
    if (state.ok && (state.value as { phase: string }).phase === 'setup') throw new Refused(`No store in ${storeDir}.`);
    await unlockSupervisor(core, values, passphrase);
    return await step(core, passphrase);
  } finally {
    core.close();
  }
}

async function recoveryKeyCommand(values: Values, io: BackupCliIo): Promise<void> {
  await withStore(values, async (core) => {
    const { db, analyst } = core.unlockedStore();
    const previous = recoveryPublicKey(db);
    const { printed, fingerprint } = generateRecoveryKey(db, analyst.id, new Date());
    if (values.json) {
      io.out(JSON.stringify({ recovery_key: printed, fingerprint, replaced: previous !== null }));
      return;
    }
    io.out('Recovery key of this store (shown once: write it down and keep it in a safe):');
    io.out('');
    io.out(`  ${printed}`);
    io.out('');
    io.out(`Fingerprint: ${fingerprint}. Every backup made from now on can be opened with it.`);
    if (previous) io.out('It replaces the previous recovery key for later backups; earlier backups still need the previous one.');
  });
}

async function createCommand(values: Values, io: BackupCliIo): Promise<void> {
  if (!values.out) throw new Usage('backup create needs --out FILE.');
  const out = resolve(values.out);
  await withStore(values, async (core, passphrase) => {
    const { db, analyst } = core.unlockedStore();
    const key = await storeDatabaseKey(requireStore(values), values.analyst, passphrase);
    try {
      const made = await createBackup({ db, databaseKey: key, storeDir: requireStore(values), analystId: analyst.id, out, now: new Date() });
      io.out(
        values.json
          ? JSON.stringify({ file: made.file, store_id: made.storeId, created_at: made.createdAt, schema_version: made.schemaVersion, bytes: made.bytes, sha256: made.sha256, recovery_key: made.recoveryKey, profiles: made.profiles })
          : `Backup written to ${made.file}: ${made.bytes} bytes of encrypted database, SHA-256 ${made.sha256}, schema version ${made.schemaVersion}; opens with the passphrase of ${made.profiles} profile(s) or the recovery key ${made.recoveryKey}.`,
      );
    } finally {
      key.fill(0);
    }
  });
}

function credentialsOf(values: Values): BackupCredentials {
  if (values['recovery-key-file'] !== undefined) return { recoveryKey: readRecoveryKey(values['recovery-key-file']) };
  return { passphrase: readPassphrase(values), loginName: values.analyst };
}

async function verifyCommand(file: string, values: Values, io: BackupCliIo): Promise<boolean> {
  const credentials = credentialsOf(values);
  try {
    const report = await verifyBackup(resolve(file), credentials);
    if (values.json) {
      io.out(JSON.stringify({ ok: report.ok, store_id: report.storeId, created_at: report.createdAt, schema_version: report.schemaVersion, bytes: report.bytes, sha256: report.sha256, recovery_key: report.recoveryKey, opened_with: report.openedWith, counts: report.counts, problems: report.problems }));
    } else if (report.ok) {
      io.out(`Backup ${file}: sound. Made ${report.createdAt}, schema version ${report.schemaVersion}, SHA-256 ${report.sha256}.`);
      io.out(`Opened with ${report.openedWith === 'passphrase' ? 'a profile passphrase' : 'the recovery key'}; integrity check passed: ${report.counts.reports} reports, ${report.counts.cases} cases, ${report.counts.evidence} evidence items, ${report.counts.auditEvents} audit entries, ${report.counts.profiles} profiles.`);
    } else {
      io.out(`Backup ${file}: DAMAGED. ${report.problems.slice(0, 5).join('; ')}`);
    }
    return report.ok;
  } finally {
    if ('recoveryKey' in credentials) credentials.recoveryKey.fill(0);
  }
}

async function restoreCommand(file: string, values: Values, io: BackupCliIo): Promise<void> {
  const storeDir = requireStore(values);
  const withRecovery = values['recovery-key-file'] !== undefined;
  const locale = values.locale ?? 'fr';
  if (locale !== 'fr' && locale !== 'ar') throw new Usage('--locale must be fr or ar.');
  const uiLocale: 'fr' | 'ar' = locale;
  if (withRecovery && values.analyst === undefined) throw new Usage('A restore with --recovery-key-file needs --analyst NEW-NAME: the new supervisor profile.');
  const credentials = credentialsOf(values);
  const newSupervisor = withRecovery ? { name: values.analyst ?? '', service: values.service ?? 'Iblagh', passphrase: readPassphrase(values), locale: uiLocale } : undefined;
  // The folder is made here, one level at a time (store/folder.ts): a path that cannot be one fails at once.
  const created = makeFolders(storeDir);
  try {
    const done = await restoreBackup({ file: resolve(file), storeDir, credentials, newSupervisor, now: new Date() });
    io.out(
      values.json
        ? JSON.stringify({ store: done.storeDir, store_id: done.storeId, backup_created_at: done.backupCreatedAt, schema_version: done.schemaVersion, opened_with: done.openedWith, profiles: done.profiles, new_supervisor: done.newSupervisor })
        : `Restored the backup of ${done.backupCreatedAt} into ${done.storeDir}: ${done.profiles} profile(s) can unlock it with their own passphrases${done.newSupervisor ? `, among them the new supervisor "${values.analyst}"` : ''}.`,
    );
  } catch (error) {
    removeCreatedFolders(created);
    throw error;
  } finally {
    if ('recoveryKey' in credentials) credentials.recoveryKey.fill(0);
  }
}

/** Runs `iblagh-ws backup …` (argv without the word `backup`); returns the exit code. */
export async function runBackupCli(argv: string[], io: BackupCliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) }): Promise<number> {
  const command = argv.find((word) => !word.startsWith('-'));
  const debug = argv.includes('--debug');
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new Usage(parseProblem(error));
    }
    const { values, positionals } = parsed;
    const [command, file, extra] = positionals;
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (extra !== undefined) throw new Usage(`Unexpected argument: ${extra}`);
    if (command === 'recovery-key' || command === 'create') {
      if (file !== undefined) throw new Usage(`Unexpected argument: ${file}`);
      if (command === 'create') await createCommand(values, io);
      else await recoveryKeyCommand(values, io);
      return 0;
    }
    if (command === 'verify' || command === 'restore') {
      if (file === undefined) throw new Usage(`backup ${command} needs the backup FILE.`);
      if (command === 'restore') {
        await restoreCommand(file, values, io);
        return 0;
      }
      return (await verifyCommand(file, values, io)) ? 0 : 1;
    }
    throw new Usage(command === undefined ? 'backup needs a command.' : `Unknown command: backup ${command}`);
  } catch (error) {
    if (error instanceof Usage) {
      io.err(usageError(error.message, command));
      return 2;
    }
    if (error instanceof Refused || error instanceof BackupRefused || error instanceof BackupFormatError || error instanceof FolderError) {
      io.err(`iblagh-ws: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      io.err(`iblagh-ws: ${error.message} (${error.code})`);
      return 1;
    }
    if (isDiskFull(error)) {
      io.err('iblagh-ws: the disk is full: nothing was written (no partial file is left). Free some space and try again. (DISK_FULL)');
      return 1;
    }
    const fileSystem = typeof (error as NodeJS.ErrnoException)?.code === 'string' && typeof (error as NodeJS.ErrnoException)?.syscall === 'string';
    io.err(`iblagh-ws: ${fileSystem ? '' : 'unexpected failure: '}${String((error as Error)?.message ?? error).replace(/[\r\n]+/g, ' ')}${debug || fileSystem ? '' : ' (--debug shows the details)'}`);
    if (debug) io.err(String((error as Error)?.stack ?? error));
    return 1;
  }
}
