/**
 * `npm run bench:sync`: syncs 100,000 generated reports (with 2,000
 * attachments) from the reference intake service, run in its own process on
 * loopback, into an empty encrypted store, through the real path (the
 * worker thread the app uses). Prints reports per second, the workstation
 * process's peak memory, the longest stall of its main thread, and the
 * single-core Ed25519 verification rate measured in the same run.
 *
 * Options: --count N (100000), --attachments N (2000), --writes (meanwhile, an
 * analyst's status set through the contract every ~40 ms on the main thread,
 * as fast as nobody clicks: how long each waits for the store).
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCore } from '../src/main/core.ts';
import { startIntakeProcess, statCpuSeconds } from './intake-process.ts';
import { TEST_SCRYPT } from '../src/main/crypto/key-wrap.ts';
import { ED25519_IMPLEMENTATION, ed25519Verifier } from '../src/main/crypto/ed25519.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, attachments: { type: 'string', default: '2000' }, writes: { type: 'boolean', default: false } } });
const count = Number(values.count);
const attachments = Number(values.attachments);

/** Signatures verified per second on one core, by the workstation's verifier and by plain OpenSSL. */
function ed25519Rates(): { workstation: number; openssl: number } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = Buffer.from(JSON.stringify({ kind: 'report', description: 'x'.repeat(600) }));
  const signature = sign(null, message, privateKey);
  const rate = (check: () => boolean): number => {
    let n = 0;
    const started = performance.now();
    while (performance.now() - started < 1000) {
      for (let i = 0; i < 100; i += 1) if (!check()) throw new Error('a valid signature did not verify');
      n += 100;
    }
    return n / ((performance.now() - started) / 1000);
  };
  const workstation = ed25519Verifier(publicKey);
  return { workstation: rate(() => workstation(message, signature)), openssl: rate(() => verify(null, message, publicKey, signature)) };
}

/**
 * CPU seconds of each thread of this process seen so far, by thread name (Linux: /proc/self/task).
 * Threads that ended keep their last reading; V8's and libuv's helper threads are summed under their names.
 */
const threadCpu = new Map<string, { name: string; seconds: number }>();
function sampleThreads(): void {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      threadCpu.set(tid, { name, seconds: statCpuSeconds(stat) });
    } catch {
      // the thread ended between the listing and the read
    }
  }
}

