/**
 * Issue #14, the command line: every failure of every command is one clear
 * line on stderr with exit 1 (a stack trace only with --debug), a usage error
 * is the problem, the command's own usage and where to read more (exit 2),
 * never the whole help; lists print a readable table without --json.
 *
 * The table of failures runs `main` in this process (the same function the
 * binary runs, with its output captured) so that a representative failure of
 * every command costs one unlock, not one Node start; the cases that were
 * broken at the process level (a spin, a stack trace printed while closing)
 * run the real binary.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { fit, inertText } from '../../src/cli/render.ts';
import { startIntakeServer } from '../../src/intake/server.ts';
import { CLI_PASSPHRASE, cliAsync, initSyncedStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

const BIN = new URL('../../bin/iblagh-ws.js', import.meta.url).pathname;
const STACK_FRAME = /^\s+at .+/m;
/** What must never reach a terminal from a report: bidi controls, C0/C1 controls (escape sequences) but the line feed, invisible format characters. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

/** The real binary, killed after `timeoutMs` (a spin must fail the test, not hang it). */
function binary(args: string[], timeoutMs = 60_000): Promise<{ status: number | null; stdout: string; stderr: string; ms: number; killed: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, IBLAGH_PASSPHRASE: CLI_PASSPHRASE } });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started, killed });
    });
  });
}

function assertOneLineFailure(label: string, r: { status: number | null; stdout: string; stderr: string }, match?: RegExp): void {
  assert.equal(r.status, 1, `${label}: exit 1\n${r.stderr}`);
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 2, `${label}: one line on stderr, got:\n${r.stderr}`);
  assert.equal(lines[1], '', `${label}: the line ends`);
  assert.match(lines[0]!, /^iblagh-ws: \S/, label);
  assert.doesNotMatch(r.stderr, STACK_FRAME, `${label}: no stack frame`);
  assert.doesNotMatch(r.stderr, /INTERNAL|unexpected failure|Error: /, `${label}: a known failure, said as one`);
  assert.doesNotMatch(r.stderr, UNSAFE, `${label}: inert`);
  if (match) assert.match(lines[0]!, match, label);
}

