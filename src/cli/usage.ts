/**
 * What `iblagh-ws` says about its commands: each command's own usage line(s)
 * and paragraph, the full help assembled from them, and the short answer to a
 * usage error (the one problem, the command's usage, where to read more)
 * instead of the whole help.
 */

interface CommandHelp {
  /** The usage line(s), without the leading "iblagh-ws". */
  readonly usage: readonly string[];
  /** Which paragraph of HELP_TEXT explains it. */
  readonly topic: string;
}

const COMMANDS: ReadonlyMap<string, CommandHelp> = new Map<string, CommandHelp>([
  ['init', { usage: ['init   --store DIR --analyst NAME [--service NAME] [--locale fr|ar] [--json]'], topic: 'store' }],
  ['status', { usage: ['status --store DIR [--analyst NAME] [--json]'], topic: 'store' }],
  ['sync', { usage: ['sync   --store DIR [--intake URL --token-file FILE --intake-key PEM [--workstation-id ID]]', '       [--max-attempts N] [--json]'], topic: 'sync' }],
  [
    'reports list',
    {
      usage: ['reports list --store DIR [--json] [--limit N] [--sort priority|submitted_at]', '       [--open] [--category C] [--status S] [--platform P] [--region R] [--search TEXT]'],
      topic: 'reports list',
    },
  ],
  ['reports show', { usage: ['reports show ID --store DIR [--json] [--reveal-reporter --reason TEXT]'], topic: 'reports show' }],
  ['quarantine list', { usage: ['quarantine list --store DIR [--json]'], topic: 'reports show' }],
  ['audit verify', { usage: ['audit verify --store DIR [--online] [--json]'], topic: 'audit' }],
  ['cases create', { usage: ['cases create --store DIR --title TEXT [--reports ID[,ID…]] [--qualification CODE…] [--json]'], topic: 'cases' }],
  ['cases add', { usage: ['cases add REF --reports ID[,ID…] --store DIR [--json]'], topic: 'cases' }],
  ['cases remove', { usage: ['cases remove REF --reports ID --reason TEXT --store DIR [--json]'], topic: 'cases' }],
  ['cases status', { usage: ['cases status REF --set open|in_analysis|ready|referred|closed [--reason TEXT] [--take-over] --store DIR [--json]'], topic: 'cases' }],
  ['cases list', { usage: ['cases list --store DIR [--json]'], topic: 'cases' }],
  ['cases show', { usage: ['cases show REF --store DIR [--json]'], topic: 'cases' }],
  ['notes add', { usage: ['notes add --store DIR (--case REF | --report ID) --text-file FILE [--for-dossier] [--json]'], topic: 'cases' }],
  ['observables list', { usage: ['observables list --store DIR (--case REF | --report ID) [--json]'], topic: 'cases' }],
  ['evidence list', { usage: ['evidence list --store DIR [--case REF | --report ID] [--json]'], topic: 'evidence' }],
  ['evidence show', { usage: ['evidence show ID --store DIR [--json]'], topic: 'evidence' }],
  ['evidence verify', { usage: ['evidence verify --store DIR [--json]'], topic: 'evidence' }],
  ['evidence export', { usage: ['evidence export ID --out FILE --store DIR [--json]'], topic: 'evidence' }],
  ['evidence import', { usage: ['evidence import FILE (--case REF | --report ID) --store DIR [--json]'], topic: 'evidence' }],
  ['hashlist import', { usage: ['hashlist import FILE --label TEXT [--source TEXT] --store DIR [--json]'], topic: 'hashlist' }],
  ['signing certificate', { usage: ['signing certificate --store DIR [--out FILE] [--json]'], topic: 'signing' }],
  ['signing import', { usage: ['signing import FILE.p12 --store DIR --password-file FILE [--json]'], topic: 'signing' }],
  [
    'diagnose',
    {
      usage: ['diagnose URL --offline --store DIR [--json]', 'diagnose URL --store DIR [--case REF | --report ID] [--proxy URL] [--resolver IP:PORT] [--allow-private] [--allow-direct] [--screenshot] [--json]'],
      topic: 'diagnose',
    },
  ],
  ['dossier export', { usage: ['dossier export REF --store DIR --lang ar|fr --out DIR [--zip] [--include-identity ID --reason TEXT]… [--take-over] [--json]'], topic: 'dossier export' }],
  ['dossier verify', { usage: ['dossier verify PATH [--key-fingerprint FP] [--json]'], topic: 'dossier verify' }],
  ['dossier answer', { usage: ['dossier answer REF --store DIR --decision D --date YYYY-MM-DD [--reference TEXT] [--text-file F] [--json]'], topic: 'dossier export' }],
  ['backup', { usage: ['backup recovery-key|create|verify|restore …   (see iblagh-ws backup --help)'], topic: 'backup' }],
  ['retention preview', { usage: ['retention preview --store DIR [--json]'], topic: 'retention' }],
  ['retention apply', { usage: ['retention apply --store DIR [--json]'], topic: 'retention' }],
]);

