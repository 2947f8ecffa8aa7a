/**
 * Page screenshots (issue #11) on loopback only, with the real Chromium: the
 * page is rendered through the capture's filtering proxy, which resolves
 * with the test's DNS server, applies the destination policy and goes on
 * through the test's SOCKS5 or CONNECT proxy; what the page references on
 * another loopback port is reached only through the filter and the proxy;
 * a name that resolves to nothing, or to a refused address without the lab
 * setting, is refused and listed. JavaScript is off unless a supervisor turns
 * it on (the PNG's pixels say which). Never for child sexual exploitation.
 * The CLI prints the screenshot's evidence id, hash and size.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { closeChromium } from '../../../src/main/browser/chromium.ts';
import { startFilterProxy } from '../../../src/main/diagnostics/screenshot/filter-proxy.ts';
import { OnlineDiagnostic } from '../../../src/shared/diagnostics-online.ts';
import { cliAsync as cli, initStore } from '../../helpers/cli.ts';
import { setUpStore, tempDir, testCore, value, failure } from '../../helpers/store.ts';
import { fixture } from '../../sync/fixture.ts';
import { makeCerts, startConnectProxy, startDns, startHttps, startSocksProxy, type Certs, type DnsServer, type ProxyServer, type WebServer } from '../online/lab.ts';

interface Site {
  port: number;
  peers: number[];
  paths: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server answering `handler`, recording remote ports and paths. */
