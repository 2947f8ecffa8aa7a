/**
 * `iblagh-ws`: the workstation's core services without a window.
 *
 * Passphrases come from `--passphrase-file FILE` or the IBLAGH_PASSPHRASE
 * variable, never from an argument (arguments are visible to every user of
 * the machine in the process list). Errors go to stderr with a non-zero exit
 * code: 1 for a refused operation, 2 for a usage error.
 */
import { parseArgs } from 'node:util';
import { closeSync, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChannelName, ChannelOutput, Result } from '../shared/contract.ts';
import type { SessionState } from '../shared/schemas.ts';
import type { Core } from '../main/core.ts';
import { packageVersion } from '../main/version.ts';
import { AUDIT_COMMANDS, runAuditCommand } from './audit-commands.ts';
import { CaseUsageError, runCaseCommand } from './case-commands.ts';
import { EVIDENCE_COMMANDS, EvidenceRefused, EvidenceUsageError, runEvidenceCommand } from './evidence-commands.ts';
import { diagnoseOnline, DiagnoseUsageError } from './diagnose.ts';
import { HASHLIST_COMMANDS, HashListRefused, HashListUsageError, runHashListCommand } from './hashlist-commands.ts';
import { runSigningCommand, SIGNING_COMMANDS, SigningRefused, SigningUsageError } from './signing-commands.ts';
import { DossierRefused, DossierUsageError, runDossierStoreCommand, runDossierVerify, STORE_DOSSIER_COMMANDS, STORELESS_DOSSIER_COMMANDS } from './dossier-commands.ts';
import { RETENTION_COMMANDS, runRetentionCommand } from './retention-commands.ts';
import { closeChromium } from '../main/browser/chromium.ts';
import { prepareDossierPdf } from '../main/dossiers/document/render.ts';
import { AppError, isDiskFull } from '../main/errors.ts';
import { FolderError, folderProblem, makeFolders, removeCreatedFolders } from '../main/store/folder.ts';
import { inertText, terminalText, recordLines, tableWriter, minutes, type Column } from './render.ts';
import { runBackupCli } from './backup-commands.ts';
import { commandHelp, fullHelp, parseProblem, usageErrorText } from './usage.ts';
import { currentIntake, intakeSettingsFromArgs, InvalidQuery, printQuarantine, printReport, printReports, ReportRefused, syncUntilCaughtUp, type CliIo } from './sync-commands.ts';

/** `iblagh-ws --help`: every command's usage, then what each does (usage.ts). */
const USAGE = fullHelp();

export class UsageError extends Error {}
export class CommandError extends Error {}