function assertUsageError(label: string, r: { status: number | null; stdout: string; stderr: string }, usageOf: string, match?: RegExp): void {
  assert.equal(r.status, 2, `${label}: exit 2\n${r.stderr}`);
  assert.equal(r.stdout, '', label);
  const lines = r.stderr.trimEnd().split('\n');
  assert.match(lines[0]!, /^iblagh-ws: \S/, label);
  if (match) assert.match(lines[0]!, match, label);
  assert.ok(lines.length <= 8, `${label}: not the whole help (${lines.length} lines):\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK_FRAME, label);
  if (usageOf === '') {
    assert.equal(lines.at(-1), 'The commands: iblagh-ws --help', label);
    return;
  }
  assert.ok(lines[1]!.startsWith(`Usage: iblagh-ws ${usageOf}`), `${label}: the command's own usage first:\n${r.stderr}`);
  assert.equal(lines.at(-1), `More: iblagh-ws ${usageOf} --help`, label);
  for (const line of lines.slice(1, -1)) {
    const other = /iblagh-ws (\S+)/.exec(line)?.[1];
    if (other !== undefined) assert.equal(other, usageOf.split(' ')[0], `${label}: only this command's usage:\n${r.stderr}`);
  }
}

interface Row {
  args: string[];
  /** `failure`: one line, exit 1. Otherwise the command whose usage a usage error shows ('' for none). */
  usage?: string;
  match?: RegExp;
}

test('a representative failure of every command is one line on stderr and exit 1; usage errors show that command only', async (t) => {
  const dir = tempDir(t);
  const store = join(dir, 'store');
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const file = join(dir, 'a-file.txt');
  writeFileSync(file, 'not a folder');
  const wrong = join(dir, 'wrong.pass');
  writeFileSync(wrong, 'not the passphrase at all 99', { mode: 0o600 });
  const weak = join(dir, 'weak.pass');
  writeFileSync(weak, 'azerty123', { mode: 0o600 });
  const note = join(dir, 'note.md');
  writeFileSync(note, 'Constat.');
  process.env['IBLAGH_PASSPHRASE'] = CLI_PASSPHRASE;
  t.after(() => delete process.env['IBLAGH_PASSPHRASE']);
  const created = await run(['init', '--store', store, '--analyst', 'Karima Benali']);
  assert.equal(created.status, 0, created.stderr);

  const S = ['--store', store];
  const unknownCase = 'DOS-2026-WSRABAT03-09999';
  const procfs = existsSync('/proc/self') ? [{ args: ['init', '--store', '/proc/iblagh-xyz', '--analyst', 'Karima Benali'], match: /Cannot create the folder \/proc\/iblagh-xyz/ }] : [];
  const rows: Row[] = [
    // init: paths that cannot be a store, a store already there, a weak passphrase, flags.
    ...procfs,
    { args: ['init', '--store', join(file, 'sub'), '--analyst', 'Karima Benali'], match: /a-file\.txt is a file, not a folder/ },
    { args: ['init', '--store', '/dev/null', '--analyst', 'Karima Benali'], match: /\/dev\/null is not a folder/ },
    { args: ['init', ...S, '--analyst', 'Karima Benali'], match: /WRONG_PHASE/ },
    { args: ['init', '--store', join(dir, 'weak'), '--analyst', 'Karima Benali', '--passphrase-file', weak], match: /WEAK_PASSPHRASE/ },
    { args: ['init', '--store', join(dir, 'x')], usage: 'init', match: /--analyst NAME is required/ },
    { args: ['init', '--store', join(dir, 'x'), '--analyst', 'Karima Benali', '--locale', 'en'], usage: 'init', match: /--locale/ },
    // status: no store, a file, the wrong passphrase, an unreadable passphrase file, missing and unknown flags.
    { args: ['status', '--store', join(dir, 'nope')], match: /No store in .*nope/ },
    { args: ['status', '--store', empty], match: /No store in .*empty/ },
    { args: ['status', '--store', file], match: /a-file\.txt is not a folder/ },
    { args: ['status', ...S, '--passphrase-file', wrong], match: /WRONG_PASSPHRASE/ },
    { args: ['status', ...S, '--passphrase-file', join(dir, 'missing.pass')], match: /Cannot read the passphrase file/ },
    { args: ['status'], usage: 'status', match: /--store DIR is required/ },
    { args: ['status', ...S, '--frobnicate'], usage: 'status', match: /^iblagh-ws: Unknown option --frobnicate\.$/ },
    { args: ['status', '--store'], usage: 'status', match: /--store needs a value/ },
    // sync: nothing configured, bad values.
    { args: ['sync', ...S], match: /No intake service is configured for this store: give --intake URL/ },
    { args: ['sync', ...S, '--max-attempts', '0'], usage: 'sync', match: /--max-attempts/ },
    { args: ['sync', ...S, '--intake', 'http://127.0.0.1:9/api/v1', '--token-file', join(dir, 'missing-token')], usage: 'sync', match: /Cannot read the token file/ },
    // reports and quarantine.
    { args: ['reports', 'list', ...S, '--limit', 'many'], usage: 'reports list', match: /--limit/ },
    { args: ['reports', 'list', ...S, '--sort', 'random'], usage: 'reports list', match: /--sort/ },
    { args: ['reports', 'list', ...S, '--status', 'bogus'], usage: 'reports list' },
    { args: ['reports', 'list', 'extra', ...S], usage: 'reports list', match: /Unexpected argument: extra/ },
    { args: ['reports', 'show', ...S], usage: 'reports show', match: /needs a report id/ },
    { args: ['reports', 'show', 'IBL-2026-9999999', ...S], match: /No report IBL-2026-9999999/ },
    { args: ['reports', 'show', 'IBL-2026-9999999', ...S, '--reveal-reporter'], usage: 'reports show', match: /--reason/ },
    { args: ['quarantine', 'list', '--store', '/dev/null'], match: /not a folder/ },
    { args: ['audit', 'verify', ...S, '--passphrase-file', wrong], match: /WRONG_PASSPHRASE/ },
    // cases, notes, observables.
    { args: ['cases', 'create', ...S], usage: 'cases create', match: /--title/ },
    { args: ['cases', 'add', unknownCase, '--reports', 'IBL-2026-0000001', ...S], match: /\((NOT_FOUND|INVALID_INPUT)\)$/ },
    { args: ['cases', 'remove', unknownCase, '--reports', 'IBL-2026-0000001', ...S], usage: 'cases remove', match: /--reason/ },
    { args: ['cases', 'status', unknownCase, ...S], usage: 'cases status', match: /--set/ },
    { args: ['cases', 'list', ...S, '--passphrase-file', wrong], match: /WRONG_PASSPHRASE/ },
    { args: ['cases', 'show', unknownCase, ...S], match: /NOT_FOUND/ },
    { args: ['notes', 'add', ...S, '--text-file', note], usage: 'notes add', match: /--case REF or --report ID/ },
    { args: ['notes', 'add', ...S, '--case', unknownCase, '--text-file', join(dir, 'missing.md')], usage: 'notes add', match: /Cannot read/ },
    { args: ['observables', 'list', ...S], usage: 'observables list' },
    // evidence.
    { args: ['evidence', 'list', ...S, '--case', unknownCase, '--report', 'IBL-2026-0000001'], usage: 'evidence list', match: /not both/ },
    { args: ['evidence', 'show', 'EV-2026-WSRABAT03-999999', ...S], match: /NOT_FOUND/ },
    { args: ['evidence', 'verify', '--store', join(dir, 'nope')], match: /No store in/ },
    { args: ['evidence', 'export', 'EV-2026-WSRABAT03-999999', ...S], usage: 'evidence export', match: /--out/ },
    { args: ['evidence', 'export', 'EV-2026-WSRABAT03-999999', '--out', join(file, 'copy.bin'), ...S], match: /is not a folder/ },
    { args: ['evidence', 'import', join(dir, 'missing.png'), '--report', 'IBL-2026-0000001', ...S], usage: 'evidence import', match: /Cannot read/ },
    // hash lists, signing.
    { args: ['hashlist', 'import', file, ...S], usage: 'hashlist import', match: /--label/ },
    { args: ['hashlist', 'import', join(dir, 'missing.csv'), '--label', 'Liste', ...S], match: /No file/ },
    { args: ['signing', 'certificate', ...S, '--out', file], match: /the file exists/ },
    { args: ['signing', 'import', file, ...S], usage: 'signing import', match: /--password-file/ },
    // diagnose (nothing leaves: online diagnostics are off in a new store, and the address is loopback).
    { args: ['diagnose', ...S], usage: 'diagnose', match: /needs a URL/ },
    { args: ['diagnose', 'http://127.0.0.1:9/', ...S], match: /ONLINE_DISABLED/ },
    // dossiers.
    { args: ['dossier', 'export', unknownCase, ...S, '--lang', 'fr'], usage: 'dossier export', match: /--out/ },
    { args: ['dossier', 'export', unknownCase, ...S, '--out', join(file, 'out')], match: /is a file, not a folder/ },
    { args: ['dossier', 'export', unknownCase, ...S, '--out', join(dir, 'exports')], match: /NOT_FOUND/ },
    { args: ['dossier', 'verify'], usage: 'dossier verify' },
    { args: ['dossier', 'verify', join(dir, 'no-such-package')] },
    { args: ['dossier', 'answer', unknownCase, ...S, '--decision', 'maybe', '--date', '2026-12-01'], usage: 'dossier answer', match: /--decision/ },
    // retention, backups.
    { args: ['retention', 'preview', ...S, '--passphrase-file', wrong], match: /WRONG_PASSPHRASE/ },
    { args: ['retention', 'apply', '--store', '/dev/null'], match: /not a folder/ },
    { args: ['retention', 'purge', ...S], usage: 'retention', match: /Unknown command: retention purge/ },
    { args: ['backup', 'create', ...S], usage: 'backup create', match: /--out FILE/ },
    { args: ['backup', 'create', '--store', '/dev/null', '--out', join(dir, 'b.bak')], match: /not a folder/ },
    { args: ['backup', 'verify', join(dir, 'missing.bak')], match: /Cannot open the backup file/ },
    { args: ['backup', 'restore', file, '--store', join(file, 'sub')], match: /is a file, not a folder/ },
    // No command, an unknown one.
    { args: [], usage: '', match: /No command given/ },
    { args: ['frobnicate', ...S], usage: '', match: /Unknown command: frobnicate/ },
  ];
  for (const row of rows) {
    const label = row.args.join(' ').replaceAll(dir, '…');
    const result = await run(row.args);
    if (row.usage === undefined) assertOneLineFailure(label, result, row.match);
    else if (row.usage.startsWith('backup')) {
      // backup has its own parser: its usage line is `backup create …` under the same rules.
      assert.equal(result.status, 2, label);
      const lines = result.stderr.trimEnd().split('\n');
      assert.match(lines[0]!, row.match ?? /./, label);
      assert.ok(lines[1]!.startsWith(`Usage: iblagh-ws ${row.usage}`), `${label}:\n${result.stderr}`);
      assert.equal(lines.at(-1), 'More: iblagh-ws backup --help', label);
      assert.ok(lines.length <= 5, label);
    } else assertUsageError(label, result, row.usage, row.match);
  }
  // Nothing was left behind by the refusals: no half-made store, no empty export folder.
  assert.equal(existsSync(join(dir, 'weak')), false, 'a refused init leaves no folder');
  assert.equal(existsSync(join(dir, 'exports')), false, 'a refused export leaves no folder');
  assert.equal(existsSync(join(dir, 'x')), false);
});

test('the process itself: /proc/xyz fails at once, a path under a file and a sync with no intake print one line, and --debug adds the stack', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'a-file.txt');
  writeFileSync(file, 'not a folder');
  if (existsSync('/proc/self')) {
    // Was a recursive mkdirSync spinning at 100% CPU for ten minutes.
    const proc = await binary(['init', '--store', '/proc/xyz', '--analyst', 'Karima Benali'], 60_000);
    assert.equal(proc.killed, false, 'it ends by itself');
    assertOneLineFailure('init /proc/xyz', proc, /Cannot create the folder \/proc\/xyz/);
  }
  // Was "(INTERNAL)" and two stack traces (one of them thrown while closing).
  for (const path of [join(file, 'sub'), '/dev/null']) assertOneLineFailure(`init ${path}`, await binary(['init', '--store', path, '--analyst', 'Karima Benali']), /not a folder/);
  const store = join(dir, 'store');
  assert.equal((await binary(['init', '--store', store, '--analyst', 'Karima Benali'])).status, 0);
  // Was "unexpected failure: Error: … (INTAKE_NOT_CONFIGURED)" and a stack trace.
  assertOneLineFailure('sync', await binary(['sync', '--store', store]), /No intake service is configured/);

  // A failure nobody planned for (the keyring is a folder: EISDIR deep in the core): one line, the details with --debug.
  const broken = join(dir, 'broken');
  mkdirSync(join(broken, 'keyring.json'), { recursive: true });
  const plain = await binary(['status', '--store', broken]);
  assert.equal(plain.status, 1);
  assert.equal(plain.stderr, 'iblagh-ws: unexpected failure in session.state (--debug shows the details)\n');
  const debug = await binary(['status', '--store', broken, '--debug']);
  assert.equal(debug.status, 1);
  assert.match(debug.stderr, /EISDIR/);
  assert.match(debug.stderr, STACK_FRAME, 'the stack with --debug');
  assert.match(debug.stderr, /^iblagh-ws: unexpected failure in session\.state \(details above\)$/m);
});