const work = mkdtempSync(join(tmpdir(), 'iblagh-bench-sync-'));
const service = await startIntakeProcess(['--count', String(count), '--attachments', String(attachments)], join(work, 'intake'));
process.stderr.write(`${service.feed}\n`);
try {
  // The KDF is not what is measured here.
  const core = createCore({ storeDir: join(work, 'store'), host: 'cli', version: 'bench', scrypt: TEST_SCRYPT });
  const setup = await core.dispatch('session.setup', { name: 'Bench Analyst', service: 'Benchmark unit', passphrase: 'bench phrase for the sync run 2026', locale: 'fr' });
  if (!setup.ok) throw new Error(setup.error.message);
  const configured = await core.dispatch('intake.update', { url: service.url, token: service.token, publicKeyPem: service.keyPem, workstationId: 'ws-bench', syncIntervalMinutes: 0 });
  if (!configured.ok) throw new Error(configured.error.message);

  let peakRss = process.memoryUsage().rss;
  /** The run's step when memory peaked (sync.progress events). */
  let phase = 'start';
  let peakPhase = phase;
  const stopPhases = core.onEvent((event, payload) => {
    if (event === 'sync.progress') phase = (payload as { phase: string }).phase;
  });
  sampleThreads();
  const threadsBefore = new Map([...threadCpu].map(([tid, t]) => [tid, t.seconds]));
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) {
      peakRss = rss;
      peakPhase = phase;
    }
    sampleThreads();
  }, 20);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const intakeCpuBefore = service.cpuSeconds();
  const writeTimes: number[] = [];
  let writing = false;
  const writer = !values.writes
    ? null
    : setInterval(() => {
        if (writing) return;
        // One of the first thousand reports, once they are there.
        const id = core.unlockedStore().db.prepare('SELECT id FROM reports WHERE rowid = ?').pluck().get(1 + Math.floor(Math.random() * 1000)) as string | undefined;
        if (!id) return;
        writing = true;
        const before = performance.now();
        void core.dispatch('reports.setStatusBulk', { reportIds: [id], status: 'in_analysis' }).then((result) => {
          if (!result.ok) throw new Error(result.error.message);
          writeTimes.push(performance.now() - before);
          writing = false;
        });
      }, 40);
  const run = await core.dispatch('sync.start', undefined);
  if (!run.ok) throw new Error(run.error.message);
  await core.syncIdle();
  const seconds = (performance.now() - started) / 1000;
  if (writer) clearInterval(writer);
  const cpu = process.cpuUsage(cpuBefore);
  const intakeCpuAfter = service.cpuSeconds();
  stalls.disable();
  clearInterval(sampler);
  sampleThreads();
  const byName = new Map<string, number>();
  for (const [tid, t] of threadCpu) byName.set(t.name, (byName.get(t.name) ?? 0) + t.seconds - (threadsBefore.get(tid) ?? 0));
  const status = await core.dispatch('sync.status', undefined);
  if (!status.ok) throw new Error(status.error.message);
  const s = status.value as { reports: number; cursor: number; headSeq: number; lastError: string | null; quarantined: number };
  if (s.lastError) throw new Error(`sync failed: ${s.lastError}`);
  const { db } = core.unlockedStore();
  const verified = (db.prepare("SELECT count(*) AS n FROM attachments WHERE state = 'verified'").get() as { n: number }).n;
  const revisions = (db.prepare('SELECT count(*) AS n FROM report_revisions').get() as { n: number }).n;
  core.close();

  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`);
  console.log(`synced: ${s.reports} reports (${revisions} revisions), cursor ${s.cursor}/${s.headSeq}, ${verified} attachments verified, ${s.quarantined} quarantined`);
  // Attachments download while the feed is applied, so there is no separate phase to time.
  console.log(`end to end: ${seconds.toFixed(1)} s -> ${Math.round(s.reports / seconds)} reports/s, ${Math.round(revisions / seconds )} revisions/s`);
  stopPhases();
  console.log(`peak memory of the workstation process (RSS): ${(peakRss / 2 ** 20).toFixed(0)} MiB (during the run's "${peakPhase}" step)`);
  const intakeCpu = intakeCpuBefore === null || intakeCpuAfter === null ? 'unknown' : `${(intakeCpuAfter - intakeCpuBefore).toFixed(1)} s`;
  console.log(`CPU time during the sync: workstation process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads), intake service ${intakeCpu}; ${(seconds * cpus().length).toFixed(1)} s of CPU were available`);
  console.log(`  by thread: ${[...byName].filter(([, seconds]) => seconds >= 0.05).sort((a, b) => b[1] - a[1]).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ')}`);
  if (writeTimes.length > 0) {
    writeTimes.sort((a, b) => a - b);
    const at = (q: number) => writeTimes[Math.min(writeTimes.length - 1, Math.floor(writeTimes.length * q))]!.toFixed(1);
    console.log(`status sets during the sync: ${writeTimes.length}, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms, ${writeTimes.filter((t) => t > 50).length} over 50 ms`);
  }
  console.log(`longest main-thread stall during the sync: ${(stalls.max / 1e6).toFixed(1)} ms (p99 ${(stalls.percentile(99) / 1e6).toFixed(1)} ms)`);
  const rates = ed25519Rates();
  console.log(`Ed25519 verification, one core, same run: ${Math.round(rates.workstation)} signatures/s with ${ED25519_IMPLEMENTATION} (OpenSSL: ${Math.round(rates.openssl)}/s)`);
} finally {
  service.stop();
  rmSync(work, { recursive: true, force: true });
}