async function site(handler: (path: string, res: http.ServerResponse) => void): Promise<Site> {
  const peers: number[] = [];
  const paths: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req.url ?? '', res);
  });
  server.on('connection', (socket: net.Socket) => {
    peers.push(socket.remotePort ?? 0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    peers,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(image);
}

let dns: DnsServer;
let socks: ProxyServer;
let connectProxy: ProxyServer;
let cdn: Site;
let other: Site;
let page: Site;
let certs: Certs;
let secure: WebServer;

/** The page: a red block that its script would turn blue, an image by name (cdn.test), one by loopback address, one whose name does not exist. */
function pageHtml(): string {
  return `<!doctype html><html><body style="margin:0;background:#fff">
<div id="block" style="width:300px;height:300px;background:rgb(255,0,0)"></div>
<img src="http://cdn.test:${String(cdn.port)}/green.png" width="40" height="40">
<img src="http://127.0.0.1:${String(other.port)}/direct.png" width="40" height="40">
<img src="http://nowhere.test/missing.png" width="40" height="40">
<script>document.getElementById('block').style.background = 'rgb(0,0,255)';</script>
</body></html>`;
}

before(async () => {
  certs = makeCerts();
  dns = await startDns({ 'page.test': { A: ['127.0.0.1'] }, 'cdn.test': { A: ['127.0.0.1'] }, 'evil.test': { A: ['127.0.0.1'] }, 'site.test': { A: ['127.0.0.1'] } });
  socks = await startSocksProxy();
  connectProxy = await startConnectProxy();
  cdn = await site((_path, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.end(png(40, 40, [0, 160, 0]));
  });
  other = await site((_path, res) => {
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.end(png(40, 40, [0, 0, 0]));
  });
  page = await site((path, res) => {
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(pageHtml());
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  secure = await startHttps(certs);
});

after(async () => {
  await closeChromium();
  await Promise.all([dns.close(), socks.close(), connectProxy.close(), cdn.close(), other.close(), page.close(), secure.close()]);
});

function pixel(image: PNG, x: number, y: number): [number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.data[i] ?? -1, image.data[i + 1] ?? -1, image.data[i + 2] ?? -1];
}

async function exportedPng(core: ReturnType<typeof testCore>, id: string): Promise<{ image: PNG; bytes: Buffer }> {
  const exported = await value(core, 'evidence.export', { id, fileName: 'capture.png' });
  const bytes = Buffer.from(exported.base64, 'base64');
  return { image: PNG.sync.read(bytes), bytes };
}

test('a page screenshot goes through the filter and the SOCKS5 proxy only, JavaScript off by default, kept as evidence', { timeout: 120_000 }, async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  await value(core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}`, allowPrivate: true });
  const kase = await value(core, 'cases.create', { title: 'Captures de pages' });
  const url = `http://page.test:${String(page.port)}/`;
  const socksBefore = socks.targets.length;

  const result = await value(core, 'diagnostics.online', { url, caseRef: kase.ref, screenshot: true });
  const d = OnlineDiagnostic.parse(result.diagnostics[0]);
  assert.equal(d.status, 200);
  assert.equal(d.screenshot_refused, null);
  const shot = d.screenshot;
  assert.ok(shot, 'a screenshot was taken');
  assert.equal(shot.width, 1280);
  assert.ok(shot.height >= 800 && shot.height <= 6000, String(shot.height));
  assert.equal(shot.javascript, false);

  // Every request the page made is listed: allowed through the filter, or refused and why.
  const byTarget = (part: string) => shot.requests.filter((r) => r.target.includes(part));
  assert.ok(byTarget(`page.test:${String(page.port)}/`).every((r) => r.allowed && r.ip === '127.0.0.1'));
  assert.ok(byTarget(`cdn.test:${String(cdn.port)}/green.png`).some((r) => r.allowed));
  assert.ok(byTarget(`127.0.0.1:${String(other.port)}/direct.png`).some((r) => r.allowed));
  const missing = byTarget('nowhere.test');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]?.allowed, false);
  assert.match(missing[0]?.reason ?? '', /nowhere\.test resolved to no address/);
  assert.ok(dns.queries.some((q) => q.name === 'cdn.test' && q.type === 'A'), 'the filter resolved cdn.test with the configured resolver');

  // The SOCKS5 proxy was asked for the checked addresses of the page, the image by name and the one by address.
  const asked = socks.targets.slice(socksBefore);
  for (const port of [page.port, cdn.port, other.port]) assert.ok(asked.includes(`127.0.0.1:${String(port)}`), `proxy asked for 127.0.0.1:${String(port)}: ${asked.join(', ')}`);
  assert.ok(cdn.paths.includes('/green.png'));
  // No request bypassed the filter: the server the page names by its loopback address only saw the proxy's connections.
  assert.ok(other.peers.length > 0);
  for (const peer of other.peers) assert.ok(socks.outgoingPorts.includes(peer), `the direct.png server was reached from port ${String(peer)}, not the proxy`);

  // The evidence item: a PNG, the same hash, the method says how.
  const item = (await value(core, 'evidence.get', { id: shot.evidence_id })).item;
  assert.equal(item.kind, 'screenshot');
  assert.equal(item.mediaType, 'image/png');
  assert.equal(item.caseRef, kase.ref);
  assert.equal(item.sha256, shot.sha256);
  assert.equal(item.method['javascript'], 'off');
  assert.equal(item.method['viewport'], '1280x800');
  assert.match(String(item.method['route']), new RegExp(`filtering proxy .* then socks5://127\\.0\\.0\\.1:${String(socks.port)}`));
  assert.equal(item.method['resolver'], `127.0.0.1:${String(dns.port)}`);
  assert.ok((item.method['requests'] as string[]).some((line) => /^refused GET http:\/\/nowhere\.test\/missing\.png: /.test(line)));

  // JavaScript off: the block is still red (the script would have made it blue); the image by name was drawn (green).
  const { image } = await exportedPng(core, shot.evidence_id);
  assert.deepEqual(pixel(image, 150, 150), [255, 0, 0]);

  // The preview the report view blurs: pixels from the decoder process, logged as viewed.
  const preview = await value(core, 'diagnostics.screenshotPreview', { evidenceId: shot.evidence_id });
  assert.equal(Math.max(preview.width, preview.height), 256, 'at most 256 pixels a side');
  assert.equal(Buffer.from(preview.grey, 'base64').length, preview.width * preview.height);
  const custody = (await value(core, 'evidence.get', { id: shot.evidence_id })).custody;
  assert.ok(custody.some((c) => c.action === 'viewed' && c.detail['as'] === 'greyscale_preview'));
  assert.equal((await failure(core, 'diagnostics.screenshotPreview', { evidenceId: d.warc?.evidence_id })).code, 'INVALID_INPUT');

  // A supervisor turns JavaScript on for screenshots: the script runs, the block is blue.
  await value(core, 'diagnostics.onlineSettings', { screenshotJavaScript: true });
  const withJs = OnlineDiagnostic.parse((await value(core, 'diagnostics.online', { url, caseRef: kase.ref, screenshot: true })).diagnostics[0]);
  assert.equal(withJs.screenshot?.javascript, true);
  const blue = await exportedPng(core, withJs.screenshot?.evidence_id ?? '');
  assert.deepEqual(pixel(blue.image, 150, 150), [0, 0, 255]);
  const jsItem = (await value(core, 'evidence.get', { id: withJs.screenshot?.evidence_id })).item;
  assert.equal(jsItem.method['javascript'], 'on (supervisor setting)');
});