const OPTIONS = {
  store: { type: 'string' },
  analyst: { type: 'string' },
  service: { type: 'string' },
  locale: { type: 'string' },
  'passphrase-file': { type: 'string' },
  passphrase: { type: 'string' },
  json: { type: 'boolean', default: false },
  intake: { type: 'string' },
  'token-file': { type: 'string' },
  'intake-key': { type: 'string' },
  'workstation-id': { type: 'string' },
  'max-attempts': { type: 'string' },
  limit: { type: 'string' },
  category: { type: 'string', multiple: true },
  status: { type: 'string', multiple: true },
  platform: { type: 'string', multiple: true },
  region: { type: 'string', multiple: true },
  search: { type: 'string' },
  open: { type: 'boolean', default: false },
  sort: { type: 'string' },
  title: { type: 'string' },
  reports: { type: 'string', multiple: true },
  qualification: { type: 'string', multiple: true },
  reason: { type: 'string', multiple: true },
  lang: { type: 'string' },
  zip: { type: 'boolean', default: false },
  'include-identity': { type: 'string', multiple: true },
  'take-over': { type: 'boolean', default: false },
  decision: { type: 'string' },
  date: { type: 'string' },
  reference: { type: 'string' },
  set: { type: 'string' },
  'text-file': { type: 'string' },
  'for-dossier': { type: 'boolean', default: false },
  case: { type: 'string' },
  report: { type: 'string' },
  out: { type: 'string' },
  label: { type: 'string' },
  source: { type: 'string' },
  offline: { type: 'boolean', default: false },
  proxy: { type: 'string' },
  resolver: { type: 'string' },
  'allow-private': { type: 'boolean', default: false },
  'allow-direct': { type: 'boolean', default: false },
  screenshot: { type: 'boolean', default: false },
  'password-file': { type: 'string' },
  'key-fingerprint': { type: 'string' },
  'reveal-reporter': { type: 'boolean', default: false },
  online: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  debug: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function readPassphrase(values: Values): string {
  if (values.passphrase !== undefined) {
    throw new UsageError('--passphrase is not accepted: command-line arguments are visible to other users. Use --passphrase-file FILE or IBLAGH_PASSPHRASE.');
  }
  if (values['passphrase-file'] !== undefined) {
    const file = values['passphrase-file'];
    let text: string;
    let fd: number | null = null;
    try {
      fd = openSync(file, 'r');
      // The mode is read from the opened file itself, so a file swapped after the check cannot slip through.
      // Windows has no such mode bits (Node reports 0o666 for every writable file; access is by ACL): no check there.
      const mode = fstatSync(fd).mode & 0o777;
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        throw new CommandError(
          `The passphrase file ${file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): make it private with \`chmod 600 ${file}\`, and choose a new passphrase if others may have read it.`,
        );
      }
      text = readFileSync(fd, 'utf8');
    } catch (error) {
      if (error instanceof CommandError) throw error;
      throw new CommandError(`Cannot read the passphrase file: ${(error as Error).message}`);
    } finally {
      if (fd !== null) closeSync(fd);
    }
    // One trailing newline is what `echo` and editors add; it is not part of the passphrase.
    return text.replace(/\r?\n$/, '');
  }
  const fromEnv = process.env['IBLAGH_PASSPHRASE'];
  if (fromEnv) return fromEnv;
  throw new UsageError('No passphrase: give --passphrase-file FILE or set IBLAGH_PASSPHRASE.');
}

function requireStore(values: Values): string {
  if (!values.store) throw new UsageError('--store DIR is required.');
  return resolve(values.store);
}

/** --debug was given: the core's logs go to stderr, and an unexpected failure's stack follows its line. */
let debugging = false;

async function expect<K extends ChannelName>(core: Core, channel: K, input?: unknown): Promise<ChannelOutput<K>> {
  const result = (await core.dispatch(channel, input)) as Result<ChannelOutput<K>>;
  if (!result.ok) {
    // The core logged the details (shown with --debug); its "Unexpected failure in X." and code say nothing more.
    if (result.error.code === 'INTERNAL') throw new CommandError(`unexpected failure in ${channel}${debugging ? ' (details above)' : ' (--debug shows the details)'}`);
    const wait = result.error.retryAfterMs ? ` Retry in ${Math.ceil(result.error.retryAfterMs / 1000)} s.` : '';
    throw new CommandError(`${result.error.message}${wait} (${result.error.code})`);
  }
  return result.value;
}

async function init(core: Core, values: Values): Promise<string> {
  if (!values.analyst) throw new UsageError('--analyst NAME is required.');
  const locale = values.locale ?? 'fr';
  if (locale !== 'fr' && locale !== 'ar') throw new UsageError('--locale must be fr or ar.');
  const passphrase = readPassphrase(values);
  // The folder is made here, one level at a time (store/folder.ts), so that a path that cannot be one fails at once.
  const created = makeFolders(requireStore(values));
  let state: SessionState;
  try {
    state = await expect(core, 'session.setup', {
      name: values.analyst,
      service: values.service ?? 'Iblagh',
      passphrase,
      locale,
    });
  } catch (error) {
    removeCreatedFolders(created);
    throw error;
  }
  const analyst = state.phase === 'unlocked' ? state.analyst : null;
  await expect(core, 'session.lock');
  return values.json
    ? JSON.stringify({ created: true, store: requireStore(values), analyst })
    : `Created an encrypted store in ${requireStore(values)} with supervisor profile "${analyst?.name}".`;
}

