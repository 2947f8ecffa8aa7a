/**
 * `iblagh-ws`: the workstation's core services without a window.
 *
 * Passphrases come from `--passphrase-file FILE` or the IBLAGH_PASSPHRASE
 * variable, never from an argument (arguments are visible to every user of
 * the machine in the process list). Errors go to stderr with a non-zero exit
 * code: 1 for a refused operation, 2 for a usage error.
 */
import { parseArgs } from 'node:util';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
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
import { AppError } from '../main/errors.ts';
import { runBackupCli } from './backup-commands.ts';
import { currentIntake, intakeSettingsFromArgs, InvalidQuery, printQuarantine, printReport, printReports, ReportRefused, syncUntilCaughtUp, type CliIo } from './sync-commands.ts';

const USAGE = `Usage:
  iblagh-ws init   --store DIR --analyst NAME [--service NAME] [--locale fr|ar]
  iblagh-ws status --store DIR [--analyst NAME] [--json]
  iblagh-ws sync   --store DIR [--intake URL --token-file FILE --intake-key PEM [--workstation-id ID]]
                   [--max-attempts N]
  iblagh-ws reports list --store DIR --json [--limit N] [--sort priority|submitted_at]
                   [--category C] [--status S] [--platform P] [--region R] [--search TEXT]
  iblagh-ws reports show ID --store DIR --json [--reveal-reporter --reason TEXT]
  iblagh-ws quarantine list --store DIR --json
  iblagh-ws audit verify --store DIR [--online] [--json]
  iblagh-ws cases create --store DIR --title TEXT [--reports ID[,ID…]] [--qualification CODE…] --json
  iblagh-ws cases add REF --reports ID[,ID…] --store DIR
  iblagh-ws cases remove REF --reports ID --reason TEXT --store DIR
  iblagh-ws cases status REF --set open|in_analysis|ready|referred|closed [--reason TEXT] --store DIR
  iblagh-ws cases list --store DIR --json
  iblagh-ws cases show REF --store DIR --json
  iblagh-ws notes add --store DIR (--case REF | --report ID) --text-file FILE [--for-dossier] --json
  iblagh-ws observables list --store DIR (--case REF | --report ID) --json
  iblagh-ws evidence list --store DIR [--case REF | --report ID] --json
  iblagh-ws evidence show ID --store DIR --json
  iblagh-ws evidence verify --store DIR [--json]
  iblagh-ws evidence export ID --out FILE --store DIR [--json]
  iblagh-ws evidence import FILE (--case REF | --report ID) --store DIR --json
  iblagh-ws hashlist import FILE --label TEXT [--source TEXT] --store DIR --json
  iblagh-ws signing certificate --store DIR [--out FILE] [--json]
  iblagh-ws signing import FILE.p12 --store DIR --password-file FILE [--json]
  iblagh-ws diagnose URL --offline --store DIR --json
  iblagh-ws diagnose URL --store DIR [--case REF | --report ID] [--proxy URL] [--resolver IP:PORT] [--allow-private] [--allow-direct] [--screenshot] --json
  iblagh-ws dossier export REF --store DIR --lang ar|fr --out DIR [--zip] [--include-identity ID --reason TEXT]… --json
  iblagh-ws dossier verify PATH [--key-fingerprint FP] [--json]
  iblagh-ws dossier answer REF --store DIR --decision D --date YYYY-MM-DD [--reference TEXT] [--text-file F]
  iblagh-ws backup recovery-key|create|verify|restore …   (see iblagh-ws backup --help)
  iblagh-ws retention preview|apply --store DIR [--json]

The passphrase is read from --passphrase-file FILE or the IBLAGH_PASSPHRASE
environment variable. init creates the encrypted store and its first profile,
a supervisor. status unlocks the store and prints its schema version, counts
and profiles. --analyst picks the profile when the store has several.
sync pulls every change until caught up, fetches the attachments and sends the
status outbox; the intake settings given once are remembered in the store
(changing them needs a supervisor profile). Progress goes to stderr.
reports list filters and sorts like the queue (most urgent first by default):
each filter may be repeated or take comma-separated values, and combines with
the others; --status takes received, in_analysis, claimed_other, referred,
closed_no_action or duplicate; --region MA-01..MA-12 or none.
reports show prints the report as the window shows it, without the
reporter's identity; --reveal-reporter --reason TEXT adds it
(reporter_identity), journaled with the reason like a reveal in the window.
cases, notes and observables print JSON lines; a case restricted to named
analysts is seen only by them (and supervisors), here as in the window.
evidence list prints one JSON line per item (a case's or a report's signed
intake originals and verified attachments become items when first listed;
without --case or --report, every item already registered). evidence verify
hashes every item again, logs the result in each custody log and exits 1
naming those that no longer match. evidence export writes an item's exact
bytes to a new file (never overwriting one) and logs it; evidence import
keeps a file (at most 50 MiB) as evidence of a case or a report. hashlist
import (supervisors) imports a known-hash list (CSV: type,hash lines; JSON:
[{"type","hash"}]; MD5, SHA-1, SHA-256, PDQ) whole or not at all, matches
every attachment in the store and prints imported and matches (reports
flagged); attachments that arrive later are matched when they are analysed.
signing certificate prints the workstation's PDF signing certificate (created
at first use): SHA-256 fingerprint, subject, issuer, validity, chain, and the
manifest key's fingerprint; --out writes the certificate as PEM to a new file,
for the prosecutor's office. signing import (supervisors) replaces it with the
key and chain of a PKCS#12 file (password read from --password-file; the old
certificate is retired, kept to check older dossiers).
diagnose --offline prints one JSON object: what the URL's text says by itself,
with no traffic at all (host in Unicode and punycode, scripts, homographs of
known platforms, registrable domain, shortener, platform and ids, flags). The
URL may be defanged (hxxps[://]example[.]com); quote it for the shell.
diagnose without --offline fetches the URL now (online diagnostics must be
enabled in Settings, or a supervisor profile gives --proxy or --allow-direct):
DNS at the resolver, every redirect, TLS chain, body (capped) with its SHA-256,
the exchange as WARC, kept as evidence of the case or report; it prints one
JSON object and exits 1 when the destination is refused (private address,
direct connection not allowed), 0 with the failure recorded when the server
misbehaves. --proxy takes http://, https:// or socks5://HOST:PORT; traffic
never leaves directly unless --allow-direct (or the setting) allows it.
dossier verify checks a sealed referral package (folder or zip) with no store,
no passphrase and no network: the Ed25519 signature of manifest.json (pinned
to FP with --key-fingerprint), then every file's size and SHA-256; it names
every changed, missing or extra file and any manifest edit (in French), and
exits 1 when anything fails. --json prints ok, signer and problems.
dossier export renders the case's referral dossier (Arabic by default), signs
it (PAdES) and seals the package into DIR/REF-vN (and REF-vN.zip with --zip):
the case must be ready for referral (or referred: a new version); the case
and its reports become referred, sent to intake with the dossier reference.
Reporter identities stay out unless named with --include-identity ID, each
followed by its --reason TEXT (journaled). It prints ref, version, pdf,
package, pages, manifest_sha256, files. dossier answer records what the
police or the prosecutor answered (--decision investigation_opened,
forwarded, no_action or more_information).
retention preview (supervisors) says what the retention rules (law 09-08,
set in the settings screen) would remove now: reporter identities to erase,
reports, cases and evidence items to purge, with oldest and newest dates,
never contents. retention apply removes them (journaled with the counts),
then checkpoints and compacts the store.`;

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
  sort: { type: 'string' },
  title: { type: 'string' },
  reports: { type: 'string', multiple: true },
  qualification: { type: 'string', multiple: true },
  reason: { type: 'string', multiple: true },
  lang: { type: 'string' },
  zip: { type: 'boolean', default: false },
  'include-identity': { type: 'string', multiple: true },
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