const GENERAL = `The passphrase is read from --passphrase-file FILE or the IBLAGH_PASSPHRASE
environment variable. Lists print as tables and one object as "field  value"
lines, with what came from reports and files made inert (invisible, bidi and
control characters shown as ⟦U+…⟧ marks); --json prints JSON instead (one
object per line). Every failure is one line on stderr: exit 1 for a refused or
failed operation, 2 for a usage error (with the command's usage); --debug adds
the details (a stack trace) to an unexpected failure.`;

const TOPICS: ReadonlyMap<string, string> = new Map([
  [
    'store',
    `init creates the encrypted store and its first profile, a supervisor. status
unlocks the store and prints its schema version, counts and profiles.
--analyst picks the profile when the store has several.`,
  ],
  [
    'sync',
    `sync pulls every change until caught up, fetches the attachments and sends the
status outbox; the intake settings given once are remembered in the store
(changing them needs a supervisor profile) once their connection test passes:
a wrong token, address or key is one line, exit 1, and nothing is saved.
Progress goes to stderr.`,
  ],
  [
    'reports list',
    `reports list filters and sorts like the queue (most urgent first by default):
each filter may be repeated or take comma-separated values, and combines with
the others; --status takes received, in_analysis, claimed_other, referred,
closed_no_action or duplicate; --open keeps open work only (received, in
analysis here or elsewhere), as the queue's default view does, where every
report is listed without it; --region MA-01..MA-12 or none. The table's
long values are cut with …; --json prints one JSON object per report.`,
  ],
  [
    'reports show',
    `reports show prints the report as the window shows it, without the
reporter's identity; --reveal-reporter --reason TEXT adds it
(reporter_identity), journaled with the reason like a reveal in the window.
quarantine list prints the items the sync set aside.`,
  ],
  [
    'audit',
    `audit verify walks the audit journal's hash chain and checks it against the
anchor receipts (with --online, against the service's list); exit 1 when
anything breaks it.`,
  ],
  [
    'cases',
    `cases, notes and observables go through the same checks as the window: a
case restricted to named analysts is seen only by them (and supervisors).`,
  ],
  [
    'evidence',
    `evidence list prints one line per item (a case's or a report's signed intake
originals and verified attachments become items when first listed; without
--case or --report, every item already registered). evidence verify hashes every item again, logs the result in each
custody log and exits 1 naming those that no longer match. evidence export
writes an item's exact bytes to a new file (never overwriting one) and logs
it; evidence import keeps a file (at most 50 MiB) as evidence of a case or a
report.`,
  ],
  [
    'hashlist',
    `hashlist import (supervisors) imports a known-hash list (CSV: type,hash lines;
JSON: [{"type","hash"}]; MD5, SHA-1, SHA-256, PDQ) whole or not at all,
matches every attachment in the store and prints imported and matches
(reports flagged); attachments that arrive later are matched when they are
analysed.`,
  ],
  [
    'signing',
    `signing certificate prints the workstation's PDF signing certificate (created
at first use): SHA-256 fingerprint, subject, issuer, validity, chain, and the
manifest key's fingerprint; --out writes the certificate as PEM to a new file,
for the prosecutor's office. signing import (supervisors) replaces it with the
key and chain of a PKCS#12 file (password read from --password-file; the old
certificate is retired, kept to check older dossiers).`,
  ],
  [
    'diagnose',
    `diagnose --offline prints one JSON object: what the URL's text says by itself,
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
never leaves directly unless --allow-direct (or the setting) allows it.`,
  ],
  [
    'dossier verify',
    `dossier verify checks a sealed referral package (folder or zip) with no store,
no passphrase and no network: the Ed25519 signature of manifest.json (pinned
to FP with --key-fingerprint), then every file's size and SHA-256; it names
every changed, missing or extra file and any manifest edit (in French), and
exits 1 when anything fails. --json prints ok, signer and problems.`,
  ],
  [
    'dossier export',
    `dossier export renders the case's referral dossier (Arabic by default), signs
it (PAdES) and seals the package into DIR/REF-vN (and REF-vN.zip with --zip):
the case must be ready for referral (or referred: a new version); the case
and its reports become referred, sent to intake with the dossier reference.
Reporter identities stay out unless named with --include-identity ID, each
followed by its --reason TEXT (journaled). It prints ref, version, pdf,
package, pages, manifest_sha256, files. dossier answer records what the
police or the prosecutor answered (--decision investigation_opened,
forwarded, no_action or more_information).`,
  ],
  ['backup', 'backup makes, checks and restores encrypted backups of the store: iblagh-ws backup --help says how.'],
  [
    'retention',
    `retention preview (supervisors) says what the retention rules (law 09-08,
set in the settings screen) would remove now: reporter identities to erase,
reports, cases and evidence items to purge, with oldest and newest dates,
never contents. retention apply removes them (journaled with the counts),
then checkpoints and compacts the store.`,
  ],
]);