async function unlockAs(core: Core, values: Values): Promise<void> {
  const state: SessionState = await expect(core, 'session.state');
  if (state.phase === 'setup') throw new CommandError(`No store in ${requireStore(values)}: create one with \`iblagh-ws init --store ${requireStore(values)}\`.`);
  if (state.phase !== 'locked') return;
  // The keyring names nobody: the login name comes from --analyst (optional only for a store with one profile).
  const passphrase = readPassphrase(values);
  let unlocked: SessionState;
  try {
    unlocked = await expect(core, 'session.unlock', values.analyst ? { name: values.analyst, passphrase } : { passphrase });
  } catch (error) {
    if (!values.analyst && error instanceof CommandError && error.message.endsWith('(INVALID_INPUT)')) {
      throw new UsageError('This store has several profiles: give your login name with --analyst NAME.');
    }
    throw error;
  }
  if (unlocked.phase === 'passphrase-change') {
    await expect(core, 'session.lock');
    throw new CommandError('This profile must first replace the passphrase a supervisor gave it: unlock it once in the workstation app, which asks for a new one.');
  }
}

async function status(core: Core, values: Values): Promise<string> {
  await unlockAs(core, values);
  const store = await expect(core, 'store.status');
  const profiles = await expect(core, 'profiles.list');
  await expect(core, 'session.lock');
  if (values.json) return JSON.stringify({ store: requireStore(values), ...store, profiles });
  const lines = [
    `Store:           ${requireStore(values)}`,
    `Schema version:  ${store.schemaVersion} (this workstation: ${store.latestSchemaVersion})`,
    `Cipher:          ${store.cipher}`,
    `Created:         ${store.createdAt}`,
    `Reports:         ${store.counts.reports}`,
    `Audit events:    ${store.counts.auditEvents}`,
    `Profiles:        ${store.counts.profiles} (${store.counts.activeProfiles} active)`,
    ...profiles.map((p) => `  - ${p.name} | ${p.role} | ${p.service}${p.disabled ? ' | disabled' : ''}`),
  ];
  return lines.join('\n');
}

const CASE_COMMANDS: ReadonlySet<string> = new Set(['cases create', 'cases add', 'cases remove', 'cases status', 'cases list', 'cases show', 'notes add', 'observables list']);

/** Thrown by `io.out` once the reader of stdout has gone (`reports list | head`): the command stops quietly. */
class OutputClosed extends Error {}

let stdoutClosed = false;

/** EPIPE (or a destroyed stream) on stdout means the reader went away: not a failure, nothing left to say. */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
    stdoutClosed = true;
    return;
  }
  process.stderr.write(`iblagh-ws: cannot write the output: ${error.message}\n`);
  process.exitCode = 1;
  stdoutClosed = true;
}

/** Where the command writes: the process's stdout and stderr, or a test's capture (main's second argument). */
export interface CliStreams {
  out: (text: string) => void;
  err: (text: string) => void;
}

const PROCESS_STREAMS: CliStreams = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
let streams: CliStreams = PROCESS_STREAMS;

function writeOut(text: string): void {
  if (stdoutClosed) throw new OutputClosed('stdout closed');
  streams.out(text);
}

function writeErr(text: string): void {
  streams.err(text);
}

/** --json: lines are JSON, printed exactly as made (JSON's escapes are the consumer's business). */
let jsonOutput = false;

/**
 * Every line for a person passes here: a bidi control, an escape sequence or
 * an invisible character in it (a file name from a package, a certificate's
 * subject, a server's message) shows as a ⟦U+…⟧ mark (idempotent: tables and
 * blocks are inert already).
 */
function terminalLine(line: string): string {
  return terminalText(line).replace(/\r/g, '⟦U+000D CR⟧');
}