test('--help after a command prints that command; help without one prints every command', async () => {
  const reports = await run(['reports', 'list', '--help']);
  assert.equal(reports.status, 0);
  assert.ok(reports.stdout.startsWith('Usage: iblagh-ws reports list --store DIR [--json]'), reports.stdout);
  assert.doesNotMatch(reports.stdout, /iblagh-ws (cases|retention|dossier)/, 'only this command');
  const cases = await run(['cases', '--help']);
  for (const sub of ['create', 'add', 'remove', 'status', 'list', 'show']) assert.match(cases.stdout, new RegExp(`iblagh-ws cases ${sub} `), sub);
  assert.doesNotMatch(cases.stdout, /iblagh-ws reports/);
  const viaHelp = await run(['help', 'sync']);
  assert.ok(viaHelp.stdout.startsWith('Usage: iblagh-ws sync '), viaHelp.stdout);
  const all = await run(['--help']);
  for (const command of ['init', 'sync', 'reports list', 'evidence verify', 'dossier verify', 'retention apply', 'backup']) assert.match(all.stdout, new RegExp(`iblagh-ws ${command}`), command);
  const unknown = await run(['frobnicate', '--help']);
  assert.equal(unknown.status, 2);
});

test('table cells are cut to their width without cutting a character or a mark, and hold nothing a terminal would obey', () => {
  const hostile = 'abc\u202Edef\u001b[31mred\u0007\nnext\tcol';
  const inert = inertText(hostile);
  assert.doesNotMatch(inert, UNSAFE);
  assert.doesNotMatch(inert, /\n/);
  assert.match(inert, /⟦U\+202E RLO⟧/);
  assert.match(inert, /⟦U\+001B C0⟧/);
  for (let width = 1; width < 40; width++) {
    const { text, width: used } = fit(inert, width);
    assert.ok(used <= width, `${width}`);
    // A mark is whole or absent.
    assert.equal((text.match(/⟦/g) ?? []).length, (text.match(/⟧/g) ?? []).length, text);
  }
  // Surrogate pairs and combining marks stay whole; wide characters count two columns.
  assert.equal(fit('😀😀😀', 5).text, '😀😀…');
  assert.equal(fit('é'.normalize('NFD').repeat(4), 3).text, `${'é'.normalize('NFD').repeat(2)}…`);
  assert.equal(fit('جماعة', 10).text, 'جماعة');
  assert.equal(inertText(null), '—');
  // French typography's no-break spaces are spaces in a terminal: kept as they are.
  assert.equal(inertText('Statut\u00a0: reçu\u202f!'), 'Statut\u00a0: reçu\u202f!');
});