/** `iblagh-ws …` lines; a line that starts with spaces continues the one above. */
function usageLines(entries: readonly string[], first: string): string[] {
  return entries.map((line, i) => (line.startsWith(' ') ? `${' '.repeat(first.length)}          ${line.trimStart()}` : `${i === 0 ? first : ' '.repeat(first.length)}iblagh-ws ${line}`));
}

/** Every command's usage, then what each does: `iblagh-ws --help`. */
export function fullHelp(): string {
  const usage = [...COMMANDS.values()].flatMap((c) => usageLines(c.usage, '  '));
  return ['Usage:', ...usage, '', GENERAL, '', [...TOPICS.values()].join('\n\n')].join('\n');
}

/** The commands a word or two name: `reports list` itself, or every `cases …` for `cases`. */
function commandsFor(shape: string): string[] {
  if (COMMANDS.has(shape)) return [shape];
  const word = shape.split(' ')[0] ?? '';
  return [...COMMANDS.keys()].filter((name) => name.split(' ')[0] === word);
}

/** `iblagh-ws reports list --help`: that command's usage and paragraph. Null for a command that does not exist. */
export function commandHelp(shape: string): string | null {
  const names = commandsFor(shape);
  if (names.length === 0) return null;
  const entries = names.map((name) => COMMANDS.get(name) as CommandHelp);
  const usage = entries.flatMap((c, i) => usageLines(c.usage, i === 0 ? 'Usage: ' : '       '));
  const topics = [...new Set(entries.map((c) => c.topic))].map((topic) => TOPICS.get(topic) as string);
  return [...usage, '', ...topics, '', GENERAL].join('\n');
}

/**
 * What a usage error prints on stderr: the problem, the command's own usage
 * line(s) and where to read more; for an unknown or missing command, the
 * problem and the pointer to the list.
 */
export function usageErrorText(problem: string, shape: string | null): string {
  const names = shape === null ? [] : commandsFor(shape);
  if (names.length === 0) return `iblagh-ws: ${problem}\nThe commands: iblagh-ws --help`;
  const usage = names.flatMap((name, i) => usageLines((COMMANDS.get(name) as CommandHelp).usage, i === 0 ? 'Usage: ' : '       '));
  const hint = COMMANDS.has(shape as string) ? (shape as string) : (shape as string).split(' ')[0];
  return [`iblagh-ws: ${problem}`, ...usage, `More: iblagh-ws ${hint} --help`].join('\n');
}

/** Node's parseArgs messages, said shortly ("Unknown option --frob.", "--store needs a value."). */
export function parseProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${/'([^']+)'/.exec(message)?.[1] ?? ''}.`;
  const missing = /^Option '(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
  return missing ? `${missing[1]} needs a value.` : message;
}