const io: CliIo = { out: (line) => writeOut(`${jsonOutput ? line : terminalLine(line)}\n`), err: (line) => writeErr(`${terminalLine(line)}\n`) };

/** What the list commands show in a table without --json (the JSON fields they print with it). */
const TABLES: ReadonlyMap<string, readonly Column[]> = new Map<string, readonly Column[]>([
  [
    'reports list',
    [
      { key: 'id', title: 'ID', width: 18 },
      { key: 'priority', title: 'PRIORITY', width: 8 },
      { key: 'status', title: 'STATUS', width: 16 },
      { key: 'category', title: 'CATEGORY', width: 30 },
      { key: 'platform', title: 'PLATFORM', width: 14 },
      { key: 'region', title: 'REGION', width: 6 },
      { key: 'submitted_at', title: 'SUBMITTED (UTC)', width: 16, show: (r) => minutes(r['submitted_at']) },
      { key: 'attachments', title: 'VERIFIED ATT.', width: 13, show: (r) => `${String(r['attachments_verified'])}/${String(r['attachments'])}` },
      { key: 'imminent_danger', title: 'DANGER', width: 9, show: (r) => (r['imminent_danger'] === true ? 'imminent' : '') },
    ],
  ],
  [
    'quarantine list',
    [
      { key: 'seq', title: 'SEQ', width: 8 },
      { key: 'kind', title: 'KIND', width: 10 },
      { key: 'reason_code', title: 'REASON CODE', width: 22 },
      { key: 'received_at', title: 'RECEIVED (UTC)', width: 16, show: (r) => minutes(r['received_at']) },
      { key: 'report_id', title: 'REPORT', width: 18 },
      { key: 'bytes', title: 'BYTES', width: 9 },
      { key: 'reason', title: 'REASON', width: 60 },
    ],
  ],
  [
    'cases list',
    [
      { key: 'ref', title: 'REF', width: 26 },
      { key: 'status', title: 'STATUS', width: 11 },
      { key: 'reports', title: 'REPORTS', width: 7 },
      { key: 'region', title: 'REGION', width: 6 },
      { key: 'assignee', title: 'ASSIGNEE', width: 20 },
      { key: 'updated_at', title: 'UPDATED (UTC)', width: 16, show: (r) => minutes(r['updated_at']) },
      { key: 'overdue', title: 'OVERDUE', width: 7, show: (r) => (r['overdue'] === true ? 'overdue' : '') },
      { key: 'title', title: 'TITLE', width: 50 },
    ],
  ],
  [
    'observables list',
    [
      { key: 'type', title: 'TYPE', width: 16 },
      { key: 'seen_in_reports', title: 'REPORTS', width: 7 },
      { key: 'seen_in_cases', title: 'CASES', width: 5 },
      { key: 'verdict', title: 'VERDICT', width: 12 },
      { key: 'tags', title: 'TAGS', width: 20, show: (r) => (Array.isArray(r['tags']) ? r['tags'].join(', ') : r['tags']) },
      { key: 'value', title: 'VALUE', width: 70 },
    ],
  ],
  [
    'evidence list',
    [
      { key: 'id', title: 'ID', width: 26 },
      { key: 'kind', title: 'KIND', width: 18 },
      { key: 'size', title: 'BYTES', width: 10 },
      { key: 'acquired_at', title: 'ACQUIRED (UTC)', width: 16, show: (r) => minutes(r['acquired_at']) },
      { key: 'report_id', title: 'REPORT', width: 18 },
      { key: 'case_ref', title: 'CASE', width: 26 },
      { key: 'sha256', title: 'SHA-256', width: 17 },
      { key: 'label', title: 'LABEL', width: 40 },
    ],
  ],
]);

/**
 * Where a command's JSON lines go: as they are with --json; else each as a
 * table row (list commands) or as a `field  value` block (one object).
 * `end` says so when a list had nothing.
 */
