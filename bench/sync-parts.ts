/**
 * `npm run bench:sync-parts`: what each required part of a sync costs on one
 * core, measured one after the other on the same generated feed as
 * bench:sync (100,000 reports by default), without HTTP and without threads.
 * The sum is the CPU time any design of this sync needs on this machine; divided
 * by the number of cores, it bounds the end-to-end rate from above.
 *
 * Parts: Ed25519 verification of every change; validation (JSON parsing and
 * schema) of every payload; the triage projection (URL canonicalisation, folding);
 * the store's writes (rows, revisions, statuses, clusters, full-text index)
 * into an encrypted store, and the same into a plain SQLite file (the
 * difference is what SQLCipher's page encryption costs); the full-text index
 * alone; the reference service building its pages.
 *
 * Options: --count N (100000).
 */
import { migrationSteps } from '../src/main/core.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import { startIntakeServer } from '../src/intake/server.ts';
import { openDatabase, type Db } from '../src/main/store/database.ts';
import { migrate } from '../src/main/store/migrations/index.ts';
import { applyPage, judgeChange, prepareApply } from '../src/main/sync/apply.ts';
import { ED25519_IMPLEMENTATION, ed25519Verifier } from '../src/main/crypto/ed25519.ts';
import { parseIntakeKey } from '../src/main/crypto/intake-key.ts';
import type { ReportPayload } from '../src/main/reports/payload.ts';
import type { Verified } from '../src/main/sync/signature-verifier.ts';
import { projectReport } from '../src/main/reports/projection.ts';
import { indexPendingObservables } from '../src/main/reports/observable-index.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
const count = Number(values.count);
const PAGE = 1000;