async function expect<K extends ChannelName>(core: Core, channel: K, input?: unknown): Promise<ChannelOutput<K>> {
  const result = (await core.dispatch(channel, input)) as Result<ChannelOutput<K>>;
  if (!result.ok) {
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
  const state = await expect(core, 'session.setup', {
    name: values.analyst,
    service: values.service ?? 'Iblagh',
    passphrase,
    locale,
  });
  const analyst = state.phase === 'unlocked' ? state.analyst : null;
  await expect(core, 'session.lock');
  return values.json
    ? JSON.stringify({ created: true, store: requireStore(values), analyst })
    : `Created an encrypted store in ${requireStore(values)} with supervisor profile "${analyst?.name}".`;
}

async function unlockAs(core: Core, values: Values): Promise<void> {
  const state: SessionState = await expect(core, 'session.state');
  if (state.phase === 'setup') throw new CommandError('No store here: create one with `iblagh-ws init`.');
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

function writeOut(text: string): void {
  if (stdoutClosed) throw new OutputClosed('stdout closed');
  process.stdout.write(text);
}

const io: CliIo = { out: (line) => writeOut(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

async function run(core: Core, command: string, values: Values, arg: string | undefined): Promise<string | null> {
  if (command === 'init') return init(core, values);
  if (command === 'status') return status(core, values);
  await unlockAs(core, values);
  try {
    if (command === 'sync') {
      const settings = intakeSettingsFromArgs(values, currentIntake(core), (message) => new UsageError(message));
      if (settings) await expect(core, 'intake.update', settings);
      const final = await syncUntilCaughtUp(core, io);
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
      const filters = { category: list('category'), status: list('status'), platform: list('platform'), region: list('region'), search: values.search };
      try {
        await printReports(core, io, { limit, filters, sort: sort === 'priority' ? { key: 'priority', dir: 'desc' } : { key: 'submittedAt', dir: 'asc' } });
      } catch (error) {
        if (error instanceof InvalidQuery) throw new UsageError(error.message);
        throw error;
      }
      return null;
    }
    if (CASE_COMMANDS.has(command)) {
      try {
        const lines = await runCaseCommand((channel, input) => expect(core, channel, input), command, arg, values);
        for (const line of lines) io.out(line);
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
      for (const line of outcome.lines) io.out(line);
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
      try {
        outcome = await runDossierStoreCommand((channel, input) => expect(core, channel, input), (request) => core.exportDossier(request), command, arg, values);
      } catch (error) {
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
        for (const line of await runHashListCommand((channel, input) => expect(core, channel, input), command, arg, values)) io.out(line);
      } catch (error) {
        if (error instanceof HashListUsageError) throw new UsageError(error.message);
        if (error instanceof HashListRefused) throw new CommandError(error.message);
        throw error;
      }
      return null;
    }
    if (command === 'diagnose' && values.offline) {
      const result = await expect(core, 'diagnostics.offline', { url: arg });
      return JSON.stringify(result.urls[0]);
    }
    if (command === 'diagnose') {
      try {
        return await diagnoseOnline((channel, input) => expect(core, channel, input), arg ?? '', values);
      } catch (error) {
        if (error instanceof DiagnoseUsageError) throw new UsageError(error.message);
        throw error;
      }
    }
    if (command === 'reports show') {
      try {
        await printReport(core, io, arg ?? '', values['reveal-reporter'] ? { reason: values.reason?.[0] ?? '' } : null);
      } catch (error) {
        if (error instanceof ReportRefused) throw error.usage ? new UsageError(error.message) : new CommandError(error.message);
        throw error;
      }
      return null;
    }
    printQuarantine(core, io);
    return null;
  } finally {
    await expect(core, 'session.lock');
  }
}

/** Runs one command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'backup') return runBackupCli(argv.slice(1));
  let core: Core | null = null;
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const [command, sub, arg] = positionals;
    if (values.help || command === 'help') {
      writeOut(`${USAGE}\n`);
      return 0;
    }
    if (!command) throw new UsageError('No command given.');
    // How many words each command takes, its own name included.
    const words: Record<string, number> = {
      init: 1,
      status: 1,
      sync: 1,
      'reports list': 2,
      'reports show': 3,
      'quarantine list': 2,
      'cases create': 2,
      'cases add': 3,
      'cases remove': 3,
      'cases status': 3,
      'cases list': 2,
      'cases show': 3,
      'notes add': 2,
      'observables list': 2,
      'evidence list': 2,
      'evidence show': 3,
      'evidence verify': 2,
      'evidence export': 3,
      'evidence import': 3,
      'hashlist import': 3,
      'signing certificate': 2,
      'signing import': 3,
      'dossier verify': 3,
      'dossier export': 3,
      'dossier answer': 3,
      'audit verify': 2,
      'retention preview': 2,
      'retention apply': 2,
      diagnose: 2,
    };
    const shape = ['reports', 'quarantine', 'cases', 'notes', 'observables', 'evidence', 'hashlist', 'dossier', 'signing', 'audit', 'retention'].includes(command) ? `${command} ${sub ?? ''}`.trim() : command;
    const expected = words[shape];
    if (expected === undefined) throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
    if (positionals.length < expected) throw new UsageError(`${shape} needs ${shape.startsWith('cases') ? 'a case reference' : shape === 'evidence import' || shape === 'hashlist import' || shape === 'signing import' ? 'a file' : shape === 'diagnose' ? 'a URL' : shape === 'dossier verify' ? 'a package PATH (folder or zip)' : shape.startsWith('evidence') ? 'an evidence id' : 'a report id'}.`);
    if (positionals.length > expected) throw new UsageError(`Unexpected argument: ${positionals[expected]}`);
    if ((command === 'reports' || command === 'quarantine' || shape === 'cases list' || shape === 'cases show' || shape === 'observables list' || shape === 'evidence list' || shape === 'evidence show' || shape === 'evidence import') && !values.json) throw new UsageError(`${shape} prints JSON lines: add --json.`);
    if (shape === 'diagnose' && !values.json) throw new UsageError('diagnose prints JSON: add --json.');
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
    // Loaded here, not at start: `dossier verify` (above) needs nothing of the core and answers in a fraction of a second.
    const { createCore } = await import('../main/core.ts');
    core = createCore({
      storeDir: requireStore(values),
      host: 'cli',
      version: packageVersion(),
      ...(maxAttempts ? { syncEngine: { retry: { maxAttempts } } } : {}),
    });
    const output = await run(core, shape, values, shape === 'diagnose' ? sub : arg);
    if (output !== null) writeOut(`${output}\n`);
    return 0;
  } catch (error) {
    // The reader of stdout went away (`| head`): what it wanted, it has. A write error other than EPIPE set exitCode.
    if (error instanceof OutputClosed) return typeof process.exitCode === 'number' ? process.exitCode : 0;
    if (error instanceof UsageError) {
      process.stderr.write(`iblagh-ws: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof CommandError) {
      process.stderr.write(`iblagh-ws: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`iblagh-ws: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    core?.close();
    await closeChromium();
  }
}