function presenter(shape: string, values: Values): CliIo & { end: () => void } {
  if (values.json) return { ...io, end: () => {} };
  const columns = TABLES.get(shape);
  if (columns) {
    const table = tableWriter(columns, io.out);
    return { out: (line) => table.row(JSON.parse(line) as Record<string, unknown>), err: io.err, end: () => (table.rows() === 0 ? io.out('(nothing to list)') : undefined) };
  }
  let first = true;
  return {
    out: (line) => {
      if (!first) io.out('');
      first = false;
      for (const text of recordLines(JSON.parse(line) as Record<string, unknown>)) io.out(text);
    },
    err: io.err,
    end: () => {},
  };
}

async function run(core: Core, command: string, values: Values, arg: string | undefined): Promise<string | null> {
  if (command === 'init') return init(core, values);
  if (command === 'status') return status(core, values);
  // Chromium starts and readies its page while the passphrase is checked (a second or so of key derivation).
  if (command === 'dossier export') prepareDossierPdf();
  await unlockAs(core, values);
  try {
    if (command === 'sync') {
      const current = currentIntake(core);
      const settings = intakeSettingsFromArgs(values, current, (message) => new UsageError(message));
      if (!settings && current === null) {
        throw new CommandError('No intake service is configured for this store: give --intake URL --token-file FILE --intake-key PEM once (a supervisor profile), or set it in the app\'s Settings.');
      }
      if (settings) await expect(core, 'intake.update', settings);
      let final;
      try {
        final = await syncUntilCaughtUp(core, io);
      } catch (error) {
        // A refusal of sync.start or sync.status: its message and code, on one line.
        if (error instanceof Error && /\([A-Z_]+\)$/.test(error.message)) throw new CommandError(error.message);
        throw error;
      }
      if (final.lastError) throw new CommandError(`sync stopped: ${final.lastError}`);
      return values.json
        ? JSON.stringify({ cursor: final.cursor, head_seq: final.headSeq, reports: final.reports, quarantined: final.quarantined, outbox: final.outbox })
        : `Caught up at seq ${final.cursor} of ${final.headSeq}: ${final.reports} reports, ${final.quarantined} quarantined item(s), outbox ${final.outbox.pending} pending / ${final.outbox.sent} sent / ${final.outbox.rejected} rejected.`;
    }
    if (command === 'reports list') {
      const limit = values.limit === undefined ? null : Number(values.limit);
      if (limit !== null && (!Number.isInteger(limit) || limit < 0)) throw new UsageError('--limit must be a whole number.');
      const list = (name: 'category' | 'status' | 'platform' | 'region') => values[name]?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
      const sort = values.sort ?? 'priority';
      if (sort !== 'priority' && sort !== 'submitted_at') throw new UsageError('--sort takes priority or submitted_at.');
      const filters = { category: list('category'), status: list('status'), platform: list('platform'), region: list('region'), search: values.search, openOnly: values.open || undefined };
      const shown = presenter(command, values);
      try {
        await printReports(core, shown, { limit, filters, sort: sort === 'priority' ? { key: 'priority', dir: 'desc' } : { key: 'submittedAt', dir: 'asc' } });
      } catch (error) {
        if (error instanceof InvalidQuery) throw new UsageError(error.message);
        throw error;
      }
      shown.end();
      return null;
    }
    if (CASE_COMMANDS.has(command)) {
      try {
        const lines = await runCaseCommand((channel, input) => expect(core, channel, input), command, arg, values);
        const shown = presenter(command, values);
        for (const line of lines) shown.out(line);
        shown.end();
      } catch (error) {
        if (error instanceof CaseUsageError) throw new UsageError(error.message);
        throw error;
      }
      return null;
    }
    if (RETENTION_COMMANDS.has(command)) {
      for (const line of await runRetentionCommand((channel, input) => expect(core, channel, input), command, values)) io.out(line);
      return null;
    }
    if (EVIDENCE_COMMANDS.has(command)) {
      let outcome;
      try {
        outcome = await runEvidenceCommand((channel, input) => expect(core, channel, input), command, arg, values);
      } catch (error) {
        if (error instanceof EvidenceUsageError) throw new UsageError(error.message);
        if (error instanceof EvidenceRefused) throw new CommandError(error.message);
        throw error;
      }
      // list and show print JSON lines (a table or a block without --json); verify, export and import say it themselves.
      const shown = command === 'evidence list' || command === 'evidence show' ? presenter(command, values) : { ...io, end: () => {} };
      for (const line of outcome.lines) shown.out(line);
      shown.end();
      if (outcome.failure !== undefined) throw new CommandError(outcome.failure);
      return null;
    }
    if (SIGNING_COMMANDS.has(command)) {
      try {
        for (const line of await runSigningCommand((channel, input) => expect(core, channel, input), command, arg, values)) io.out(line);
      } catch (error) {
        if (error instanceof SigningUsageError) throw new UsageError(error.message);
        if (error instanceof SigningRefused) throw new CommandError(error.message);
        throw error;
      }
      return null;
    }
    if (STORE_DOSSIER_COMMANDS.has(command)) {
      let outcome;
      // The package's folder is made here, one level at a time (store/folder.ts): a path that cannot be one fails at once.
      const made = command === 'dossier export' && values.out ? makeFolders(resolve(values.out)) : [];
      try {
        outcome = await runDossierStoreCommand((channel, input) => expect(core, channel, input), (request) => core.exportDossier(request), command, arg, values);
      } catch (error) {
        removeCreatedFolders(made);
        if (error instanceof DossierUsageError) throw new UsageError(error.message);
        if (error instanceof DossierRefused) throw new CommandError(error.message);
        if (error instanceof AppError) throw new CommandError(`${error.message} (${error.code})`);
        throw error;
      }
      for (const line of outcome.lines) io.out(line);
      if (outcome.failure !== undefined) throw new CommandError(outcome.failure);
      return null;
    }
    if (AUDIT_COMMANDS.has(command)) {
      const outcome = await runAuditCommand((channel, input) => expect(core, channel, input), command, values);
      for (const line of outcome.lines) io.out(line);
      if (outcome.failure !== undefined) throw new CommandError(outcome.failure);
      return null;
    }
    if (HASHLIST_COMMANDS.has(command)) {
      try {
        const shown = presenter(command, values);
        for (const line of await runHashListCommand((channel, input) => expect(core, channel, input), command, arg, values)) shown.out(line);
      } catch (error) {
        if (error instanceof HashListUsageError) throw new UsageError(error.message);
        if (error instanceof HashListRefused) throw new CommandError(error.message);
        throw error;
      }
      return null;
    }
    if (command === 'diagnose' && values.offline) {
      const result = await expect(core, 'diagnostics.offline', { url: arg });
      presenter(command, values).out(JSON.stringify(result.urls[0]));
      return null;
    }
    if (command === 'diagnose') {
      try {
        presenter(command, values).out(await diagnoseOnline((channel, input) => expect(core, channel, input), arg ?? '', values));
        return null;
      } catch (error) {
        if (error instanceof DiagnoseUsageError) throw new UsageError(error.message);
        throw error;
      }
    }
    if (command === 'reports show') {
      try {
        await printReport(core, presenter(command, values), arg ?? '', values['reveal-reporter'] ? { reason: values.reason?.[0] ?? '' } : null);
      } catch (error) {
        if (error instanceof ReportRefused) throw error.usage ? new UsageError(error.message) : new CommandError(error.message);
        throw error;
      }
      return null;
    }
    const shown = presenter(command, values);
    printQuarantine(core, shown);
    shown.end();
    return null;
  } finally {
    await expect(core, 'session.lock');
  }
}

