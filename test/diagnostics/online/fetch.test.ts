/**
 * Online diagnostics against the loopback lab (lab.ts): DNS, proxies, TLS,
 * redirects and hostile servers. Every connection the engine opens goes
 * through a connector that refuses anything but 127.0.0.1, so no test can
 * send a packet off this machine; the refusals use a connector that fails
 * the test if it is called at all.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WARCParser } from 'warcio';
import { DestinationRefusedError, type DestinationPolicy } from '../../../src/main/diagnostics/net/destination-policy.ts';
import { fetchUrl, type FetchConfig, type FetchDeps } from '../../../src/main/diagnostics/online/fetch.ts';
import { buildWarc } from '../../../src/main/diagnostics/online/warc.ts';
import { makeCerts, startConnectProxy, startDns, startHttp, startHttps, startSocksProxy, type Certs, type DnsServer, type ProxyServer, type WebServer } from './lab.ts';

let certs: Certs;
let dns: DnsServer;
let web: WebServer;
let secure: WebServer;
let connectProxy: ProxyServer;
let socks: ProxyServer;
let secureProxy: ProxyServer;
const connections: string[] = [];

/** Opens only loopback connections, and remembers them. */
const loopbackOnly: FetchDeps['connectTcp'] = (host, port) => {
  if (host !== '127.0.0.1') throw new Error(`test connector: refusing ${host}`);
  connections.push(`${host}:${String(port)}`);
  return net.connect({ host, port });
};

const mustNotConnect: FetchDeps['connectTcp'] = (host, port) => {
  assert.fail(`the connection factory was called for ${host}:${String(port)}`);
};

function config(policy: Partial<DestinationPolicy>, extra: Partial<FetchConfig> = {}): FetchConfig {
  return {
    policy: { allowPrivate: true, allowDirect: false, proxy: { protocol: 'socks5', host: '127.0.0.1', port: socks.port }, ...policy },
    resolver: { host: '127.0.0.1', port: dns.port },
    bodyCapBytes: 64 * 1024,
    userAgent: 'IblaghWorkstation-Diagnostics/test (+police technical analysis)',
    maxRedirects: 10,
    timeouts: { dnsMs: 1000, connectMs: 2000, headersMs: 1500, hopMs: 2000 },
    ...extra,
  };
}

const deps = (): FetchDeps => ({ connectTcp: loopbackOnly, extraCa: [certs.ca] });

before(async () => {
  certs = makeCerts();
  dns = await startDns({
    'site.test': { A: ['127.0.0.1'], AAAA: [], MX: [[10, 'mx.site.test']], NS: ['ns1.site.test'], TXT: ['v=spf1 -all'] },
    'self.test': { A: ['127.0.0.1'] },
    'old.test': { A: ['127.0.0.1'] },
    'wrong.test': { A: ['127.0.0.1'] },
    'www.site.test': { CNAME: 'site.test', A: ['127.0.0.1'] },
    'big.test': { A: Array.from({ length: 30 }, () => '127.0.0.1'), TXT: Array.from({ length: 30 }, (_, i) => `record ${String(i)}`) },
    'evil.example.com': { A: ['127.0.0.1'] },
  });
  web = await startHttp();
  secure = await startHttps(certs);
  connectProxy = await startConnectProxy();
  socks = await startSocksProxy();
  secureProxy = await startConnectProxy(certs.proxy);
});

after(async () => {
  await Promise.all([dns.close(), web.close(), secure.close(), connectProxy.close(), socks.close(), secureProxy.close()]);
});