/** CPU seconds of this thread spent in `run` (user + system). */
function cpuSeconds(run: () => void): number {
  const before = process.threadCpuUsage();
  run();
  const used = process.threadCpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** /proc/self/io counters, in MiB (Linux), or null. */
function io(): { written: number; read: number } | null {
  try {
    const fields = Object.fromEntries(readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((line) => line.split(': ') as [string, string]));
    return { written: Number(fields['wchar']) / 2 ** 20, read: Number(fields['rchar']) / 2 ** 20 };
  } catch {
    return null;
  }
}

process.stderr.write(`generating ${count} reports…\n`);
const server = await startIntakeServer({ count, attachments: 2000 });
const pages: { changes: { seq: number; kind: string; payload: string; sig: string }[]; next_after: number; head_seq: number }[] = [];
for (let after = 0; ; ) {
  const changes = server.store.changesAfter(after, PAGE);
  if (changes.length === 0) break;
  after = changes[changes.length - 1]!.seq;
  pages.push({ changes, next_after: after, head_seq: server.headSeq() });
}
const intakeKey = server.publicKeyPem;
const changes = pages.flatMap((page) => page.changes);
const reports = changes.filter((c) => c.kind === 'report').length;
process.stderr.write(`${changes.length} changes (${reports} report revisions) in ${pages.length} pages\n`);

const parts: { part: string; seconds: number; note?: string }[] = [];
const verify = ed25519Verifier(parseIntakeKey(intakeKey));
parts.push({
  part: `Ed25519 verification (${ED25519_IMPLEMENTATION})`,
  seconds: cpuSeconds(() => {
    for (const c of changes) if (!verify(Buffer.from(c.payload, 'utf8'), Buffer.from(c.sig, 'base64'))) throw new Error(`seq ${c.seq} does not verify`);
  }),
});
parts.push({
  part: 'validation: JSON parsing and schema of every payload (as the sync thread judges a change)',
  seconds: cpuSeconds(() => {
    for (const c of changes) if (!judgeChange(c, verify, true).ok) throw new Error(`seq ${c.seq} is not valid`);
  }),
});
let parsed: unknown[] = changes.map((c) => JSON.parse(c.payload) as unknown);
let verified: Verified[][] = [];
parts.push({
  part: 'projection (URLs, clusters, folded text), from parsed payloads',
  seconds: cpuSeconds(() => {
    let i = 0;
    verified = pages.map((page) =>
      page.changes.map((c) => ({ signature: true, projection: c.kind === 'report' ? projectReport(parsed[i++] as ReportPayload) : (i++, null) })),
    );
  }),
});
parsed = [];

/** The sync thread's writes, page by page as the engine commits them, with the verdicts already known. */
function applyAll(db: Db): { seconds: number; written: number | null; read: number | null } {
  migrate(db, migrationSteps);
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('synchronous = NORMAL');
  const statements = prepareApply(db);
  const before = io();
  const seconds = cpuSeconds(() => {
    pages.forEach((page, i) => applyPage(db, statements, page, () => true, { demo: false, verified: verified[i]! }));
    db.pragma('wal_checkpoint(PASSIVE)');
  });
  const after = io();
  return { seconds, written: before && after ? after.written - before.written : null, read: before && after ? after.read - before.read : null };
}

const work = mkdtempSync(join(tmpdir(), 'iblagh-bench-parts-'));
try {
  const encrypted = openDatabase(join(work, 'encrypted.db'), randomBytes(32), { create: true });
  const e = applyAll(encrypted);
  // After the feed, in the same run: each stored report read back, its observables extracted and linked.
  // (On this thread only: its extractor is the default, in-thread one; the sync run extracts on a second thread.)
  const cpuBefore = process.threadCpuUsage();
  const linked = await indexPendingObservables(encrypted);
  const cpuUsed = process.threadCpuUsage(cpuBefore);
  const observableSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
  const links = encrypted.prepare('SELECT count(*) FROM report_observables').pluck().get() as number;
  encrypted.close();
  const plainDb = new Database(join(work, 'plain.db'));
  plainDb.pragma('journal_mode = WAL');
  plainDb.pragma('foreign_keys = ON');
  plainDb.pragma('temp_store = MEMORY');
  const p = applyAll(plainDb);
  plainDb.close();
  const size = statSync(join(work, 'encrypted.db')).size / 2 ** 20;
  const traffic = e.written === null ? '' : `; ${e.written.toFixed(0)} MiB written, ${e.read!.toFixed(0)} MiB read back, file ${size.toFixed(0)} MiB`;
  // applyPage judges each change again (the validation above): counted once.
  const validation = parts[1]!.seconds;
  parts.push({ part: 'store writes into a plain SQLite file (rows, revisions, statuses, clusters, full-text index, checkpoint)', seconds: p.seconds - validation, note: `applying the pages took ${p.seconds.toFixed(2)} s with their validation` });
  parts.push({ part: 'SQLCipher page encryption and authentication (encrypted minus plain)', seconds: e.seconds - p.seconds, note: `encrypted store ${e.seconds.toFixed(2)} s${traffic}` });

  parts.push({ part: 'observables indexed after the feed: each report read back, extracted, linked (encrypted store)', seconds: observableSeconds, note: `${linked} reports, ${links} links` });

  // The full-text index alone, in the same transactions of a thousand.
  const fts = openDatabase(join(work, 'fts.db'), randomBytes(32), { create: true });
  migrate(fts, migrationSteps);
  const insert = fts.prepare('INSERT INTO report_search (rowid, body) VALUES (?, ?)');
  const bodies = verified.flat().flatMap((v) => (v.projection ? [v.projection.searchBody] : []));
  const ftsSeconds = cpuSeconds(() => {
    for (let i = 0; i < bodies.length; i += PAGE) fts.transaction(() => bodies.slice(i, i + PAGE).forEach((body, j) => insert.run(i + j + 1, body)))();
  });
  fts.close();

  const serveSeconds = cpuSeconds(() => {
    for (let after = 0; ; ) {
      const page = server.store.changesAfterJson(after, PAGE);
      if (page.count === 0) break;
      Buffer.concat([Buffer.from('{"changes":['), page.json, Buffer.from(`],"next_after":${page.lastSeq},"head_seq":0}`)]);
      after = page.lastSeq!;
    }
  });
  parts.push({ part: 'the reference service building its pages', seconds: serveSeconds });

  const total = parts.filter((part) => part.note !== 'not counted in the total').reduce((sum, part) => sum + part.seconds, 0);
  const cores = cpus().length;
  console.log(`machine: ${cores} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);
  console.log(`feed: ${count} reports, ${changes.length} changes, ${pages.length} pages of ${PAGE}`);
  for (const part of parts) console.log(`${part.seconds.toFixed(2).padStart(7)} s  ${part.part}${part.note ? ` (${part.note})` : ''}`);
  console.log(`  (within the store writes: the full-text index alone takes ${ftsSeconds.toFixed(2)} s)`);
  console.log(`${total.toFixed(2).padStart(7)} s  total CPU, not counting HTTP, messages between threads and garbage collection`);
  console.log(`bound: at most ${Math.round(count / (total / cores))} reports/s on ${cores} cores with every core busy all the time`);
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