/** How many words each command takes, its own name included. */
const WORDS: ReadonlyMap<string, number> = new Map([
  ['init', 1],
  ['status', 1],
  ['sync', 1],
  ['reports list', 2],
  ['reports show', 3],
  ['quarantine list', 2],
  ['cases create', 2],
  ['cases add', 3],
  ['cases remove', 3],
  ['cases status', 3],
  ['cases list', 2],
  ['cases show', 3],
  ['notes add', 2],
  ['observables list', 2],
  ['evidence list', 2],
  ['evidence show', 3],
  ['evidence verify', 2],
  ['evidence export', 3],
  ['evidence import', 3],
  ['hashlist import', 3],
  ['signing certificate', 2],
  ['signing import', 3],
  ['dossier verify', 3],
  ['dossier export', 3],
  ['dossier answer', 3],
  ['audit verify', 2],
  ['retention preview', 2],
  ['retention apply', 2],
  ['diagnose', 2],
]);

const TWO_WORD_COMMANDS: ReadonlySet<string> = new Set(['reports', 'quarantine', 'cases', 'notes', 'observables', 'evidence', 'hashlist', 'dossier', 'signing', 'audit', 'retention']);

/** `reports list` for `reports list --store …`, `init` for `init …`, '' for nothing. */
function shapeOf(positionals: readonly string[]): string {
  const [command = '', sub] = positionals;
  return TWO_WORD_COMMANDS.has(command) ? `${command} ${sub ?? ''}`.trim() : command;
}