test('reports list prints an aligned table without --json, with hostile text inert; --json is unchanged', async (t) => {
  const server = await startIntakeServer({ seed: 14, count: 12, attachments: 0 });
  t.after(() => server.close());
  // A report from a stranger: a category that reorders and recolours what follows it, and is long.
  const hostile = server.appendReport({ category: 'online_gambling\u202Eevil\u001b[31mRED\u001b[0m_and_a_very_long_tail', imminentDanger: true });
  const hostileId = (JSON.parse(hostile.payload) as { id: string }).id;
  const store = await initSyncedStore(tempDir(t), server);

  const table = await cliAsync(['reports', 'list', '--store', store]);
  assert.equal(table.status, 0, table.stderr);
  assert.doesNotMatch(table.stdout, UNSAFE, 'no control or bidi character reaches the terminal');
  const lines = table.stdout.trimEnd().split('\n');
  const header = lines[0]!;
  assert.match(header, /^ID +PRIORITY +STATUS +CATEGORY +PLATFORM +REGION +SUBMITTED \(UTC\) +VERIFIED ATT\. +DANGER$/);
  const starts = ['PRIORITY', 'STATUS', 'CATEGORY', 'PLATFORM', 'REGION', 'SUBMITTED'].map((title) => header.indexOf(title));
  const rows = lines.slice(1);
  assert.equal(rows.length, 13);
  for (const row of rows) {
    assert.match(row, /^IBL-\d{4}-\d{7} /, row);
    // Every column starts where its title does: the cells before it were padded or cut to their width.
    for (const start of starts) assert.equal(row[start - 1], ' ', `${row}\n${header}`);
    assert.match(row.slice(starts[0]!, starts[1]!), /^\d+ +$/, row);
  }
  const shown = rows.find((row) => row.startsWith(hostileId));
  assert.ok(shown, 'the hostile report is listed');
  assert.match(shown, /online_gambling⟦U\+202E RLO⟧ev… /, 'the override shows as a mark and the long value is cut');
  assert.match(shown, /imminent$/);

  const json = await cliAsync(['reports', 'list', '--store', store, '--json']);
  assert.equal(json.status, 0, json.stderr);
  const objects = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(objects.map((o) => o['id']), rows.map((r) => r.split(' ')[0]), 'the same reports in the same order');
  assert.equal(objects.find((o) => o['id'] === hostileId)?.['category'], 'online_gambling\u202Eevil\u001b[31mRED\u001b[0m_and_a_very_long_tail', '--json keeps the exact value');
  assert.deepEqual(Object.keys(objects[0]!), ['id', 'revision', 'revisions', 'category', 'platform', 'submitted_at', 'reporter_mode', 'country', 'region', 'imminent_danger', 'attachments', 'attachments_verified', 'status', 'status_workstation', 'priority', 'cluster_id', 'cluster_size', 'demo']);

  // One report without --json: field and value lines, the same marks.
  const one = await cliAsync(['reports', 'show', hostileId, '--store', store]);
  assert.equal(one.status, 0, one.stderr);
  assert.doesNotMatch(one.stdout, UNSAFE);
  assert.match(one.stdout, new RegExp(`^id +${hostileId}$`, 'm'));
  assert.match(one.stdout, /^category +online_gambling⟦U\+202E RLO⟧evil⟦U\+001B C0⟧\[31mRED/m);

  // The other lists too: a table (or a word when there is nothing), never "add --json".
  const quarantine = await cliAsync(['quarantine', 'list', '--store', store]);
  assert.equal(quarantine.status, 0, quarantine.stderr);
  assert.equal(quarantine.stdout, '(nothing to list)\n');
  // A case title refuses control and direction characters; an Arabic one is shown as it is.
  const title = 'ألعاب القمار على الإنترنت';
  const cases = await cliAsync(['cases', 'create', '--store', store, '--title', title, '--reports', hostileId]);
  assert.equal(cases.status, 0, cases.stderr);
  assert.match(cases.stdout, /^ref +DOS-/m);
  const listed = await cliAsync(['cases', 'list', '--store', store]);
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /^REF +STATUS +REPORTS/);
  assert.match(listed.stdout, new RegExp(`  ${title}$`, 'm'));
  assert.doesNotMatch(listed.stdout, UNSAFE);
});
