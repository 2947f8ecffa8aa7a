/**
 * diagnostics.online, .history, .onlineStatus and .onlineSettings through the
 * contract, on a real encrypted store, and `iblagh-ws diagnose URL` online,
 * against the loopback lab (lab.ts): the lab setting is on wherever a request
 * is made (every lab server is 127.0.0.1); the refusals make none.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { recheckDue } from '../../../src/main/diagnostics/online/recheck.ts';
import { OnlineDiagnostic } from '../../../src/shared/diagnostics-online.ts';
import { utcSeconds, type ReportPayload } from '../../../src/intake/contract.ts';
import { cliAsync as cli, initStore } from '../../helpers/cli.ts';
import { fixture } from '../../sync/fixture.ts';
import { ANALYST, failure, setUpStore, tempDir, testCore, value, createProfile } from '../../helpers/store.ts';
import { makeCerts, startDns, startHttp, startSocksProxy, type DnsServer, type ProxyServer, type WebServer } from './lab.ts';

let dns: DnsServer;
let web: WebServer;
let socks: ProxyServer;

before(async () => {
  makeCerts(); // openssl is there (the fetch tests use the certificates)
  dns = await startDns({ 'site.test': { A: ['127.0.0.1'], TXT: ['hello'] }, 'evil.example.com': { A: ['127.0.0.1'] } });
  web = await startHttp();
  socks = await startSocksProxy();
});

after(async () => {
  await Promise.all([dns.close(), web.close(), socks.close()]);
});

test('online diagnostics through the contract: off by default, a supervisor enables them, captures kept as evidence, history per URL', async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  const status = await value(core, 'diagnostics.onlineStatus');
  assert.equal(status.disabledReason, 'disabled');
  assert.equal(status.route, null);
  assert.equal((await failure(core, 'diagnostics.online', { url: `http://site.test:${String(web.port)}/ok` })).code, 'ONLINE_DISABLED');
  assert.equal((await failure(core, 'diagnostics.onlineSettings', { proxyUrl: 'ftp://x:1' })).code, 'INVALID_INPUT');
  assert.equal((await failure(core, 'diagnostics.onlineSettings', { resolver: 'dns.example' })).code, 'INVALID_INPUT');

  const enabled = await value(core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}` });
  assert.equal(enabled.disabledReason, null);
  assert.equal(enabled.route, `socks5://127.0.0.1:${String(socks.port)}`);

  // Without the lab setting, a name resolving to 127.0.0.1 is refused and the proxy is not even asked.
  const asked = socks.targets.length;
  const refused = await failure(core, 'diagnostics.online', { url: `http://evil.example.com:${String(web.port)}/ok` });
  assert.equal(refused.code, 'DESTINATION_REFUSED');
  assert.match(refused.message, /evil\.example\.com resolves to 127\.0\.0\.1/);
  assert.equal(socks.targets.length, asked);

  await value(core, 'diagnostics.onlineSettings', { allowPrivate: true });
  const kase = await value(core, 'cases.create', { title: 'Diagnostics en ligne' });
  const ref = kase.ref;
  const first = await value(core, 'diagnostics.online', { url: `http://site.test:${String(web.port)}/changed`, caseRef: ref });
  const d = OnlineDiagnostic.parse(first.diagnostics[0]);
  assert.equal(d.status, 200);
  assert.equal(d.state, 'online');
  assert.equal(d.case_ref, ref);
  assert.equal(d.route, `socks5://127.0.0.1:${String(socks.port)}`);
  assert.match(d.user_agent, /^IblaghWorkstation-Diagnostics\/\S+ \(\+police technical analysis\)$/);
  assert.equal(d.body?.preview.kind, 'text');
  for (const [id, kind] of [
    [d.evidence_id, 'http_capture'],
    [d.warc?.evidence_id, 'warc'],
    [d.dns[0]?.evidence_id, 'dns_answer'],
  ] as const) {
    const item = await value(core, 'evidence.get', { id });
    assert.equal(item.item.kind, kind);
    assert.equal(item.item.caseRef, ref);
  }
  const warc = await value(core, 'evidence.get', { id: d.warc?.evidence_id });
  assert.equal(warc.item.sha256, d.warc?.sha256);

  const second = await value(core, 'diagnostics.online', { url: `http://site.test:${String(web.port)}/changed`, caseRef: ref });
  assert.equal(second.diagnostics[0]?.state, 'changed', 'the body hash differs');
  await value(core, 'diagnostics.online', { url: `http://site.test:${String(web.port)}/gone`, caseRef: ref });
  const history = await value(core, 'diagnostics.history', { caseRef: ref });
  const changed = history.urls.find((u) => u.url.endsWith('/changed'));
  assert.equal(changed?.state, 'changed');
  assert.equal(changed?.since, d.finished_at, 'online since the first check (changed is still online)');
  assert.equal(changed?.checks.length, 2);
  assert.equal(history.urls.find((u) => u.url.endsWith('/gone'))?.state, 'removed');

  // Analysts may run diagnostics but not change the path, nor the settings.
  await createProfile(core, { ...ANALYST });
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase });
  assert.equal((await failure(core, 'diagnostics.onlineSettings', { allowDirect: true })).code, 'FORBIDDEN');
  assert.equal((await failure(core, 'diagnostics.online', { url: 'http://site.test/', override: { allowDirect: true } })).code, 'FORBIDDEN');
  const audit = await value(core, 'diagnostics.onlineStatus');
  assert.equal(audit.settings.allowPrivate, true);
});

test('iblagh-ws diagnose URL --store DIR --proxy socks5://… --resolver … --allow-private --json; refused destinations exit 1', async (t) => {
  const store = join(tempDir(t), 'store');
  await initStore(store);
  const url = `http://site.test:${String(web.port)}/redirect`;
  const path = ['--proxy', `socks5://127.0.0.1:${String(socks.port)}`, '--resolver', `127.0.0.1:${String(dns.port)}`];

  const disabled = await cli(['diagnose', url, '--store', store, '--json']);
  assert.equal(disabled.status, 1);
  assert.match(disabled.stderr, /not enabled|ONLINE_DISABLED/);

  const refused = await cli(['diagnose', url, '--store', store, ...path, '--json']);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /127\.0\.0\.1.*loopback/);

  const before = socks.targets.length;
  const out = await cli(['diagnose', url, '--store', store, ...path, '--allow-private', '--json']);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const d = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  for (const key of ['evidence_id', 'requested_url', 'final_url', 'redirects', 'status', 'headers', 'body', 'tls', 'dns', 'warc', 'started_at', 'finished_at']) assert.ok(key in d, key);
  const parsed = OnlineDiagnostic.parse(d);
  assert.equal(parsed.requested_url, url);
  assert.equal(parsed.final_url, `http://127.0.0.1:${String(web.port)}/ok`);
  assert.deepEqual(parsed.redirects.map((r) => [r.status, r.location]), [[302, '/hop2'], [301, `http://127.0.0.1:${String(web.port)}/ok`]]);
  assert.equal(parsed.status, 200);
  assert.equal(parsed.tls, null);
  assert.ok(socks.targets.length >= before + 3, 'every hop went through the SOCKS5 proxy');

  const hostile = await cli(['diagnose', `http://site.test:${String(web.port)}/lying-length`, '--store', store, ...path, '--allow-private', '--json']);
  assert.equal(hostile.status, 0, 'a misbehaving server is a recorded result');
  assert.equal(JSON.parse(hostile.stdout).failure.code, 'CONNECTION_CLOSED');
});

test('still online: URLs already diagnosed are diagnosed again once older than the interval, with their history', async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  await value(core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}`, allowPrivate: true, recheckHours: 1 });
  const ref = (await value(core, 'cases.create', { title: 'Toujours en ligne ?' })).ref;
  await value(core, 'diagnostics.online', { url: `http://site.test:${String(web.port)}/ok`, caseRef: ref });
  await value(core, 'diagnostics.online', { url: `http://site.test:${String(web.port)}/missing`, caseRef: ref });
  const { db } = core.unlockedStore();
  assert.equal(await recheckDue(db, new Date()), 0, 'nothing due yet');
  assert.equal(await recheckDue(db, new Date(Date.now() + 2 * 3_600_000)), 2);
  const history = await value(core, 'diagnostics.history', { caseRef: ref });
  const ok = history.urls.find((u) => u.url.endsWith('/ok'));
  assert.equal(ok?.checks.length, 2);
  assert.equal(ok?.state, 'online');
  assert.equal(ok?.since, ok?.checks[0]?.at, 'online since the first check');
  const missing = history.urls.find((u) => u.url.endsWith('/missing'));
  assert.equal(missing?.state, 'removed');
  assert.equal(missing?.checks.length, 2);
  const audit = await value(core, 'audit.list', { limit: 50 });
  assert.ok(audit.events.some((e) => e.action === 'diagnostics.online_run' && e.detail.scheduled === true && e.analystId === null));
  // Off: nothing runs.
  await value(core, 'diagnostics.onlineSettings', { recheckHours: 0 });
  assert.equal(await recheckDue(db, new Date(Date.now() + 5 * 3_600_000)), 0);
});

test('every URL of a case: read as offline (defanged, no scheme), each kept with its report; refusals listed, not thrown', async (t) => {
  const f = await fixture(t, { count: 4, attachments: 0 });
  const donor = JSON.parse(f.server.appendReport({ category: 'fraud' }).payload) as ReportPayload;
  const urls = [`http://site.test:${String(web.port)}/ok`, `hxxp://site[.]test:${String(web.port)}/missing`, 'javascript:alert(1)'];
  f.server.appendRaw('report', JSON.stringify({ ...donor, revision: donor.revision + 1, updated_at: utcSeconds(Date.parse(donor.updated_at) + 60_000), content: { ...donor.content, urls } }));
  assert.equal((await f.sync()).lastError, null);
  const ref = (await value(f.core, 'cases.create', { title: 'Toutes les URL', reportIds: [donor.id] })).ref;
  await value(f.core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}` });

  // Without the lab setting both web URLs are refused (they resolve to 127.0.0.1): listed, nothing fetched.
  const asked = socks.targets.length;
  const refused = await value(f.core, 'diagnostics.online', { caseRef: ref, all: true });
  assert.equal(refused.diagnostics.length, 0);
  assert.deepEqual(refused.refused.map((r) => r.url), [`http://site.test:${String(web.port)}/ok`, `http://site.test:${String(web.port)}/missing`]);
  assert.equal(socks.targets.length, asked);

  await value(f.core, 'diagnostics.onlineSettings', { allowPrivate: true });
  const all = await value(f.core, 'diagnostics.online', { caseRef: ref, all: true });
  assert.deepEqual(all.diagnostics.map((d) => [d.requested_url, d.report_id, d.case_ref, d.state]), [
    [`http://site.test:${String(web.port)}/ok`, donor.id, ref, 'online'],
    [`http://site.test:${String(web.port)}/missing`, donor.id, ref, 'removed'],
  ]);
  const byReport = await value(f.core, 'diagnostics.history', { reportId: donor.id });
  assert.equal(byReport.urls.length, 2);
});