/** The words before the first option, read without judging the options: which command a bad option was given to. */
function looseShape(argv: readonly string[]): string {
  try {
    return shapeOf(parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false }).positionals);
  } catch {
    return '';
  }
}

/** Store commands' `--store DIR`: refused at once when it cannot be a store (a file on the way, a device), or holds none. */
function checkStoreFolder(dir: string, creating: boolean): void {
  const problem = folderProblem(dir);
  if (problem !== null) throw new CommandError(`--store: ${problem}`);
  if (!creating && !existsSync(dir)) throw new CommandError(`No store in ${dir} (no such folder): create one with \`iblagh-ws init --store ${dir}\`.`);
}

/**
 * Unless --debug: what the core logs (an unexpected failure's stack trace) is
 * held back, so that a failure is the one line the command prints. With
 * --debug it goes to stderr as it comes.
 */
function holdCoreLogs(debug: boolean): () => void {
  if (debug) return () => {};
  const { error, warn } = console;
  console.error = () => {};
  console.warn = () => {};
  return () => {
    console.error = error;
    console.warn = warn;
  };
}

/** One line on stderr: whatever the message holds (a server's words, a file name) shows inert, on one line. */
function printFailure(message: string): void {
  writeErr(`iblagh-ws: ${inertText(message)}\n`);
}