test('an https page through the HTTP CONNECT proxy: the browser CONNECTs to the filter, the filter CONNECTs to the checked address', { timeout: 120_000 }, async (t) => {
  const core = testCore(t);
  await setUpStore(core);
  await value(core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `http://127.0.0.1:${String(connectProxy.port)}`, resolver: `127.0.0.1:${String(dns.port)}`, allowPrivate: true });
  const before = connectProxy.targets.length;
  const d = OnlineDiagnostic.parse((await value(core, 'diagnostics.online', { url: `https://site.test:${String(secure.port)}/ok`, screenshot: true })).diagnostics[0]);
  assert.equal(d.tls?.valid, false, 'the test CA is not a system root: recorded as invalid, shown all the same');
  assert.ok(d.screenshot, JSON.stringify(d.screenshot_refused));
  assert.ok(d.screenshot.requests.some((r) => r.method === 'CONNECT' && r.target === `site.test:${String(secure.port)}` && r.allowed));
  const asked = connectProxy.targets.slice(before);
  assert.ok(asked.filter((x) => x === `127.0.0.1:${String(secure.port)}`).length >= 2, 'the fetch and the page both went through the CONNECT proxy to the checked address');
  for (const peer of secure.peers) assert.ok(connectProxy.outgoingPorts.includes(peer), 'the https server only saw the proxy');
});

test('the filter, without the lab setting, refuses a name resolving to loopback and records why; nothing is connected', async () => {
  const proxy = await startFilterProxy({
    policy: { allowPrivate: false, allowDirect: false, proxy: { protocol: 'socks5', host: '127.0.0.1', port: socks.port } },
    resolver: { host: '127.0.0.1', port: dns.port },
    timeouts: { dnsMs: 2000, connectMs: 2000 },
    maxBytes: 1024 * 1024,
    connectTcp: () => {
      throw new Error('the connection factory must not be called for a refused destination');
    },
  });
  const pagesBefore = page.paths.length;
  try {
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(proxy.port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
    const connect = await raw('CONNECT evil.test:443 HTTP/1.1\r\nHost: evil.test:443\r\n\r\n');
    assert.match(connect, /^HTTP\/1\.1 403 /);
    const plain = await raw(`GET http://127.0.0.1:${String(page.port)}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.match(plain, /^HTTP\/1\.1 403 /);
    const local = await raw('GET http://printer.local/ HTTP/1.1\r\nHost: printer.local\r\nConnection: close\r\n\r\n');
    assert.match(local, /^HTTP\/1\.1 403 /);
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target, r.allowed]),
      [
        ['CONNECT', 'evil.test:443', false],
        ['GET', `http://127.0.0.1:${String(page.port)}/`, false],
        ['GET', 'http://printer.local/', false],
      ],
    );
    assert.match(proxy.requests[0]?.reason ?? '', /evil\.test resolves to 127\.0\.0\.1.*loopback/);
    assert.match(proxy.requests[1]?.reason ?? '', /127\.0\.0\.1 is .*loopback/);
    assert.match(proxy.requests[2]?.reason ?? '', /printer\.local is a local name/);
    assert.equal(page.paths.length, pagesBefore, 'the page server saw nothing');
  } finally {
    await proxy.close();
  }
});