describe('online diagnostics: DNS, proxies, TLS, hostile servers (loopback only)', () => {
  test('through SOCKS5: the proxy is asked for the checked IP, never the name, and the server sees only the proxy', async () => {
    connections.length = 0;
    const before = { targets: socks.targets.length, peers: web.peers.length };
    const out = await fetchUrl(`http://site.test:${String(web.port)}/ok`, config({}), deps());
    assert.equal(out.failure, null);
    assert.equal(out.route, `socks5://127.0.0.1:${String(socks.port)}`);
    const hop = out.hops[0];
    assert.equal(hop?.status, 200);
    assert.deepEqual(socks.targets.slice(before.targets), [`127.0.0.1:${String(web.port)}`]);
    // The workstation connected to the proxy only; the server's peer is the proxy's own outgoing socket.
    assert.deepEqual(connections, [`127.0.0.1:${String(socks.port)}`]);
    const peers = web.peers.slice(before.peers);
    assert.equal(peers.length, 1);
    assert.ok(socks.outgoingPorts.includes(peers[0] ?? -1));
    // Fixed UA, no cookies sent, Host is the name.
    const request = web.requests.at(-1);
    assert.equal(request?.headers['user-agent'], 'IblaghWorkstation-Diagnostics/test (+police technical analysis)');
    assert.equal(request?.headers.cookie, undefined);
    assert.equal(request?.headers.host, `site.test:${String(web.port)}`);
    assert.ok(hop?.headers.some((h) => h.name === 'Set-Cookie'));
    assert.match(hop?.body?.bytes.toString() ?? '', /<script>alert\(1\)<\/script>Bonjour مرحبا/);
    // DNS: every type, with TTLs, from the test's resolver.
    const answer = out.dns[0];
    assert.equal(answer?.resolver, `127.0.0.1:${String(dns.port)}`);
    const byType = Object.fromEntries((answer?.answers ?? []).map((a) => [a.type, a]));
    assert.deepEqual(byType.A?.records.map((r) => [r.data, r.ttl]), [['127.0.0.1', 300]]);
    assert.deepEqual(byType.MX?.records.map((r) => r.data), ['10 mx.site.test']);
    assert.deepEqual(byType.NS?.records.map((r) => r.data), ['ns1.site.test']);
    assert.deepEqual(byType.TXT?.records.map((r) => r.data), ['v=spf1 -all']);
    assert.equal(byType.TXT?.records[0]?.ttl, 3600);
  });

  test('through an HTTP CONNECT proxy, HTTPS with a valid chain (test CA), recorded in WARC that warcio reads back', async () => {
    const before = connectProxy.targets.length;
    const peers = secure.peers.length;
    connections.length = 0;
    const out = await fetchUrl(`https://site.test:${String(secure.port)}/ok`, config({ proxy: { protocol: 'http', host: '127.0.0.1', port: connectProxy.port } }), deps());
    assert.equal(out.failure, null);
    assert.deepEqual(connectProxy.targets.slice(before), [`127.0.0.1:${String(secure.port)}`]);
    assert.deepEqual(connections, [`127.0.0.1:${String(connectProxy.port)}`], 'the workstation connected to the proxy only');
    assert.ok(connectProxy.outgoingPorts.includes(secure.peers[peers] ?? -1), 'the server saw the proxy');
    const tls = out.hops[0]?.tls;
    assert.equal(tls?.valid, true, JSON.stringify(tls?.errors));
    assert.match(tls?.subject ?? '', /CN=site\.test/);
    assert.match(tls?.issuer ?? '', /Iblagh Test CA/);
    assert.equal(tls?.san, 'DNS:site.test');
    assert.equal(tls?.chain.length, 2);
    assert.match(tls?.fingerprint_sha256 ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const warc = await buildWarc(out.hops, { software: 'test', userAgent: 'ua', route: out.route, resolver: 'r' }, out.startedAt);
    const records = [];
    for await (const record of WARCParser.iterRecords([warc])) {
      records.push({ type: record.warcType, uri: record.warcTargetURI, ip: record.warcHeader('WARC-IP-Address'), status: record.httpHeaders?.statusCode, text: await record.contentText() });
    }
    assert.deepEqual(records.map((r) => r.type), ['warcinfo', 'request', 'response']);
    assert.equal(records[2]?.uri, `https://site.test:${String(secure.port)}/ok`);
    assert.equal(records[2]?.ip, '127.0.0.1');
    assert.equal(records[2]?.status, 200);
    assert.match(records[2]?.text ?? '', /Bonjour مرحبا/);
  });

  test('through an https:// proxy (TLS to the proxy, checked against its certificate), then CONNECT to the checked IP', async () => {
    const before = secureProxy.targets.length;
    const out = await fetchUrl(`http://site.test:${String(web.port)}/ok`, config({ proxy: { protocol: 'https', host: '127.0.0.1', port: secureProxy.port } }), deps());
    assert.equal(out.failure, null);
    assert.equal(out.route, `https://127.0.0.1:${String(secureProxy.port)}`);
    assert.deepEqual(secureProxy.targets.slice(before), [`127.0.0.1:${String(web.port)}`]);
    // A proxy whose certificate the workstation does not trust is a recorded failure, not a silent downgrade.
    const untrusted = await fetchUrl(`http://site.test:${String(web.port)}/ok`, config({ proxy: { protocol: 'https', host: '127.0.0.1', port: secureProxy.port } }), { connectTcp: loopbackOnly });
    assert.equal(untrusted.failure?.code, 'CONNECT_FAILED');
    assert.equal(secureProxy.targets.length, before + 1);
  });

  for (const [host, expected] of [
    ['self.test', /SELF_SIGNED|UNABLE_TO_VERIFY/],
    ['old.test', /CERT_HAS_EXPIRED/],
    ['wrong.test', /ERR_TLS_CERT_ALTNAME_INVALID/],
  ] as const) {
    test(`an invalid certificate (${host}) is recorded, and said invalid`, async () => {
      const out = await fetchUrl(`https://${host}:${String(secure.port)}/ok`, config({}), deps());
      assert.equal(out.failure, null);
      assert.equal(out.hops[0]?.status, 200);
      const tls = out.hops[0]?.tls;
      assert.equal(tls?.valid, false);
      assert.match(tls?.errors.join(' ') ?? '', expected);
      assert.ok((tls?.chain.length ?? 0) >= 1);
    });
  }

  test('redirects: every hop recorded with its Location; loops and too many hops are recorded failures', async () => {
    const base = `http://site.test:${String(web.port)}`;
    const out = await fetchUrl(`${base}/redirect`, config({}), deps());
    assert.equal(out.failure, null);
    assert.deepEqual(out.hops.map((h) => [h.status, h.location]), [[302, '/hop2'], [301, `http://127.0.0.1:${String(web.port)}/ok`], [200, null]]);
    const loop = await fetchUrl(`${base}/loop-a`, config({}), deps());
    assert.equal(loop.failure?.code, 'REDIRECT_LOOP');
    const chain = await fetchUrl(`${base}/chain/0`, config({}, { maxRedirects: 3 }), deps());
    assert.equal(chain.failure?.code, 'TOO_MANY_REDIRECTS');
    assert.equal(chain.hops.length, 4);
  });

  test('each redirect hop is resolved again: in the lab, a redirect to printer.local asks the lab resolver, which does not know it', async () => {
    const out = await fetchUrl(`http://site.test:${String(web.port)}/to-private-name`, config({}), deps());
    assert.equal(out.hops.length, 1);
    assert.equal(out.failure?.code, 'DNS_FAILED');
    assert.equal(out.dns.at(-1)?.name, 'printer.local');
  });

  test('hostile servers: slow body, silent server, gzip bomb, lying Content-Length, size cap', async () => {
    const base = `http://site.test:${String(web.port)}`;
    const t0 = Date.now();
    const slow = await fetchUrl(`${base}/slow`, config({}), deps());
    assert.equal(slow.failure?.code, 'BODY_TIMEOUT');
    assert.equal(slow.hops[0]?.body?.truncated, true);
    assert.equal(slow.hops[0]?.body?.truncatedReason, 'timeout');
    const silent = await fetchUrl(`${base}/no-headers`, config({}), deps());
    assert.equal(silent.failure?.code, 'HEADERS_TIMEOUT');
    assert.ok(Date.now() - t0 < 15_000);
    const bomb = await fetchUrl(`${base}/gzip-bomb`, config({}), deps());
    assert.equal(bomb.failure, null);
    assert.equal(bomb.hops[0]?.body?.truncated, true);
    assert.equal(bomb.hops[0]?.body?.truncatedReason, 'decompression_cap');
    assert.equal(bomb.hops[0]?.body?.bytes.length, 64 * 1024);
    const gz = await fetchUrl(`${base}/gzip`, config({}), deps());
    assert.equal(gz.hops[0]?.body?.bytes.toString(), 'hello compressed');
    assert.equal(gz.hops[0]?.body?.contentEncoding, 'gzip');
    const liar = await fetchUrl(`${base}/lying-length`, config({}), deps());
    assert.equal(liar.failure?.code, 'CONNECTION_CLOSED');
    assert.equal(liar.hops[0]?.body?.bytes.toString(), 'only a little');
    assert.equal(liar.hops[0]?.body?.truncated, true);
    const big = await fetchUrl(`${base}/big`, config({}), deps());
    assert.equal(big.failure, null);
    assert.equal(big.hops[0]?.body?.truncated, true);
    assert.equal(big.hops[0]?.body?.truncatedReason, 'size_cap');
    assert.equal(big.hops[0]?.body?.bytes.length, 64 * 1024);
    const bigGzip = await fetchUrl(`${base}/big-gzip`, config({}), deps());
    assert.equal(bigGzip.failure, null);
    assert.equal(bigGzip.hops[0]?.body?.truncated, true);
    assert.ok((bigGzip.hops[0]?.body?.bytes.length ?? Infinity) <= 64 * 1024);
    assert.ok((bigGzip.hops[0]?.responseRaw.length ?? Infinity) <= 128 * 1024, 'the raw capture is capped too');
  });

  test('DNS: an unknown name is a recorded failure; a truncated UDP answer is asked again over TCP', async () => {
    const gone = await fetchUrl(`http://nowhere.test:${String(web.port)}/`, config({}), deps());
    assert.equal(gone.failure?.code, 'DNS_FAILED');
    assert.equal(gone.dns[0]?.answers.find((a) => a.type === 'A')?.rcode, 'NXDOMAIN');
    const big = await fetchUrl(`http://big.test:${String(web.port)}/ok`, config({}), deps());
    const a = big.dns[0]?.answers.find((x) => x.type === 'A');
    assert.equal(a?.transport, 'tcp');
    assert.equal(a?.records.length, 30);
    assert.equal(big.failure, null);
  });

  test('a reported name that resolves (through the test DNS) to 127.0.0.1 is refused without the lab setting, and nothing connects', async () => {
    await assert.rejects(
      fetchUrl(`http://evil.example.com:${String(web.port)}/ok`, config({ allowPrivate: false }), { connectTcp: mustNotConnect }),
      (error: unknown) => error instanceof DestinationRefusedError && error.code === 'PRIVATE_DESTINATION' && /127\.0\.0\.1/.test(error.message),
    );
    for (const url of ['http://10.0.0.5/admin', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://0x7f000001/', 'http://printer.local/']) {
      await assert.rejects(fetchUrl(url, config({ allowPrivate: false }), { connectTcp: mustNotConnect }), DestinationRefusedError, url);
    }
  });

  test('no proxy and no direct permission: refused before any DNS or connection', async () => {
    const queries = dns.queries.length;
    await assert.rejects(fetchUrl(`http://site.test:${String(web.port)}/ok`, config({ proxy: null, allowDirect: false }), { connectTcp: mustNotConnect }), (e: unknown) => e instanceof DestinationRefusedError && e.code === 'DIRECT_NOT_ALLOWED');
    assert.equal(dns.queries.length, queries);
  });

  test('direct, when allowed: the workstation connects to the checked address itself', async () => {
    connections.length = 0;
    const out = await fetchUrl(`http://site.test:${String(web.port)}/ok`, config({ proxy: null, allowDirect: true }), deps());
    assert.equal(out.route, 'direct');
    assert.equal(out.failure, null);
    assert.deepEqual(connections, [`127.0.0.1:${String(web.port)}`]);
  });
});