/** A file system failure (ENOENT, EACCES, ENOTDIR… with its path), said as Node says it: one clear line. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** Runs one command; returns the exit code. `output` replaces stdout and stderr (tests run commands in their own process). */
export async function main(argv: string[], output: CliStreams = PROCESS_STREAMS): Promise<number> {
  streams = output;
  if (argv[0] === 'backup') return runBackupCli(argv.slice(1), { out: (line) => output.out(`${line}\n`), err: (line) => output.err(`${line}\n`) });
  let core: Core | null = null;
  let shape = looseShape(argv);
  const debug = argv.includes('--debug');
  debugging = debug;
  const releaseLogs = holdCoreLogs(debug);
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(parseProblem(error));
    }
    const { values, positionals } = parsed;
    const [command, sub, arg] = positionals;
    shape = shapeOf(positionals);
    jsonOutput = values.json;
    if (command === 'help' || (values.help && !command)) {
      // `iblagh-ws help cases` as `iblagh-ws cases --help`.
      const topic = shapeOf(positionals.slice(1));
      writeOut(`${(topic && commandHelp(topic)) || USAGE}\n`);
      return 0;
    }
    if (!command) throw new UsageError('No command given.');
    if (values.help) {
      const help = commandHelp(shape);
      if (help === null) throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
      writeOut(`${help}\n`);
      return 0;
    }
    const expected = WORDS.get(shape);
    if (expected === undefined) throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
    if (positionals.length < expected) throw new UsageError(`${shape} needs ${shape.startsWith('cases') ? 'a case reference' : shape === 'evidence import' || shape === 'hashlist import' || shape === 'signing import' ? 'a file' : shape === 'diagnose' ? 'a URL' : shape === 'dossier verify' ? 'a package PATH (folder or zip)' : shape.startsWith('evidence') ? 'an evidence id' : shape === 'dossier export' || shape === 'dossier answer' ? 'a case reference' : 'a report id'}.`);
    if (positionals.length > expected) throw new UsageError(`Unexpected argument: ${positionals[expected]}`);
    if (values['reveal-reporter'] && shape !== 'reports show') throw new UsageError('--reveal-reporter goes with reports show.');
    if (shape === 'reports show' && values['reveal-reporter'] && values.reason?.length !== 1) {
      throw new UsageError('--reveal-reporter needs one --reason TEXT: why the identity is needed (journaled with your name).');
    }
    if (shape === 'reports show' && !values['reveal-reporter'] && values.reason !== undefined) throw new UsageError('--reason goes with --reveal-reporter.');
    const maxAttempts = values['max-attempts'] === undefined ? undefined : Number(values['max-attempts']);
    if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100)) throw new UsageError('--max-attempts must be a whole number from 1 to 100.');
    if (STORELESS_DOSSIER_COMMANDS.has(shape)) {
      let outcome;
      try {
        outcome = runDossierVerify(arg, values);
      } catch (error) {
        if (error instanceof DossierUsageError) throw new UsageError(error.message);
        if (error instanceof DossierRefused) throw new CommandError(error.message);
        throw error;
      }
      for (const line of outcome.lines) io.out(line);
      if (outcome.failure !== undefined) throw new CommandError(outcome.failure);
      return 0;
    }
    const storeDir = requireStore(values);
    checkStoreFolder(storeDir, shape === 'init');
    // Loaded here, not at start: `dossier verify` (above) needs nothing of the core and answers in a fraction of a second.
    const { createCore } = await import('../main/core.ts');
    core = createCore({
      storeDir,
      host: 'cli',
      version: packageVersion(),
      dossierPdfPrepare: prepareDossierPdf,
      ...(maxAttempts ? { syncEngine: { retry: { maxAttempts } } } : {}),
    });
    const output = await run(core, shape, values, shape === 'diagnose' ? sub : arg);
    if (output !== null) io.out(output);
    return 0;
  } catch (error) {
    // The reader of stdout went away (`| head`): what it wanted, it has. A write error other than EPIPE set exitCode.
    if (error instanceof OutputClosed) return typeof process.exitCode === 'number' ? process.exitCode : 0;
    if (error instanceof UsageError) {
      writeErr(`${usageErrorText(inertText(error.message), shape || null)}\n`);
      return 2;
    }
    if (error instanceof CommandError || error instanceof FolderError) {
      printFailure(error.message);
      return 1;
    }
    if (error instanceof AppError) {
      printFailure(`${error.message} (${error.code})`);
      return 1;
    }
    if (isDiskFull(error)) {
      printFailure('the disk is full: free some space and try again. (DISK_FULL)');
      return 1;
    }
    if (isFileSystemError(error)) {
      printFailure(error.message);
      if (debug) writeErr(`${error.stack ?? ''}\n`);
      return 1;
    }
    printFailure(`unexpected failure: ${(error as Error)?.message ?? String(error)}${debug ? '' : ' (--debug shows the details)'}`);
    if (debug) writeErr(`${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  } finally {
    try {
      core?.close();
      await closeChromium();
    } catch (error) {
      // Closing must not add a second message (or a stack trace) to the one already printed.
      if (debug) writeErr(`iblagh-ws: while closing: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    releaseLogs();
    streams = PROCESS_STREAMS;
    jsonOutput = false;
  }
}