test('never for child sexual exploitation: the diagnostic runs, the screenshot is refused with the reason, no browser opened', { timeout: 120_000 }, async (t) => {
  const f = await fixture(t, { count: 3, attachments: 0 });
  await f.sync();
  const { db } = f.core.unlockedStore();
  const reportId = db.prepare('SELECT id FROM reports ORDER BY id LIMIT 1').pluck().get() as string;
  db.prepare("UPDATE reports SET category = 'child_sexual_exploitation' WHERE id = ?").run(reportId);
  await value(f.core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}`, allowPrivate: true });
  const pagesBefore = page.paths.length;
  const d = OnlineDiagnostic.parse((await value(f.core, 'diagnostics.online', { url: `http://page.test:${String(page.port)}/`, reportId, screenshot: true })).diagnostics[0]);
  assert.equal(d.status, 200, 'the diagnostic itself ran');
  assert.equal(d.screenshot, null);
  assert.equal(d.screenshot_refused?.code, 'NO_VIEW_CATEGORY');
  assert.match(d.screenshot_refused?.message ?? '', /ever taken .*child sexual exploitation/);
  assert.equal(page.paths.length, pagesBefore + 1, 'only the fetch reached the page, no browser');
  const items = await value(f.core, 'evidence.list', { target: { reportId } });
  assert.ok(!items.items.some((i) => i.kind === 'screenshot'));

  // A case holding such a report: no screenshot of any of its URLs either.
  const kase = await value(f.core, 'cases.create', { title: 'Dossier sensible', reportIds: [reportId] });
  const byCase = OnlineDiagnostic.parse((await value(f.core, 'diagnostics.online', { url: `http://page.test:${String(page.port)}/`, caseRef: kase.ref, screenshot: true })).diagnostics[0]);
  assert.equal(byCase.screenshot, null);
  assert.equal(byCase.screenshot_refused?.code, 'NO_VIEW_CATEGORY');
  assert.match(byCase.screenshot_refused?.message ?? '', /a case holding a report/);
  assert.equal(page.paths.length, pagesBefore + 2, 'again only the fetch');
});

test('iblagh-ws diagnose URL --screenshot --json prints the screenshot, no warning', { timeout: 120_000 }, async (t) => {
  const store = join(tempDir(t), 'store');
  await initStore(store);
  const out = await cli([
    'diagnose',
    `http://page.test:${String(page.port)}/`,
    '--store',
    store,
    '--proxy',
    `socks5://127.0.0.1:${String(socks.port)}`,
    '--resolver',
    `127.0.0.1:${String(dns.port)}`,
    '--allow-private',
    '--screenshot',
    '--json',
  ]);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stderr, '');
  const d = JSON.parse(out.stdout) as { screenshot: Record<string, unknown> | null; screenshot_refused: unknown };
  assert.ok(d.screenshot);
  assert.match(String(d.screenshot['evidence_id']), /^EV-\d{4}-/);
  assert.match(String(d.screenshot['sha256']), /^[0-9a-f]{64}$/);
  assert.equal(d.screenshot['width'], 1280);
  assert.equal(typeof d.screenshot['height'], 'number');
  assert.equal(d.screenshot_refused, null);
  const listed = await cli(['evidence', 'list', '--store', store, '--json']);
  assert.ok(listed.stdout.split('\n').some((line) => line.includes('"kind":"screenshot"') && line.includes(String(d.screenshot?.['sha256']))));
});
